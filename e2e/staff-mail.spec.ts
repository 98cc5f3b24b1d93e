import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { bookQuickly, uniqueEmail } from "./support/booking";
import { waitForMail } from "./support/mail";
import { DEMO_STAFF, signInAs } from "./support/staff";

/**
 * No confirmation is lost silently: one the mail service refuses for good (here: a mistyped address) shows up for
 * staff, who send it again, to the corrected address, with a fresh manage link; the old link, which never arrived,
 * stops working.
 */
test("an undelivered confirmation is shown to staff and sent again with a fresh link", async ({ page, browser }) => {
  const mistyped = uniqueEmail("vertippt").replace("@example.org", "@unzustellbar.example");
  const corrected = uniqueEmail("korrigiert");
  const { reference, manageUrl } = await bookQuickly(page, mistyped);

  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signInAs(staffPage, DEMO_STAFF);
  // The worker gives a refused address up at the first attempt; the day view then says so.
  await expect.poll(async () => (await staffPage.reload(), await staffPage.getByText(/konnte die Bestätigung nicht per E-Mail zugestellt werden/).count()), { timeout: 20_000 }).toBeGreaterThan(0);
  await staffPage.getByRole("link", { name: "Nicht zugestellte E-Mails ansehen" }).click();
  await expect(staffPage.getByRole("heading", { level: 1, name: "Nicht zugestellte E-Mails" })).toBeVisible();
  const entry = staffPage.locator("li, tr, section, article").filter({ hasText: reference }).last();
  await expect(entry).toContainText(mistyped);
  await expect(entry).toContainText("meist ist die Adresse fehlerhaft");
  await expectNoAxeViolations(staffPage, "undelivered e-mails");

  await entry.getByLabel("E-Mail-Adresse korrigieren (freiwillig)").fill(corrected);
  await entry.getByRole("button", { name: "Erneut senden" }).click();
  await expect(staffPage.getByText("Die E-Mail wird erneut gesendet, mit einem neuen Link zum Ändern oder Absagen.")).toBeVisible();
  await expect(staffPage.getByText(reference)).toHaveCount(0);

  const mail = await waitForMail(corrected);
  const freshLink = /https?:\/\/[^\s"]+\/termin\/verwalten\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
  expect(freshLink).not.toBe(manageUrl);
  await page.goto(freshLink);
  await expect(page.getByText(reference)).toBeVisible();
  const old = await page.goto(manageUrl);
  expect(old?.status()).toBe(404);
  await staff.close();
});

test("api keys are issued once, work for bookings without a proof of work, and can be revoked", async ({ page, request }) => {
  await signInAs(page, { email: "admin@musterstadt.example", password: "Demo-Admin-2026!" });
  await page.getByRole("link", { name: "API-Schlüssel" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/api-schluessel$/);
  await expectNoAxeViolations(page, "api keys");
  await page.getByLabel("Bezeichnung").fill("E2E Bürgerportal");
  await page.getByRole("button", { name: "Schlüssel ausgeben" }).click();
  await expect(page.getByText("Nur jetzt sichtbar – bitte sicher übergeben")).toBeVisible();
  const key = /tv_[A-Za-z0-9_-]{43}/.exec((await page.locator("main").textContent()) ?? "")![0];
  expect(page.url()).not.toContain(key);
  await expectNoAxeViolations(page, "api key issued");

  const book = (apiKey: string) =>
    request.post("/api/v1/bookings", {
      headers: { "x-api-key": apiKey },
      data: { location: "rathaus", concerns: [{ concern: "meldebescheinigung", quantity: 1 }], start: "2099-01-01T08:00:00.000Z", citizen: { name: "Portal Test", email: uniqueEmail("portal") }, consent: true },
    });
  // The key is accepted (the time itself is not bookable: 409, not 401).
  expect((await book(key)).status()).toBe(409);

  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "E2E Bürgerportal" });
  await row.getByRole("link", { name: /Widerrufen/ }).click();
  await page.getByRole("button", { name: /widerrufen/ }).click();
  await expect(page.getByText(/wurde widerrufen/)).toBeVisible();
  expect((await book(key)).status()).toBe(401);
});

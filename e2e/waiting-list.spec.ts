import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { expectNoAxeViolations } from "./support/axe";
import { uniqueEmail, waitUntilFormMayBeSent } from "./support/booking";
import { fillTime, insertBooking, waitingListStatus } from "./support/db";
import { waitForMail, type RecordedMail } from "./support/mail";
import { DEMO_STAFF, signInAs } from "./support/staff";

/*
 * Nordstadt opens on Mondays 08:30–12:00 with one online counter. Each variant takes its own Monday beyond the days
 * other specs book at Nordstadt, fills it, and keeps one online booking at 10:00 whose cancellation frees the only time
 * the waiting-list entry can get.
 */
const TZ = "Europe/Berlin";
const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

function fillDayButOne(date: string, email: string): string {
  fillTime("nordstadt", "personalausweis", at(date, "08:30"), at(date, "10:00"));
  fillTime("nordstadt", "personalausweis", at(date, "10:20"), at(date, "12:00"));
  const manageToken = randomBytes(32).toString("base64url");
  insertBooking({ locationSlug: "nordstadt", concernSlug: "personalausweis", startsAt: at(date, "10:00"), minutes: 20, name: "Frieda Frei", email, manageToken });
  return manageToken;
}

const linkIn = (mail: RecordedMail, path: RegExp) => {
  const match = new RegExp(`http://[^\\s]+${path.source}`).exec(mail.text);
  expect(match, `link ${path} in the mail`).not.toBeNull();
  return new URL(match![0]).pathname;
};

async function joinFromTheDayStep(page: Page, date: string, email: string, axe: boolean) {
  await page.goto("/termin/tag?anliegen=personalausweis.1&standort=nordstadt");
  await page.getByRole("main").getByRole("link", { name: "Auf die Warteliste setzen", exact: true }).click();
  await page.waitForURL(/\/termin\/warteliste\?anliegen=personalausweis\.1&standort=nordstadt/);
  await expect(page.getByRole("heading", { level: 1, name: "Auf die Warteliste" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Bürgerbüro-Außenstelle Nordstadt" })).toBeChecked();
  if (axe) await expectNoAxeViolations(page, "waiting-list sign-up");

  // Sent empty: the errors beside the fields and in the summary.
  await waitUntilFormMayBeSent(page);
  await page.getByRole("button", { name: "Auf die Warteliste setzen" }).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  if (axe) await expectNoAxeViolations(page, "waiting-list sign-up with errors");

  await page.getByLabel("Name", { exact: true }).fill("Walter Warte");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Frühestens am").fill(date);
  await page.getByLabel("Spätestens am").fill(date);
  await waitUntilFormMayBeSent(page);
  await page.getByRole("button", { name: "Auf die Warteliste setzen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bitte bestätigen Sie Ihre E-Mail-Adresse" })).toBeVisible();
  if (axe) await expectNoAxeViolations(page, "waiting-list sign-up sent");
}

async function confirmFromTheMail(page: Page, email: string, axe: boolean) {
  const mail = await waitForMail(email, (m) => m.subject.startsWith("Bitte bestätigen: Warteliste"));
  const confirmPath = linkIn(mail, /\/termin\/warteliste\/bestaetigen\/[A-Za-z0-9_-]+/);
  const leavePath = linkIn(mail, /\/termin\/warteliste\/verlassen\/[A-Za-z0-9_-]+/);
  // The leave link, too, only shows its page.
  await page.goto(leavePath);
  await expect(page.getByRole("button", { name: "Warteliste verlassen" })).toBeVisible();
  if (axe) await expectNoAxeViolations(page, "leave the waiting list");
  expect(waitingListStatus(email)).toBe("unconfirmed");
  // Opening the link (what a mail scanner does) confirms nothing.
  await page.goto(confirmPath);
  await expect(page.getByRole("heading", { level: 1, name: "Warteliste bestätigen" })).toBeVisible();
  expect(waitingListStatus(email)).toBe("unconfirmed");
  if (axe) await expectNoAxeViolations(page, "waiting-list confirmation");
  await page.getByRole("button", { name: "Jetzt bestätigen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sie stehen auf der Warteliste" })).toBeVisible();
  expect(waitingListStatus(email)).toBe("active");
  if (axe) await expectNoAxeViolations(page, "waiting-list confirmed");
}

async function cancelThroughTheLink(page: Page, manageToken: string) {
  await page.goto(`/termin/verwalten/${manageToken}/absagen`);
  await page.getByRole("button", { name: "Ja, Termin absagen" }).click();
  await page.waitForURL(/abgesagt=1/);
}

async function acceptTheOffer(page: Page, email: string, date: string, axe: boolean) {
  const offer = await waitForMail(email, (m) => m.subject.startsWith("Ein Termin ist frei geworden"));
  expect(offer.text).toContain("10:00 Uhr");
  expect(waitingListStatus(email)).toBe("offered");
  const acceptPath = linkIn(offer, /\/termin\/warteliste\/angebot\/[A-Za-z0-9_-]+(?=\s)/);
  expect(offer.text).toContain(`${acceptPath}/ablehnen`);
  await page.goto(`${acceptPath}/ablehnen`);
  await expect(page.getByRole("heading", { level: 1, name: "Angebotenen Termin ablehnen" })).toBeVisible();
  if (axe) await expectNoAxeViolations(page, "decline an offer");
  expect(waitingListStatus(email)).toBe("offered");
  await page.goto(acceptPath);
  await expect(page.getByRole("heading", { level: 1, name: "Angebotenen Termin annehmen" })).toBeVisible();
  // The hold's deadline, in words (WCAG 2.2.1).
  await expect(page.getByText(/Wir halten diesen Termin für Sie frei bis .+ Uhr/)).toBeVisible();
  if (axe) await expectNoAxeViolations(page, "offer");
  await page.getByRole("button", { name: "Termin verbindlich annehmen" }).click();
  await page.waitForURL(/\/termin\/verwalten\/[A-Za-z0-9_-]+\?gebucht=1/);
  await expect(page.getByRole("main").getByText("10:00").first()).toBeVisible();
  expect(waitingListStatus(email)).toBeNull();
  const confirmation = await waitForMail(email, (m) => m.subject.startsWith("Ihr Termin am"));
  expect(confirmation.text).toContain(`${date.slice(8, 10).replace(/^0/, "")}.`);
  expect(confirmation.text).toContain("/termin/verwalten/");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`waiting list ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    const date = javaScriptEnabled ? "2027-01-04" : "2027-01-11";

    test("joins from the day step, confirms by mail, and books the time a cancellation frees", async ({ page }) => {
      // Two forms read as a person would (without JavaScript: the minimum time each) and three mails.
      test.setTimeout(120_000);
      const email = uniqueEmail(`waiting-${javaScriptEnabled ? "js" : "nojs"}`);
      const manageToken = fillDayButOne(date, uniqueEmail("frieda"));
      // Axe runs as a script in the page: only where JavaScript runs (the markup is the same without).
      await joinFromTheDayStep(page, date, email, javaScriptEnabled);
      await confirmFromTheMail(page, email, javaScriptEnabled);
      await cancelThroughTheLink(page, manageToken);
      await acceptTheOffer(page, email, date, javaScriptEnabled);
    });
  });
}

test.describe("waiting list for staff", () => {
  test("lists the location's entries and offers a free staff-only time by hand", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const date = "2027-01-18";
    // The online counter is taken all morning; the staff-only counter is free.
    insertBooking({ locationSlug: "nordstadt", concernSlug: "personalausweis", startsAt: at(date, "08:30"), minutes: 210, name: "Otto Online", email: null });
    const email = uniqueEmail("waiting-staff");
    await joinFromTheDayStep(page, date, email, false);
    await confirmFromTheMail(page, email, false);
    expect(waitingListStatus(email)).toBe("active");

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signInAs(staff, DEMO_STAFF);
    await staff.goto("/staff?standort=nordstadt");
    await expect(staff.getByRole("link", { name: /auf der Warteliste/ })).toBeVisible();
    await staff.getByRole("navigation").getByRole("link", { name: "Warteliste", exact: true }).first().click();
    await staff.getByRole("link", { name: "Bürgerbüro-Außenstelle Nordstadt" }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "Warteliste: Bürgerbüro-Außenstelle Nordstadt" })).toBeVisible();
    const row = staff.getByRole("row").filter({ has: staff.getByRole("rowheader", { name: "Walter Warte" }) }).last();
    await expect(row).toContainText("wartet");
    await expectNoAxeViolations(staff, "staff waiting list");
    await row.getByRole("button", { name: /Angebot senden/ }).click();
    await expect(staff.getByRole("main").getByText("Das Angebot ist verschickt.")).toBeVisible();
    await expectNoAxeViolations(staff, "staff waiting list after an offer");
    await waitForMail(email, (m) => m.subject.startsWith("Ein Termin ist frei geworden"));
    expect(waitingListStatus(email)).toBe("offered");
    await staffContext.close();
  });
});

import { expect, test, type Page } from "@playwright/test";
import { MIN_DWELL_MS } from "@/lib/domain/proof-of-work";
import { expectNoAxeViolations } from "./support/axe";
import { bookQuickly, uniqueEmail } from "./support/booking";
import { bookingByReference, outboxKinds } from "./support/db";
import { waitForMail } from "./support/mail";

const SENT_TEXT = "Wenn die Buchungsnummer und die E-Mail-Adresse zu einem bevorstehenden Termin gehören, haben wir den Link soeben an diese Adresse geschickt. Das kann einige Minuten dauern; sehen Sie bitte auch im Spam-Ordner nach.";

/** Fills the form (home page or its own page) and sends it as a person would: not within the first seconds. */
async function requestLink(page: Page, reference: string, email: string) {
  const main = page.locator("main");
  await main.getByLabel("Buchungsnummer").fill(reference);
  await main.getByLabel("E-Mail-Adresse").fill(email);
  await page.waitForTimeout(MIN_DWELL_MS + 300);
  await main.getByRole("button", { name: "Link schicken" }).click();
  await page.waitForURL(/\/termin\/link-anfordern\?gesendet=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bitte sehen Sie in Ihr Postfach");
  await expect(main.getByRole("status")).toHaveText(SENT_TEXT);
}

test("the home page sends the manage link again for booking number and e-mail, answering the same for an unknown pair", async ({ page }) => {
  const email = uniqueEmail("lost-link");
  const { reference, manageUrl } = await bookQuickly(page, email);
  const bookingId = bookingByReference(reference)!.id;

  // An unknown pair first: the same page and words, and no mail.
  await page.goto("/");
  await expectNoAxeViolations(page, "home page with the manage form");
  await requestLink(page, reference, uniqueEmail("not-the-booker"));
  const unknownAnswer = await page.locator("main").innerText();
  await expectNoAxeViolations(page, "manage link requested");

  // Typed as people do: lower case, no dash, the address in capitals.
  await page.goto("/");
  await requestLink(page, reference.toLowerCase().replace("-", ""), email.toUpperCase());
  expect(await page.locator("main").innerText()).toBe(unknownAnswer);

  const mail = await waitForMail(email, (m) => m.subject.startsWith("Ihr Link zum Termin"));
  // The link the citizen already had: it keeps working.
  expect(mail.text).toContain(`${manageUrl}\n`);
  expect(mail.text).not.toContain("Ältere Links");
  expect(outboxKinds(bookingId).filter((kind) => kind === "manage_link")).toHaveLength(1);
  await page.goto(manageUrl);
  await expect(page.locator("main")).toContainText(reference);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form's own page shows errors, refuses a post sent at once, and sends the link", async ({ page, browser }) => {
    const email = uniqueEmail("lost-link-nojs");
    const booker = await browser.newPage();
    const { reference } = await bookQuickly(booker, email);
    await booker.close();

    await page.goto("/termin/link-anfordern");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Link zu Ihrem Termin anfordern");
    const main = page.locator("main");
    await main.getByRole("button", { name: "Link schicken" }).click();
    await page.waitForURL(/fehler=/);
    const summary = main.locator(".error-summary");
    await expect(summary).toContainText("Geben Sie die Buchungsnummer aus Ihrer Bestätigung ein");
    await expect(summary).toContainText("Geben Sie Ihre E-Mail-Adresse ein.");
    await expect(main.getByLabel("Buchungsnummer")).toHaveAttribute("aria-invalid", "true");

    // Sent the moment the form appeared: a script, not a person.
    await main.getByLabel("Buchungsnummer").fill(reference);
    await main.getByLabel("E-Mail-Adresse").fill(email);
    await main.getByRole("button", { name: "Link schicken" }).click();
    await page.waitForURL(/fehler=too_fast/);
    await expect(summary).toContainText("Das ging sehr schnell.");

    await requestLink(page, reference, email);
    await waitForMail(email, (m) => m.subject.startsWith("Ihr Link zum Termin"));
  });

  test("the home page's form works without JavaScript, in English too", async ({ page, context }) => {
    await context.addCookies([{ name: "lang", value: "en", url: "http://127.0.0.1:3100" }]);
    await page.goto("/");
    const main = page.locator("main");
    await expect(main.getByRole("heading", { name: "Manage your appointment" })).toBeVisible();
    await main.getByLabel("Booking number").fill("ACDE-FGHJ");
    await main.getByLabel("E-mail address").fill(uniqueEmail("nobody"));
    await page.waitForTimeout(MIN_DWELL_MS + 300);
    await main.getByRole("button", { name: "Send the link" }).click();
    await page.waitForURL(/\/termin\/link-anfordern\?gesendet=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please check your inbox");
  });
});

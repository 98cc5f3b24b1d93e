import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { chooseConcerns, chooseFirstFreeDay, chooseLocationIfAsked, chooseTime, fillDetails, uniqueEmail, waitUntilFormMayBeSent } from "./support/booking";
import { latestBookingByEmail, setBookingConfirmationMinutes } from "./support/db";
import { waitForMail } from "./support/mail";

/*
 * Double opt-in (settings.bookingConfirmationMinutes): an online booking holds its time until the citizen confirms it
 * from the e-mail. Switched on for these tests only; the suite runs one test at a time (playwright.config.ts).
 */
test.beforeEach(() => setBookingConfirmationMinutes(30));
test.afterEach(() => setBookingConfirmationMinutes(0));

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a booking is held until confirmed from the e-mail; opening the link alone confirms nothing", async ({ page }) => {
      const email = uniqueEmail(javaScriptEnabled ? "optin-js" : "optin-nojs");
      await chooseConcerns(page, [{ name: "Personalausweis beantragen" }]);
      await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
      await chooseFirstFreeDay(page);
      await chooseTime(page);
      await fillDetails(page, { name: "Otto Opt-in", email });
      await waitUntilFormMayBeSent(page);
      await page.getByRole("button", { name: "Termin verbindlich buchen" }).click();

      // The hold, with its deadline in words, and where the link went.
      await page.waitForURL(/\/termin\/vorgemerkt\/[A-Za-z0-9_-]+$/);
      const main = page.getByRole("main");
      await expect(main.getByRole("heading", { level: 1 })).toHaveText("Fast geschafft: Bitte bestätigen Sie Ihren Termin");
      await expect(main.getByRole("status")).toContainText(/Wir halten die Zeit für Sie bis .+\. Ohne Bestätigung bis dahin geben wir sie wieder frei\./);
      await expect(main).toContainText(email);
      await expect(main.getByRole("button")).toHaveCount(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page, "held booking");
      expect(latestBookingByEmail(email)).toMatchObject({ status: "held", hold_purpose: "confirmation" });

      const mail = await waitForMail(email, (m) => m.subject.startsWith("Bitte bestätigen: Ihr Termin"));
      expect(mail.attachments ?? []).toHaveLength(0);
      const link = /http:\/\/\S+(\/termin\/bestaetigen\/\d+\.[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

      await page.goto(link);
      await expect(main.getByRole("heading", { level: 1 })).toHaveText("Termin bestätigen");
      await page.reload();
      expect(latestBookingByEmail(email)?.status).toBe("held");
      if (javaScriptEnabled) await expectNoAxeViolations(page, "confirmation page");

      await main.getByRole("button", { name: "Termin verbindlich bestätigen" }).click();
      await page.waitForURL(/\/termin\/verwalten\/[^/?]+\?gebucht=1/);
      await expect(main.getByRole("heading", { level: 1 })).toHaveText("Ihr Termin ist gebucht");
      expect(latestBookingByEmail(email)).toMatchObject({ status: "booked", hold_purpose: null, held_until: null });
      const confirmation = await waitForMail(email, (m) => m.subject.startsWith("Ihr Termin"));
      expect(confirmation.text).toContain("/termin/verwalten/");

      // The link again: the booking is confirmed, its page opens.
      await page.goto(link);
      await page.waitForURL(/\/termin\/verwalten\/[^/?]+$/);
    });
  });
}

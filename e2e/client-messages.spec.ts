import { expect, test } from "@playwright/test";
import adminCatalogue from "@/lib/i18n/messages/admin-catalogue.de.json";
import adminPeople from "@/lib/i18n/messages/admin-people.de.json";
import core from "@/lib/i18n/messages/de.json";
import hall from "@/lib/i18n/messages/hall.de.json";
import staff from "@/lib/i18n/messages/staff.de.json";
import { chooseConcerns, chooseFirstFreeDay, chooseLocationIfAsked, chooseTime } from "./support/booking";

/**
 * Only the messages a page's client components use are embedded in its HTML (lib/i18n/client-messages.ts): a
 * citizen's page carries no staff, administration or hall texts; the booking flow's pages carry the texts their forms
 * show after a round trip (an error message), home and the information pages no messages at all.
 */
const ELSEWHERE = {
  "staff login": staff.staff.login.throttled.slice(0, 30),
  "admin catalogue": adminCatalogue.adminCatalogue.errors.leika_invalid.slice(0, 30),
  "admin accounts": adminPeople.adminPeople.rules.last_admin.slice(0, 30),
  "hall kiosk": hall.hall.kiosk.codeHint.slice(0, 30),
};
const CLIENT_TEXTS = { "field error": core.errors.fields.concerns_required, "summary title": core.common.errorSummaryTitle };

/** Each page, and whether its client components show translated texts. */
const CITIZEN_PAGES: [string, boolean][] = [
  ["/", false],
  ["/datenschutz", false],
  ["/termin", true],
  ["/termin/tag?anliegen=personalausweis.1&standort=rathaus", true],
  ["/termin/verwalten/unbekannt", true],
];

test.describe("messages on the client", () => {
  for (const [path, translatedClient] of CITIZEN_PAGES) {
    test(`${path} embeds no staff, admin or hall texts${translatedClient ? ", but its forms' texts" : " and no messages"}`, async ({ request }) => {
      const response = await request.get(path);
      const html = await response.text();
      expect(html.length).toBeGreaterThan(1000);
      for (const [area, text] of Object.entries(ELSEWHERE)) expect(html, `${area} text in ${path}`).not.toContain(text);
      for (const [what, text] of Object.entries(CLIENT_TEXTS)) {
        if (translatedClient) expect(html, `${what} text for the client in ${path}`).toContain(text);
        else expect(html, `${what} text in ${path}`).not.toContain(text);
      }
    });
  }

  test("the staff sign-in page still carries its own texts (the check above can fail)", async ({ request }) => {
    const html = await (await request.get("/staff/login")).text();
    expect(html).toContain(ELSEWHERE["staff login"]);
    expect(html).not.toContain(ELSEWHERE["hall kiosk"]);
  });

  test("the concerns form shows its error in words, not message keys", async ({ page }) => {
    await page.goto("/termin");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
    await expect(page.locator("main")).toContainText(core.errors.fields.concerns_required);
    await expect(page.locator("main")).not.toContainText(/\b(errors|booking|common)\.[a-zA-Z]/);
  });

  test("the details step, checked on the server only, shows the errors and keeps what was typed", async ({ page }) => {
    await chooseConcerns(page, [{ name: "Personalausweis beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await chooseFirstFreeDay(page);
    await chooseTime(page);
    await page.getByLabel("Vor- und Nachname").fill("Erika Mustermann");
    await page.getByLabel("E-Mail-Adresse", { exact: true }).fill("erika@example");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expect(page.locator(".error-summary")).toContainText(core.errors.fields.email_invalid);
    await expect(page).toHaveURL(/\/termin\/daten/);
    await expect(page.getByLabel("Vor- und Nachname")).toHaveValue("Erika Mustermann");
    await expect(page.getByLabel("E-Mail-Adresse", { exact: true })).toHaveValue("erika@example");
  });
});

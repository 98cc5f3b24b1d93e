import Database from "better-sqlite3";
import { expect, test, type BrowserContext } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { E2E } from "./support/settings";

type LegalSettings = {
  retentionDays: number;
  operatorName: string;
  operatorStreet: string;
  operatorPostalCode: string;
  operatorCity: string;
  contactPhone: string;
  accessibilityContactEmail: string;
};

/** The settings the pages render, read from the test database (only once the server has created and seeded it). */
function readSettings(): LegalSettings {
  const db = new Database(E2E.databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `select retention_days as retentionDays, operator_name as operatorName, operator_street as operatorStreet,
                operator_postal_code as operatorPostalCode, operator_city as operatorCity, contact_phone as contactPhone,
                accessibility_contact_email as accessibilityContactEmail
           from settings where id = 1`,
      )
      .get() as LegalSettings | undefined;
    if (!row) throw new Error("The test database has no settings row.");
    return row;
  } finally {
    db.close();
  }
}

async function useEnglish(context: BrowserContext) {
  await context.addCookies([{ name: "lang", value: "en", url: E2E.baseUrl }]);
}

test.describe("legal and help pages in German", () => {
  test("privacy notice names the retention period, no tracking and the cookies", async ({ page }) => {
    const settings = readSettings();
    await page.goto("/datenschutz");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Datenschutzerklärung");
    const retention = settings.retentionDays === 1 ? "Einen Tag" : `${settings.retentionDays} Tage`;
    await expect(page.getByText(`${retention} nach Ihrem Termin`).first()).toBeVisible();
    await expect(page.getByText(/keine Cookies zur Analyse/i).first()).toBeVisible();
    await expect(page.getByText("Mit einer Buchung speichern wir keine IP-Adresse.")).toBeVisible();
    const cookies = page.getByRole("table", { name: "Cookies auf dieser Website" });
    await expect(cookies).toContainText("lang");
    await expect(cookies).toContainText("termin-entwurf");
    await expect(page.getByRole("heading", { level: 2, name: "Ihre Rechte" })).toBeVisible();
    await expectNoAxeViolations(page, "privacy notice");
  });

  test("imprint shows the operator and its address", async ({ page }) => {
    const settings = readSettings();
    await page.goto("/impressum");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Impressum");
    const address = page.getByRole("main").locator("address").first();
    await expect(address).toContainText(settings.operatorName);
    await expect(address).toContainText(settings.operatorStreet);
    await expect(address).toContainText(`${settings.operatorPostalCode} ${settings.operatorCity}`);
    await expect(page.getByRole("main").getByRole("link", { name: settings.contactPhone })).toHaveAttribute("href", /^tel:/);
    await expectNoAxeViolations(page, "imprint");
  });

  test("accessibility statement gives the compliance status, date and feedback contact", async ({ page }) => {
    const settings = readSettings();
    await page.goto("/barrierefreiheit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Erklärung zur Barrierefreiheit");
    await expect(page.getByText("teilweise vereinbar").first()).toBeVisible();
    await expect(page.getByText("Stand: 24. November 2026")).toBeVisible();
    await expect(page.getByRole("link", { name: settings.accessibilityContactEmail })).toHaveAttribute(
      "href",
      `mailto:${settings.accessibilityContactEmail}`,
    );
    await expect(page.getByRole("heading", { level: 2, name: "Schlichtungsverfahren" })).toBeVisible();
    await expectNoAxeViolations(page, "accessibility statement");
  });

  test("Leichte Sprache explains booking step by step and links to the booking", async ({ page }) => {
    const settings = readSettings();
    await page.goto("/leichte-sprache");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leichte Sprache");
    const main = page.getByRole("main");
    await expect(main.locator("ol > li")).toHaveCount(6);
    await expect(main).toContainText("Bürger·büro");
    await expect(main.getByRole("link", { name: "Termin buchen" })).toHaveAttribute("href", "/termin");
    await expect(main.getByRole("link", { name: settings.contactPhone }).first()).toHaveAttribute("href", /^tel:/);
    await expectNoAxeViolations(page, "Leichte Sprache");
  });
});

test.describe("legal and help pages in English", () => {
  test("privacy notice", async ({ page, context }) => {
    await useEnglish(context);
    const settings = readSettings();
    await page.goto("/datenschutz");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy notice");
    const retention = settings.retentionDays === 1 ? "one day" : `${settings.retentionDays} days`;
    await expect(page.getByText(`We delete your personal data ${retention} after your appointment.`)).toBeVisible();
    await expect(page.getByText(/no analytics cookies/i).first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Cookies on this website" })).toContainText("termin-entwurf");
    await expectNoAxeViolations(page, "privacy notice in English");
  });

  test("legal notice", async ({ page, context }) => {
    await useEnglish(context);
    const settings = readSettings();
    await page.goto("/impressum");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legal notice");
    const address = page.getByRole("main").locator("address").first();
    await expect(address).toContainText(settings.operatorName);
    await expect(address).toContainText(`${settings.operatorPostalCode} ${settings.operatorCity}`);
    await expectNoAxeViolations(page, "legal notice in English");
  });

  test("accessibility statement", async ({ page, context }) => {
    await useEnglish(context);
    const settings = readSettings();
    await page.goto("/barrierefreiheit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
    await expect(page.getByText("partially compliant").first()).toBeVisible();
    await expect(page.getByText("Last updated: 24 November 2026")).toBeVisible();
    await expect(page.getByRole("link", { name: settings.accessibilityContactEmail })).toHaveAttribute(
      "href",
      `mailto:${settings.accessibilityContactEmail}`,
    );
    await expectNoAxeViolations(page, "accessibility statement in English");
  });

  test("easy read", async ({ page, context }) => {
    await useEnglish(context);
    await page.goto("/leichte-sprache");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Easy read");
    const main = page.getByRole("main");
    await expect(main.locator("ol > li")).toHaveCount(6);
    await expect(main.getByRole("link", { name: "Book an appointment" })).toHaveAttribute("href", "/termin");
    await expectNoAxeViolations(page, "easy read in English");
  });
});

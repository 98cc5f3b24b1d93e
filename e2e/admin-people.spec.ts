import { expect, test } from "@playwright/test";
import { ADMIN_ACCOUNT, sessionCount, signIn, staffAccountByEmail, uniqueStaffEmail } from "./support/admin";
import { expectNoAxeViolations } from "./support/axe";

const PASSWORD = "Erstes-Passwort-fuer-Nora";

test.describe("staff accounts", () => {
  test("creates an account that can sign in; deactivating it ends its session at once", async ({ page, browser }) => {
    const email = uniqueStaffEmail("nora");
    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
    await page.goto("/staff/admin/konten");
    await expect(page.getByRole("heading", { level: 1, name: "Konten" })).toBeVisible();
    await expectNoAxeViolations(page, "accounts page");

    await page.getByLabel("Dienstliche E-Mail-Adresse").fill(email);
    await page.getByLabel("Vor- und Nachname").fill("Nora Neu");
    await page.getByRole("radio", { name: /^Mitarbeitende/ }).check();
    await page.getByLabel("Erstes Passwort", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Erstes Passwort wiederholen").fill(PASSWORD);
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await page.waitForURL(/\/staff\/admin\/konten\/\d+\?erledigt=angelegt$/);
    await expect(page.getByRole("heading", { level: 1, name: "Konto von Nora Neu" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Das Konto ist angelegt.");
    await expectNoAxeViolations(page, "account page");
    expect(staffAccountByEmail(email)).toMatchObject({ name: "Nora Neu", role: "staff", active: 1 });

    // Nora signs in elsewhere.
    const noraContext = await browser.newContext();
    const nora = await noraContext.newPage();
    await signIn(nora, email, PASSWORD);
    await expect(nora.getByText("Angemeldet als Nora Neu (Mitarbeitende)")).toBeVisible();
    const noraId = staffAccountByEmail(email)!.id;
    expect(sessionCount(noraId)).toBe(1);

    await page.getByRole("button", { name: "Konto von Nora Neu deaktivieren" }).click();
    await expect(page.getByRole("status")).toContainText("Das Konto ist deaktiviert.");
    expect(staffAccountByEmail(email)?.active).toBe(0);
    expect(sessionCount(noraId)).toBe(0);

    // Her next page load ends on the sign-in page, and her password no longer opens the staff area.
    await nora.goto("/staff");
    await expect(nora).toHaveURL(/\/staff\/login/);
    await nora.getByLabel("E-Mail-Adresse", { exact: true }).fill(email);
    await nora.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
    await nora.getByRole("button", { name: "Anmelden" }).click();
    await expect(nora.getByText("E-Mail-Adresse oder Passwort sind falsch.")).toBeVisible();
    await noraContext.close();

    // The audit log tells the story, newest first.
    await page.goto("/staff/admin/protokoll?typ=staff_user");
    await expect(page.getByRole("heading", { level: 1, name: "Protokoll" })).toBeVisible();
    const firstRow = page.locator("table").first().locator("tbody > tr").first();
    await expect(firstRow).toContainText("Konto deaktiviert");
    await expect(firstRow).toContainText(ADMIN_ACCOUNT.email);
    await expectNoAxeViolations(page, "audit log");
  });

  test("explains problems in an error summary, also without JavaScript", async ({ browser }) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
      await page.goto("/staff/admin/konten");
      await page.getByLabel("Dienstliche E-Mail-Adresse").fill(ADMIN_ACCOUNT.email);
      await page.getByLabel("Vor- und Nachname").fill("Doppelt Vergeben");
      await page.getByLabel("Erstes Passwort", { exact: true }).fill("kurz");
      await page.getByLabel("Erstes Passwort wiederholen").fill("kurz");
      await page.getByRole("button", { name: "Konto anlegen" }).click();
      const summary = page.locator(".error-summary");
      await expect(summary).toContainText("Das Passwort muss mindestens 12 Zeichen lang sein.");
      await expect(page.getByLabel("Erstes Passwort", { exact: true })).toHaveAttribute("aria-invalid", "true");
      if (javaScriptEnabled) await expectNoAxeViolations(page, "accounts page with errors");

      await page.getByLabel("Erstes Passwort", { exact: true }).fill("lang-genug-aber-vergeben");
      await page.getByLabel("Erstes Passwort wiederholen").fill("lang-genug-aber-vergeben");
      await page.getByRole("button", { name: "Konto anlegen" }).click();
      await expect(page.locator(".error-summary")).toContainText("Für diese E-Mail-Adresse gibt es schon ein Konto.");
      // What was typed comes back, the password never does.
      await expect(page.getByLabel("Vor- und Nachname")).toHaveValue("Doppelt Vergeben");
      if (!javaScriptEnabled) await expect(page.getByLabel("Erstes Passwort", { exact: true })).toHaveValue("");
      await context.close();
    }
  });

  test("an admin can neither demote nor deactivate their own account", async ({ page }) => {
    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
    const adminId = staffAccountByEmail(ADMIN_ACCOUNT.email)!.id;
    await page.goto(`/staff/admin/konten/${adminId}`);
    await expect(page.getByText("Ihre eigene Rolle können Sie nicht ändern.")).toBeVisible();
    await expect(page.getByText("Ihr eigenes Konto können Sie nicht deaktivieren.")).toBeVisible();
    await expect(page.getByRole("button", { name: /deaktivieren/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Rolle speichern" })).toHaveCount(0);
  });
});

test.describe("statistics", () => {
  test("shows charts with tables, filters by period and location, and passes axe", async ({ page }) => {
    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
    await page.goto("/staff/admin/statistik");
    await expect(page.getByRole("heading", { level: 1, name: "Statistik" })).toBeVisible();
    for (const heading of [
      "Termine nach Anliegen",
      "Termine nach Standort",
      "Termine nach Tag",
      "Buchungswege",
      "Nicht erschienen",
      "Nicht erschienen nach Vorlauf der Buchung",
      "Nicht erschienen nach Wochentag",
      "Nicht erschienen nach Anliegen",
      "Nicht erschienen mit und ohne Erinnerung",
      "Auslastung nach Standort",
    ]) {
      await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
    }
    await expectNoAxeViolations(page, "statistics page");

    // The tables behind the charts, opened.
    for (const summary of await page.locator("details > summary").all()) await summary.click();
    await expect(page.getByRole("table", { name: "Termine nach Anliegen" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Anzahl" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Nicht erschienen nach Vorlauf der Buchung" }).getByRole("rowheader", { name: "Mehr als 28 Tage" })).toBeVisible();
    await expectNoAxeViolations(page, "statistics tables");

    await page.getByLabel("Standort", { exact: true }).selectOption({ label: "Bürgerbüro-Außenstelle Nordstadt" });
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await expect(page).toHaveURL(/standort=\d+/);
    await expect(page.getByText(/· Bürgerbüro-Außenstelle Nordstadt$/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Als CSV-Datei herunterladen" })).toHaveAttribute("href", /\/staff\/admin\/statistik\/export\?von=\d{4}-\d{2}-\d{2}&bis=\d{4}-\d{2}-\d{2}&standort=\d+/);

    await page.goto("/staff/admin/statistik?von=2026-12-01&bis=2026-11-01");
    await expect(page.locator(".error-summary")).toContainText("Das Enddatum darf nicht vor dem Anfangsdatum liegen.");
    await expectNoAxeViolations(page, "statistics with an invalid period");
  });
});

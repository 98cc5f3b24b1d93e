import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  ADMIN_ACCOUNT,
  auditCount,
  bookingItemDurations,
  catalogueId,
  categoryOrder,
  concernDocumentLinks,
  concernDurationMinutes,
  setConcernDurationMinutes,
  settingsText,
  signIn,
  STAFF_ACCOUNT,
} from "./support/admin";
import { expectNoAxeViolations } from "./support/axe";
import { bookQuickly, uniqueEmail } from "./support/booking";
import { bookingByReference } from "./support/db";
import { E2E } from "./support/settings";

/**
 * The concern catalogue, locations and settings as an administrator uses them: a changed duration reaches new bookings
 * only, every page passes axe (also with errors showing), the forms work without JavaScript, and nobody but an admin
 * gets in, neither through the pages nor by calling the actions directly.
 */

const CONCERN = { slug: "meldebescheinigung", name: "Meldebescheinigung" };
const SEEDED_MINUTES = 5;
const DURATION_ERROR = "Geben Sie eine Dauer von 5 bis 480 Minuten in 5-Minuten-Schritten ein, z. B. 15.";

function adminPages() {
  return [
    { path: "/staff/admin/anliegen", heading: "Anliegen" },
    { path: "/staff/admin/anliegen/neu", heading: "Neues Anliegen" },
    { path: `/staff/admin/anliegen/${catalogueId("concerns", CONCERN.slug)}`, heading: `Anliegen bearbeiten: ${CONCERN.name}` },
    { path: "/staff/admin/anliegen/kategorien", heading: "Kategorien" },
    { path: "/staff/admin/anliegen/kategorien/neu", heading: "Neue Kategorie" },
    { path: `/staff/admin/anliegen/kategorien/${catalogueId("concern_categories", "meldewesen")}`, heading: "Kategorie bearbeiten: Meldewesen" },
    { path: "/staff/admin/anliegen/unterlagen", heading: "Unterlagen" },
    { path: "/staff/admin/anliegen/unterlagen/neu", heading: "Neue Unterlage" },
    { path: `/staff/admin/anliegen/unterlagen/${catalogueId("documents", "biometric-photo")}`, heading: "Unterlage bearbeiten: Aktuelles biometrisches Passfoto (digital)" },
    { path: "/staff/admin/anliegen/formulare", heading: "Formulare" },
    { path: "/staff/admin/anliegen/formulare/neu", heading: "Neues Formular" },
    { path: `/staff/admin/anliegen/formulare/${catalogueId("forms", "vollmacht")}`, heading: "Formular bearbeiten: Vollmacht" },
    { path: "/staff/admin/standorte", heading: "Standorte" },
    { path: "/staff/admin/standorte/neu", heading: "Neuer Standort" },
    { path: `/staff/admin/standorte/${catalogueId("locations", "rathaus")}`, heading: "Standort bearbeiten: Bürgerbüro im Rathaus" },
    { path: "/staff/admin/einstellungen", heading: "Einstellungen" },
  ];
}

/** Opens the concern from the list, types a new duration and saves; returns on the list with its notice. */
async function changeDuration(page: Page, minutes: number) {
  await page.goto("/staff/admin/anliegen");
  await page.getByRole("link", { name: CONCERN.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Anliegen bearbeiten: ${CONCERN.name}` })).toBeVisible();
  // The form says what a change means for existing appointments.
  await expect(page.getByText("Gilt für neue Buchungen; bestehende Termine bleiben unverändert.")).toBeVisible();
  await page.getByLabel("Dauer in Minuten").fill(String(minutes));
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await page.waitForURL(/\/staff\/admin\/anliegen\?hinweis=gespeichert$/);
  await expect(page.getByRole("status")).toContainText("Die Änderungen sind gespeichert.");
}

/** The concern's entry on the citizen's first booking step. */
function citizenConcernItem(page: Page) {
  return page.locator("li.concern").filter({ has: page.getByRole("checkbox", { name: CONCERN.name, exact: true }) });
}

async function signedInPage(browser: Browser, account: { email: string; password: string }, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ baseURL: E2E.baseUrl, ...options });
  const page = await context.newPage();
  await signIn(page, account.email, account.password);
  return { context, page };
}

test.describe("concern catalogue", () => {
  // Whatever happens in a test, the next specs see the seeded duration again.
  test.afterAll(() => setConcernDurationMinutes(CONCERN.slug, SEEDED_MINUTES));

  test("a changed duration applies to new bookings only", async ({ page, browser }) => {
    expect(concernDurationMinutes(CONCERN.slug)).toBe(SEEDED_MINUTES);

    // A citizen books before the change: 5 minutes, rounded up to the 10-minute grid.
    const citizenContext = await browser.newContext({ baseURL: E2E.baseUrl });
    const citizen = await citizenContext.newPage();
    const before = await bookQuickly(citizen, uniqueEmail("dauer-vorher"), CONCERN.name);
    const existing = bookingByReference(before.reference)!;
    expect(existing.ends_at - existing.starts_at).toBe(10 * 60_000);
    expect(bookingItemDurations(before.reference)).toEqual([SEEDED_MINUTES]);

    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
    const audits = auditCount("concern.update");
    await changeDuration(page, 15);
    expect(concernDurationMinutes(CONCERN.slug)).toBe(15);
    expect(auditCount("concern.update")).toBe(audits + 1);
    await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: CONCERN.name, exact: true }) })).toContainText("15 Minuten");

    // The existing booking keeps its end and its item snapshot.
    expect(bookingByReference(before.reference)!.ends_at).toBe(existing.ends_at);
    expect(bookingItemDurations(before.reference)).toEqual([SEEDED_MINUTES]);

    // New bookings see and get the new duration: 15 minutes, 20 on the 10-minute grid.
    await citizen.goto("/termin");
    await expect(citizenConcernItem(citizen)).toContainText("Dauer: etwa 15 Minuten");
    const after = await bookQuickly(citizen, uniqueEmail("dauer-nachher"), CONCERN.name);
    const fresh = bookingByReference(after.reference)!;
    expect(fresh.ends_at - fresh.starts_at).toBe(20 * 60_000);
    expect(bookingItemDurations(after.reference)).toEqual([15]);

    // Put it back the way an administrator would.
    await changeDuration(page, SEEDED_MINUTES);
    expect(concernDurationMinutes(CONCERN.slug)).toBe(SEEDED_MINUTES);
    await citizen.goto("/termin");
    await expect(citizenConcernItem(citizen)).toContainText("Dauer: etwa 5 Minuten");
    expect(bookingByReference(before.reference)!.ends_at).toBe(existing.ends_at);
    await citizenContext.close();
  });

  // One test per page keeps each well inside the time limit on a busy machine.
  for (const { path, heading } of adminPages()) {
    test(`${path} passes axe`, async ({ page }) => {
      await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: heading }), path).toBeVisible();
      await expectNoAxeViolations(page, path);
    });
  }

  test("forms with errors showing pass axe and lead to each field", async ({ page }) => {
    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);

    // An empty concern form: the browser checks it with the server's schema and lists every problem.
    await page.goto("/staff/admin/anliegen/neu");
    await page.getByRole("button", { name: "Anliegen anlegen" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expectNoAxeViolations(page, "new concern with errors");
    await page.getByRole("link", { name: DURATION_ERROR }).click();
    await expect(page.getByLabel("Dauer in Minuten")).toBeFocused();
    await expect(page.getByLabel("Dauer in Minuten")).toHaveAttribute("aria-invalid", "true");

    await page.goto("/staff/admin/standorte/neu");
    await page.getByLabel("Postleitzahl").fill("3113");
    await page.getByRole("button", { name: "Standort anlegen" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expect(page.getByRole("link", { name: "Geben Sie eine Postleitzahl mit 5 Ziffern ein." })).toBeVisible();
    await expect(page.getByRole("link", { name: "Wählen Sie ein Bundesland aus." })).toBeVisible();
    await expectNoAxeViolations(page, "new location with errors");

    const office = settingsText("office_name");
    await page.goto("/staff/admin/einstellungen");
    await page.getByLabel("Löschfrist in Tagen").fill("-1");
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    await expect(page.getByRole("link", { name: "Geben Sie eine Löschfrist von 1 bis 365 Tagen ein." })).toBeVisible();
    await expectNoAxeViolations(page, "settings with errors");
    expect(settingsText("office_name")).toBe(office);
  });

  test("the concern form works without JavaScript: server errors keep what was typed", async ({ browser }) => {
    const { context, page } = await signedInPage(browser, ADMIN_ACCOUNT, { javaScriptEnabled: false });
    const audits = auditCount("concern.update");
    await page.goto(`/staff/admin/anliegen/${catalogueId("concerns", CONCERN.slug)}`);
    await page.getByLabel("Dauer in Minuten").fill("7");
    await page.getByLabel("Gebühr in Euro").fill("zehn Euro");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();

    await expect(page.getByRole("heading", { name: "Es gibt ein Problem" })).toBeVisible();
    await expect(page.getByRole("link", { name: DURATION_ERROR })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Geben Sie die Gebühr in Euro ein/ })).toBeVisible();
    await expect(page.getByLabel("Dauer in Minuten")).toHaveValue("7");
    await expect(page.getByLabel("Gebühr in Euro")).toHaveValue("zehn Euro");
    // Everything else survived the round trip too: the German name and the ticked locations.
    await expect(page.getByLabel("Name (Deutsch)")).toHaveValue(CONCERN.name);
    await expect(page.getByRole("checkbox", { name: "Bürgerbüro im Rathaus" })).toBeChecked();
    expect(concernDurationMinutes(CONCERN.slug)).toBe(SEEDED_MINUTES);

    // Corrected, it saves; nothing actually changed, so the audit log stays quiet.
    await page.getByLabel("Dauer in Minuten").fill(String(SEEDED_MINUTES));
    await page.getByLabel("Gebühr in Euro").fill("10,00");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/anliegen\?hinweis=gespeichert$/);
    await expect(page.getByRole("status")).toContainText("Die Änderungen sind gespeichert.");
    expect(auditCount("concern.update")).toBe(audits);
    await context.close();
  });

  test("categories move up and down with the keyboard", async ({ page }) => {
    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
    const original = categoryOrder();
    expect(original.indexOf("meldewesen")).toBeGreaterThan(0);
    await page.goto("/staff/admin/anliegen/kategorien");

    await page.getByRole("button", { name: "Nach oben – Meldewesen" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/kategorien\?hinweis=verschoben$/);
    await expect(page.getByRole("status")).toContainText("Die Reihenfolge ist geändert.");
    const moved = categoryOrder();
    expect(moved.indexOf("meldewesen")).toBe(original.indexOf("meldewesen") - 1);

    await page.getByRole("button", { name: "Nach unten – Meldewesen" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => categoryOrder()).toEqual(original);
  });
});

test.describe("what a concern asks people to bring", () => {
  const PARKING = { slug: "bewohnerparkausweis", name: "Bewohnerparkausweis" };
  const seeded = [
    { key: "id-card-or-passport", scope: "once_per_visit", count: 1, conditionDe: null, conditionEn: null },
    { key: "registration-certificate-part-1", scope: "once_per_visit", count: 1, conditionDe: null, conditionEn: null },
    {
      key: "vehicle-use-proof",
      scope: "once_per_visit",
      count: 1,
      conditionDe: "Nur wenn das Fahrzeug nicht auf Sie zugelassen ist",
      conditionEn: "Only if the vehicle is not registered in your name",
    },
  ];

  test("an admin sets how often a document is needed and 'only if …' in both languages", async ({ page }) => {
    expect(concernDocumentLinks(PARKING.slug)).toEqual(seeded);
    await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
    await page.goto(`/staff/admin/anliegen/${catalogueId("concerns", PARKING.slug)}`);
    await expect(page.getByRole("heading", { level: 1, name: `Anliegen bearbeiten: ${PARKING.name}` })).toBeVisible();
    const partOne = "Zulassungsbescheinigung Teil I (Fahrzeugschein)";
    await expect(page.getByLabel(`Bedingung auf Deutsch – Nutzungsnachweis`)).toHaveValue("Nur wenn das Fahrzeug nicht auf Sie zugelassen ist");

    // A condition in German only is refused at the field, in the error summary too.
    await page.getByLabel(`Wie oft – ${partOne}`).selectOption({ label: "je Antrag" });
    await page.getByLabel(`Bedingung auf Deutsch – ${partOne}`).fill("Nur wenn das Fahrzeug schon zugelassen ist");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expect(page.locator(".error-summary")).toContainText("Der Text muss auf Deutsch und auf Englisch vorliegen.");
    await expectNoAxeViolations(page, "concern editor with a condition error");
    expect(concernDocumentLinks(PARKING.slug)).toEqual(seeded);

    await page.getByLabel(`Bedingung auf Englisch – ${partOne}`).fill("Only if the vehicle is registered already");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await page.waitForURL(/\/staff\/admin\/anliegen\?hinweis=gespeichert$/);
    expect(concernDocumentLinks(PARKING.slug)[1]).toEqual({
      key: "registration-certificate-part-1",
      scope: "per_application",
      count: 1,
      conditionDe: "Nur wenn das Fahrzeug schon zugelassen ist",
      conditionEn: "Only if the vehicle is registered already",
    });

    // And back: emptied conditions mean "always".
    await page.goto(`/staff/admin/anliegen/${catalogueId("concerns", PARKING.slug)}`);
    await expect(page.getByLabel(`Wie oft – ${partOne}`)).toHaveValue("per_application");
    await page.getByLabel(`Wie oft – ${partOne}`).selectOption({ label: "einmal pro Termin" });
    await page.getByLabel(`Bedingung auf Deutsch – ${partOne}`).fill("");
    await page.getByLabel(`Bedingung auf Englisch – ${partOne}`).fill("");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await page.waitForURL(/\/staff\/admin\/anliegen\?hinweis=gespeichert$/);
    expect(concernDocumentLinks(PARKING.slug)).toEqual(seeded);
  });
});

test.describe("catalogue administration is for admins only", () => {
  const paths = ["/staff/admin/anliegen", "/staff/admin/anliegen/kategorien", "/staff/admin/anliegen/unterlagen", "/staff/admin/anliegen/formulare", "/staff/admin/standorte", "/staff/admin/einstellungen"];

  test("anonymous visitors go to the sign-in page; staff without the admin role get 403", async ({ page, browser }) => {
    for (const path of paths) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/staff\/login\?weiter=/);
    }
    const { context, page: staffPage } = await signedInPage(browser, STAFF_ACCOUNT);
    for (const path of [...paths, `/staff/admin/anliegen/${catalogueId("concerns", CONCERN.slug)}`]) {
      const response = await staffPage.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(staffPage.getByRole("heading", { level: 1, name: "Keine Berechtigung" })).toBeVisible();
    }
    await context.close();
  });

  test("the settings action refuses staff without the admin role when called directly", async ({ browser }) => {
    // Without JavaScript, React renders the action's identity into the form as hidden fields: all a caller needs.
    const admin = await signedInPage(browser, ADMIN_ACCOUNT, { javaScriptEnabled: false });
    await admin.page.goto("/staff/admin/einstellungen");
    const form = admin.page.locator("form").filter({ has: admin.page.getByRole("button", { name: "Einstellungen speichern" }) });
    const fields = await form.evaluate((element) => Object.fromEntries([...new FormData(element as HTMLFormElement)].map(([key, value]) => [key, String(value)])));
    const action = await form.getAttribute("action");
    const actionUrl = new URL(action && !action.startsWith("javascript:") ? action : "/staff/admin/einstellungen", admin.page.url()).toString();
    const post = (request: typeof admin.context.request, changes: Record<string, string>) =>
      request.post(actionUrl, { multipart: { ...fields, ...changes }, headers: { Origin: E2E.baseUrl }, maxRedirects: 0 });

    const office = settingsText("office_name");
    const staff = await signedInPage(browser, STAFF_ACCOUNT);
    const refused = await post(staff.context.request, { officeName: "Übernommenes Amt" });
    expect(refused.status()).toBeLessThan(500);
    expect(settingsText("office_name")).toBe(office);
    await staff.context.close();

    // The same request from an admin goes through, so the refusal above is real; then it is put back.
    const accepted = await post(admin.context.request, { vatId: "DE123456789" });
    expect(accepted.status()).toBeLessThan(400);
    await expect.poll(() => settingsText("vat_id")).toBe("DE123456789");
    await post(admin.context.request, { vatId: "" });
    await expect.poll(() => settingsText("vat_id")).toBe("");
    await admin.context.close();
  });
});

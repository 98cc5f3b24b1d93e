import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { chooseConcerns, chooseFirstFreeDay, chooseLocationIfAsked, chooseTime, confirm, fillDetails, uniqueEmail } from "./support/booking";
import { waitForMail } from "./support/mail";
import { E2E } from "./support/settings";
import { staffRoutes } from "./support/staff-routes";

/**
 * A town hall's first day, as the README's production steps go: an empty database, `db:migrate`, `admin:create`, the
 * server; the first administrator signs in, finds the setup checklist instead of an error, works through it (office,
 * location, opening hours, capacity, the sample catalogue, a test e-mail), and a citizen books the first appointment.
 */
const PORT = E2E.appPort + 60;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: "leitung@kleinstadt.example", password: "Rathaus-Leitung-Sonnenblume-7" };

let directory: string;
let env: NodeJS.ProcessEnv;
let server: ReturnType<typeof spawn> | undefined;

test.beforeAll(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-first-install-"));
  env = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? directory,
    NEXT_TELEMETRY_DISABLED: "1",
    TERMINVERGABE_MODE: "production",
    DATABASE_PATH: path.join(directory, "db.sqlite"),
    AUTH_SECRET: "first-install-secret-that-is-long-enough-42",
    PUBLIC_URL: BASE,
    RESEND_API_KEY: "re_first_install",
    RESEND_BASE_URL: E2E.mailUrl,
    MAIL_FROM: "Bürgerbüro Kleinstadt <termine@kleinstadt.example>",
  } as unknown as NodeJS.ProcessEnv;
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  rmSync(directory, { recursive: true, force: true });
});

// Production refuses a configured clock, so this server runs on the real one: the test takes its day from what the
// app offers (the first free day), never from the calendar.
test("a fresh production install, from admin:create to the first booking", async ({ browser }) => {
  test.setTimeout(240_000);

  const migrate = spawnSync("npx", ["tsx", "--conditions=react-server", "db/migrate-cli.ts"], { env, encoding: "utf8" });
  expect(migrate.status, migrate.stderr).toBe(0);
  const create = spawnSync("npx", ["tsx", "--conditions=react-server", "lib/cli/create-admin.ts", "--email", ADMIN.email, "--name", "Dana Leitung"], {
    env,
    input: `${ADMIN.password}\n${ADMIN.password}\n`,
    encoding: "utf8",
  });
  expect(create.status, create.stdout + create.stderr).toBe(0);

  server = spawn("npx", ["tsx", "lib/http/server.ts", "--port", String(PORT), "--hostname", "127.0.0.1"], { env, stdio: "ignore", detached: true });
  await expect.poll(async () => (await fetch(`${BASE}/healthz`).catch(() => null))?.status ?? (await fetch(`${BASE}/`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);

  // The citizen pages of an empty installation say so calmly.
  const citizen = await browser.newContext({ baseURL: BASE });
  const page = await citizen.newPage();
  await page.goto("/termin");
  await expect(page.getByText("Zurzeit können online keine Termine gebucht werden.", { exact: false })).toBeVisible();

  const admin = await browser.newContext({ baseURL: BASE });
  const staff = await admin.newPage();
  await staff.goto("/staff/login");
  await staff.getByLabel("E-Mail-Adresse", { exact: true }).fill(ADMIN.email);
  await staff.getByLabel("Passwort", { exact: true }).fill(ADMIN.password);
  await staff.getByRole("button", { name: "Anmelden" }).click();
  await staff.waitForURL(/\/staff$/);
  // No crash without a location: the way to the setup checklist.
  await expect(staff.getByText("Es ist noch kein Standort eingerichtet.")).toBeVisible();
  // Every staff page copes with no location, no concern and no booking: no 5xx, no error page. (Dynamic segments get
  // id 1: the administrator's own account, a 404 elsewhere.)
  for (const route of staffRoutes()) {
    const url = route.replace(/\[[^\]]+\]/g, "1");
    const response = await staff.request.get(url);
    expect(response.status(), url).toBeLessThan(500);
    // A render error after the page started streaming keeps the 200: then the page has no heading of its own, or the
    // error page's, and Next.js marks the failed part with its digest.
    const html = await response.text();
    const heading = /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1];
    if (response.status() === 200 && response.headers()["content-type"]?.startsWith("text/html")) expect(heading, `${url}: a page with a heading`).toBeTruthy();
    expect(heading, url).not.toBe("Es ist ein Fehler aufgetreten");
    expect(html, url).not.toContain("data-dgst");
  }
  await staff.getByRole("link", { name: "Zur Einrichtung" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Einrichtung" })).toBeVisible();
  await expect(staff.locator(".setup-steps .tag--warning")).toHaveCount(7);
  await expectNoAxeViolations(staff, "setup checklist");

  // 1. Office and contact.
  await staff.getByRole("link", { name: "Einstellungen öffnen" }).click();
  const settings: [string, string][] = [
    ["Name des Amtes", "Bürgerbüro Kleinstadt"],
    ["Betreiber (Behörde)", "Stadt Kleinstadt"],
    ["Straße und Hausnummer des Betreibers", "Markt 1"],
    ["Postleitzahl des Betreibers", "31000"],
    ["Ort des Betreibers", "Kleinstadt"],
    ["Vertreten durch", "Bürgermeister Max Beispiel"],
    ["Telefonnummer für Bürgerinnen und Bürger", "05121 1234-0"],
    ["E-Mail-Adresse für Bürgerinnen und Bürger", "buergerbuero@kleinstadt.example"],
  ];
  for (const [label, value] of settings) await staff.getByLabel(label, { exact: true }).fill(value);
  for (const field of await staff.locator("textarea:visible, input[type=email]:visible").all()) {
    if ((await field.inputValue()) === "" && (await field.getAttribute("name")) !== "frameAncestors") {
      await field.fill((await field.getAttribute("type")) === "email" ? "datenschutz@kleinstadt.example" : "Landesbeauftragte für den Datenschutz, Hannover");
    }
  }
  await staff.getByRole("button", { name: "Einstellungen speichern" }).click();
  await expect(staff).toHaveURL(/hinweis=gespeichert/);

  // 2. First location.
  await staff.goto("/staff/admin/standorte/neu");
  await staff.getByLabel("Name", { exact: true }).fill("Bürgerbüro im Rathaus Kleinstadt");
  await staff.getByLabel("Straße und Hausnummer").fill("Markt 1");
  await staff.getByLabel("Postleitzahl").fill("31000");
  await staff.getByLabel("Ort", { exact: true }).fill("Kleinstadt");
  await staff.getByLabel("Bundesland").selectOption("NI");
  await staff.getByLabel("Telefonnummer").fill("05121 1234-0");
  await staff.getByLabel("E-Mail-Adresse").fill("buergerbuero@kleinstadt.example");
  await staff.getByRole("button", { name: "Standort anlegen" }).click();
  await expect(staff).toHaveURL(/\/staff\/admin\/standorte\?hinweis=angelegt/);

  // 3. and 4. Opening hours (Monday to Friday) and one capacity window every day.
  await staff.goto("/staff/kapazitaet");
  for (const weekday of ["1", "2", "3", "4", "5"]) {
    const details = staff.locator("details", { has: staff.locator("summary", { hasText: "Öffnungszeit hinzufügen" }) });
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
    await staff.locator("#hours-weekday").selectOption(weekday);
    await staff.locator("#hours-startMinute").fill("08:00");
    await staff.locator("#hours-endMinute").fill("16:00");
    await staff.getByRole("button", { name: "Öffnungszeit hinzufügen" }).click();
    await expect(staff.getByText("Gespeichert.").first()).toBeVisible();
  }
  const windowForm = staff.locator("details", { has: staff.locator("summary", { hasText: "Kapazitätsfenster hinzufügen" }) });
  if ((await windowForm.getAttribute("open")) === null) await windowForm.locator("summary").click();
  await staff.locator("#window-startMinute").fill("08:00");
  await staff.locator("#window-endMinute").fill("16:00");
  await staff.locator("#window-onlineCounters").fill("2");
  await staff.locator("#window-staffCounters").fill("1");
  await staff.getByRole("button", { name: "Kapazitätsfenster hinzufügen" }).click();
  await expect(staff.getByText("Gespeichert.").first()).toBeVisible();

  // 5. The sample catalogue as a template; one concern reviewed and switched on.
  await staff.goto("/staff/admin/einrichtung");
  await staff.getByRole("button", { name: "Musterkatalog übernehmen" }).click();
  await expect(staff.getByText("Der Musterkatalog ist übernommen.")).toBeVisible();
  await staff.goto("/staff/admin/anliegen");
  await expect(staff.getByText("prüfen").first()).toBeVisible();
  await staff.getByRole("link", { name: "Meldebescheinigung", exact: true }).click();
  await staff.getByLabel("Online buchbar (aktiv)").check();
  await staff.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(staff).toHaveURL(/hinweis=gespeichert/);

  // 6. A test e-mail through the configured mail service.
  await staff.goto("/staff/admin/einrichtung");
  await staff.getByRole("button", { name: `Test-E-Mail an ${ADMIN.email} senden` }).click();
  await expect(staff.getByText(`Die Test-E-Mail an ${ADMIN.email} ist verschickt.`)).toBeVisible();
  await waitForMail(ADMIN.email);
  // Everything but the review of the other sample concerns is done now.
  await expect(staff.locator(".setup-steps .tag--warning")).toHaveCount(1);
  await admin.close();

  // The first citizen books.
  const email = uniqueEmail("erste-buchung");
  await chooseConcerns(page, [{ name: "Meldebescheinigung" }]);
  await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus Kleinstadt");
  await chooseFirstFreeDay(page);
  await chooseTime(page, 0);
  await fillDetails(page, { name: "Erste Bürgerin", email });
  await confirm(page);
  const mail = await waitForMail(email);
  expect(mail.subject).toContain("Bürgerbüro Kleinstadt");
  await citizen.close();
});

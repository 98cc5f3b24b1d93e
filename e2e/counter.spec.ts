import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { bookQuickly, uniqueEmail } from "./support/booking";
import { bookingByReference, insertBooking } from "./support/db";
import { closeDoor, holidayAtRathausToday, moveBookingToSoon, openDoorForAWhile, queueRows, readQrCode } from "./support/hall";
import { waitForMail } from "./support/mail";
import { E2E } from "./support/settings";
import { DEMO_ADMIN, DEMO_STAFF, signInAs } from "./support/staff";

/*
 * The counter day at the Rathaus: a kiosk at the entrance (set up by an admin), tickets for walk-ins during the open
 * door, clerks calling people to their counters, and the call display in the hall. One story, in order: the queue
 * these tests build up is shared.
 */
// Each test is a story across several browsers (kiosk, phone, display, clerks): more time than a single page needs.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let doorBlock: number;
test.beforeAll(() => {
  doorBlock = openDoorForAWhile();
});
test.afterAll(() => closeDoor(doorBlock));

async function kioskDevice(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, DEMO_ADMIN);
  await page.goto("/staff/admin/warteschlange");
  await page.getByRole("button", { name: /^Dieses Gerät als Kiosk einrichten\s*: Bürgerbüro im Rathaus$/ }).click();
  await page.waitForURL(/\/kiosk\/rathaus$/);
  return page;
}

async function clerkAt(browser: Browser, account: { email: string; password: string }, counter: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, account);
  await page.getByLabel("Mein Schalter").fill(String(counter));
  await page.getByRole("button", { name: "Schalter übernehmen" }).click();
  await expect(page.getByText(`Sie arbeiten an Schalter ${counter}.`)).toBeVisible();
  return page;
}

/** A booking for later today that can be checked in now. */
function appointmentSoon(name: string) {
  const booking = insertBooking({ locationSlug: "rathaus", concernSlug: "meldebescheinigung", startsAt: new Date(E2E.now().getTime() + 20 * 60_000), minutes: 10, name, email: null });
  return booking;
}

test("the kiosk answers only on a device an administrator set up", async ({ request }) => {
  const response = await request.get("/kiosk/rathaus");
  expect(response.status()).toBe(403);
  // The page's words are in the embedded translation catalogue; what must be missing is the kiosk itself.
  const body = await response.text();
  expect(body).toContain("Keine Berechtigung");
  expect(body).not.toContain('name="code"');
  expect(body).not.toContain('name="anliegen"');
  expect((await request.get("/kiosk/unbekannt")).status()).toBe(404);
});

test("checks an appointment in by its number, and by the QR code from the confirmation mail", async ({ browser, page }) => {
  const kiosk = await kioskDevice(browser);
  await expect(kiosk.getByRole("heading", { level: 1 })).toHaveText("Willkommen im Bürgerbüro im Rathaus");
  await expectNoAxeViolations(kiosk, "kiosk");

  // By number, typed on the touch screen: any spelling.
  const typed = appointmentSoon("Karl Kiosk");
  await kiosk.getByLabel("Buchungsnummer").fill(typed.referenceCode.toLowerCase().replace("-", " "));
  await kiosk.getByRole("button", { name: "Anmelden" }).click();
  await kiosk.waitForURL(/\/kiosk\/rathaus\/marke\//);
  await expect(kiosk.getByText("Sie sind angemeldet.")).toBeVisible();
  await expect(kiosk.locator(".ticket__number")).toHaveText(/^T \d+$/);
  await expectNoAxeViolations(kiosk, "kiosk ticket");
  expect(bookingByReference(typed.referenceCode)?.status).toBe("checked_in");

  // Twice is once.
  await kiosk.getByRole("link", { name: "Fertig" }).click();
  await kiosk.getByLabel("Buchungsnummer").fill(typed.referenceCode);
  await kiosk.getByRole("button", { name: "Anmelden" }).click();
  await expect(kiosk.locator(".kiosk__problem[role=alert]")).toContainText("Sie sind schon angemeldet. Ihre Nummer ist T ");

  // By QR code: a citizen books online; the confirmation mail carries the booking number as a QR code (the kiosk is in
  // use now). The scanner reads it and types it into the focused field, ending with Enter.
  const email = uniqueEmail("kiosk-qr");
  const { reference } = await bookQuickly(page, email);
  await expect(page.getByRole("img", { name: `QR-Code mit Ihrer Buchungsnummer ${reference}` })).toBeVisible();
  const mail = await waitForMail(email, (m) => m.subject.startsWith("Ihr Termin am"));
  expect(mail.text).toContain("Kiosk");
  moveBookingToSoon(reference, 25);
  const mailView = await (await browser.newContext()).newPage();
  await mailView.setContent(mail.html);
  const payload = await readQrCode(mailView.getByRole("img", { name: /QR-Code mit Ihrer Buchungsnummer/ }));
  expect(payload).toBe(reference);
  await kiosk.goto("/kiosk/rathaus");
  await expect(kiosk.getByLabel("Buchungsnummer")).toBeFocused();
  await kiosk.keyboard.type(`${payload}\n`);
  await kiosk.waitForURL(/\/kiosk\/rathaus\/marke\//);
  await expect(kiosk.getByText("Sie sind angemeldet.")).toBeVisible();
  expect(bookingByReference(reference)?.status).toBe("checked_in");

  // Numbers the kiosk cannot take are answered in words, on the kiosk.
  await kiosk.goto("/kiosk/rathaus");
  await kiosk.getByLabel("Buchungsnummer").fill("AAAA-AAAA");
  await kiosk.getByRole("button", { name: "Anmelden" }).click();
  await expect(kiosk.locator(".kiosk__problem[role=alert]")).toHaveText("Diese Buchungsnummer kennen wir nicht. Bitte prüfen Sie die Eingabe.");
  await kiosk.context().close();
});

test("on a public holiday the door stays shut: the kiosk offers no walk-in ticket", async ({ browser }) => {
  const holiday = holidayAtRathausToday();
  test.skip(holiday === null, "only on a public holiday (npm run test:dates runs the suite on Reformationstag)");
  const kiosk = await kioskDevice(browser);
  const withoutAppointment = kiosk.getByRole("region", { name: "Ich habe keinen Termin", exact: true });
  await expect(withoutAppointment).toContainText("Ohne Termin werden Sie gerade nicht bedient.");
  await expect(withoutAppointment.getByRole("button")).toHaveCount(0);
  await kiosk.context().close();
});

test("a walk-in ticket goes through call and done, live on the display and the phone, without personal data", async ({ browser }) => {
  test.skip(holidayAtRathausToday() !== null, "walk-ins need an open hall; on a public holiday it is closed (see the test above)");
  const kiosk = await kioskDevice(browser);
  await kiosk.getByRole("link", { name: "Switch to English" }).click();
  await expect(kiosk.getByRole("heading", { level: 2, name: "I have no appointment" })).toBeVisible();
  await kiosk.getByRole("button", { name: "Certificate of registration (Meldebescheinigung)" }).click();
  await kiosk.waitForURL(/\/kiosk\/rathaus\/marke\/[^/?]+/);
  const label = (await kiosk.locator(".ticket__number").textContent())!.trim();
  expect(label).toMatch(/^W \d+$/);
  await expect(kiosk.getByText(/people? (is|are) ahead of you|You are next/)).toBeVisible();
  const phoneLink = await readQrCode(kiosk.getByRole("img", { name: "QR code with the link to your ticket" }));
  expect(phoneLink).toMatch(new RegExp(`^${E2E.baseUrl}/wartemarke/`));

  const phone = await (await browser.newContext()).newPage();
  await phone.goto(phoneLink);
  await expect(phone.locator(".ticket__number")).toHaveText(label);
  await expect(phone.getByText("Bitte warten Sie, bis Ihre Nummer aufgerufen wird.")).toBeVisible();
  await expectNoAxeViolations(phone, "ticket on the phone");

  const display = await (await browser.newContext()).newPage();
  await display.goto("/aufruf/rathaus");
  await expectNoAxeViolations(display, "call display");

  const clerk = await clerkAt(browser, DEMO_STAFF, 3);
  await expectNoAxeViolations(clerk, "workstation");
  const row = clerk.locator("#queue-list tr").filter({ hasText: label });
  // Buttons are named with their row ("Aufrufen: W 3"); browsers differ in the space before the hidden part.
  const named = (action: string) => ({ name: new RegExp(`^${action}\\s*: ${label}$`) });
  await row.getByRole("button", named("Aufrufen")).focus();
  await clerk.keyboard.press("Enter");
  // Focus stays with the row that changed, whose buttons are now different.
  await expect(row).toBeFocused();
  await expect(row).toContainText("aufgerufen");
  await expect(clerk.getByRole("heading", { name: `Jetzt an Schalter 3: ${label}` })).toBeVisible();

  // The display and the phone follow by themselves.
  const latest = display.locator(".call-display__latest");
  await expect(latest).toContainText(label);
  await expect(latest).toContainText("3");
  await expect(display.locator(".call-display [aria-live]")).toHaveText(`Nummer ${label}, bitte zu Schalter 3.`);
  await expect(phone.getByText("Sie sind dran: Bitte kommen Sie zu Schalter 3.")).toBeVisible();
  const shown = await display.locator("body").innerText();
  for (const name of ["Karl Kiosk", "Erika Mustermann"]) expect(shown).not.toContain(name);
  expect(shown).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);

  const current = clerk.locator(".counter-current");
  await current.getByRole("button", named("Bedienung beginnen")).click();
  await expect(current).toContainText("in Bedienung");
  await current.getByRole("button", named("Erledigt")).click();
  await expect(clerk.getByRole("heading", { name: /Jetzt an Schalter 3/ })).toHaveCount(0);
  await expect(phone.getByText("Erledigt. Vielen Dank für Ihren Besuch!")).toBeVisible();
  const entry = queueRows().find((r) => `W ${r.number}` === label && r.kind === "walk_in")!;
  expect(entry).toMatchObject({ status: "done", counter: 3 });
  for (const page of [kiosk, phone, display, clerk]) await page.context().close();
});

test("two clerks pressing call next at the same moment never get the same person", async ({ browser }) => {
  test.skip(holidayAtRathausToday() !== null, "walk-in tickets need an open hall; on a public holiday it is closed");
  const kiosk = await kioskDevice(browser);
  for (let i = 0; i < 3; i++) {
    await kiosk.goto("/kiosk/rathaus");
    await kiosk.getByRole("button", { name: "Personalausweis beantragen" }).click();
    await kiosk.waitForURL(/\/marke\//);
  }
  const [first, second] = await Promise.all([clerkAt(browser, DEMO_STAFF, 1), clerkAt(browser, DEMO_ADMIN, 2)]);
  await Promise.all([first, second].map((page) => page.getByRole("button", { name: "Nächste Person aufrufen" }).click()));
  const results = await Promise.all(
    [first, second].map(async (page, index) => {
      const status = page.locator(".counter-call-next__result");
      await expect(status).toHaveText(new RegExp(`^[TW] \\d+ ist an Schalter ${index + 1} aufgerufen\\.$`));
      return (await status.textContent())!.split(" ist ")[0];
    }),
  );
  expect(results[0]).not.toBe(results[1]);
  const called = queueRows().filter((r) => r.status === "called");
  expect(called.map((r) => r.counter).sort()).toEqual([1, 2]);
  // A counter with someone at it calls nobody new before they are done.
  await first.getByRole("button", { name: "Nächste Person aufrufen" }).click();
  await expect(first.getByRole("alert").filter({ hasText: "An Ihrem Schalter ist noch" })).toBeVisible();
  for (const page of [kiosk, first, second]) await page.context().close();
});

test("the workstation updates on its own and filters as one types", async ({ browser }) => {
  const clerk = await clerkAt(browser, DEMO_STAFF, 4);
  const kiosk = await kioskDevice(browser);
  const newcomer = appointmentSoon("Wilma Wartend");
  await expect(clerk.locator("#day-list tr").filter({ hasText: "Wilma Wartend" })).toContainText("gebucht");
  await kiosk.getByLabel("Buchungsnummer").fill(newcomer.referenceCode);
  await kiosk.getByRole("button", { name: "Anmelden" }).click();
  await kiosk.waitForURL(/\/marke\//);
  // No reload on the clerk's side: the queue shows the newcomer.
  await expect(clerk.locator("#queue-list tr").filter({ hasText: "Wilma Wartend" })).toBeVisible();

  await clerk.getByLabel("Suchen nach Buchungsnummer, Name oder Wartenummer").fill("wilma");
  await expect(clerk.locator("#day-list tr[data-search]:visible")).toHaveCount(1);
  await expect(clerk.locator("#queue-list tr[data-search]:visible")).toHaveCount(1);
  await expect(clerk.getByRole("status").filter({ hasText: "Treffer" })).toHaveText("2 Treffer");
  // By booking number too, in any spelling.
  await clerk.getByLabel("Suchen nach Buchungsnummer, Name oder Wartenummer").fill(newcomer.referenceCode.replace("-", "").toLowerCase());
  await expect(clerk.locator("#day-list tr[data-search]:visible")).toHaveCount(1);
  for (const page of [kiosk, clerk]) await page.context().close();
});

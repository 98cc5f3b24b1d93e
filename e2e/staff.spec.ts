import { expect, test } from "@playwright/test";
import { berlinTime, offeredDay } from "./support/availability";
import { expectNoAxeViolations } from "./support/axe";
import { uniqueEmail } from "./support/booking";
import { bookingById, bookingByReference, insertBooking } from "./support/db";
import { waitForMail } from "./support/mail";
import { DEMO_STAFF, signInAs } from "./support/staff";

test.describe("staff sign-in", () => {
  test("signs in, reaches the day view, and signs out for good", async ({ page }) => {
    await page.goto("/staff/telefon");
    await expect(page).toHaveURL(/\/staff\/login\?weiter=%2Fstaff%2Ftelefon/);
    await expectNoAxeViolations(page, "sign-in page");
    await page.getByLabel("E-Mail-Adresse").fill(DEMO_STAFF.email);
    await page.getByLabel("Passwort").fill(DEMO_STAFF.password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL(/\/staff\/telefon$/);
    await expect(page.getByText("Angemeldet als Sam Sachbearbeitung (Mitarbeitende)")).toBeVisible();
    // Staff do not see the administration links.
    await expect(page.getByRole("link", { name: "Konten" })).toHaveCount(0);
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect(page).toHaveURL(/\/staff\/login\?abgemeldet=1/);
    await expect(page.getByText("Sie sind abgemeldet.")).toBeVisible();
    // The old session cookie is worthless now: the session was ended on the server.
    await page.context().addCookies(cookies);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/login/);
  });

  test("refuses a wrong password, then makes the same address wait after repeated failures", async ({ page }) => {
    const email = uniqueEmail("nobody");
    for (let attempt = 1; attempt <= 2; attempt++) {
      await page.goto("/staff/login");
      await page.getByLabel("E-Mail-Adresse").fill(email);
      await page.getByLabel("Passwort").fill("wrong-password-123");
      await page.getByRole("button", { name: "Anmelden" }).click();
      await expect(page.getByText("E-Mail-Adresse oder Passwort sind falsch.")).toBeVisible();
    }
    // From the third failure on, this account and address pair waits, with rising delays (lib/auth tests cover them).
    await page.getByLabel("Passwort").fill("wrong-password-123");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByText(/Zu viele Fehlversuche/)).toBeVisible();
    await expectNoAxeViolations(page, "sign-in throttled");
  });
});

test.describe("staff work", () => {
  test("books a phone call end to end and reads out the reference code", async ({ page }) => {
    const email = uniqueEmail("caller");
    await signInAs(page, DEMO_STAFF);
    await page.getByRole("link", { name: "Telefonbuchung" }).click();
    await expect(page).toHaveURL(/\/staff\/telefon/);
    await expectNoAxeViolations(page, "phone booking search");
    await page.getByRole("combobox", { name: /Anmeldung einer Wohnung/ }).selectOption("2");
    await page.getByLabel("Standort").selectOption({ label: "Bürgerbüro im Rathaus" });
    await page.getByRole("button", { name: "Freie Zeiten suchen" }).click();
    await expect(page.getByRole("heading", { name: "Tag wählen" })).toBeVisible();
    // The next free day is one link away (e2e/phone-booking.spec.ts books a later day through the calendar).
    await page.getByRole("link", { name: /^Zeiten am .* anzeigen$/ }).click();
    await expect(page.getByRole("heading", { name: /^Freie Zeiten am / })).toBeVisible();
    await expectNoAxeViolations(page, "phone booking times");
    await page.locator(".slot label").nth(1).click();
    await page.getByLabel("Vor- und Nachname").fill("Kemal Anrufer");
    await page.getByLabel("Telefonnummer").fill("05121 123456");
    await page.getByLabel(/E-Mail-Adresse \(freiwillig/).fill(email);
    await page.getByRole("button", { name: "Termin buchen" }).click();
    await expect(page.getByText("Termin gebucht. Bitte nennen Sie der anrufenden Person die Buchungsnummer:")).toBeVisible();
    const reference = (await page.locator(".reference-code").textContent())!.trim();
    expect(bookingByReference(reference)).toMatchObject({ status: "booked", email });
    expect((bookingByReference(reference) as unknown as { channel: string }).channel).toBe("phone");
    await expectNoAxeViolations(page, "booking detail");
    const mail = await waitForMail(email);
    expect(mail.text).toContain("2 × Anmeldung einer Wohnung (Zuzug)");
  });

  test("marks a no-show in the day view", async ({ page }) => {
    // A day some weeks ahead that the Rathaus is open, so staff tests never collide with citizen bookings.
    const { date, slots } = await offeredDay({ location: "rathaus", concerns: "meldebescheinigung:1", daysAhead: 21, minSlots: 4 });
    const startsAt = new Date(slots[3]!.start);
    const booking = insertBooking({ locationSlug: "rathaus", concernSlug: "meldebescheinigung", startsAt, minutes: 10, name: "Nora Nichtda", email: null });
    await signInAs(page, DEMO_STAFF);
    await page.goto(`/staff?standort=rathaus&datum=${date}`);
    await expectNoAxeViolations(page, "day view");
    const card = page.locator("#day-list tr").filter({ hasText: "Nora Nichtda" });
    await expect(card).toContainText(`${berlinTime(startsAt)}–${berlinTime(new Date(startsAt.getTime() + 10 * 60_000))} Uhr`);
    await card.getByRole("button", { name: /Nicht erschienen/ }).click();
    await expect(card.getByText("nicht erschienen", { exact: true })).toBeVisible();
    await expect.poll(() => bookingById(booking.id)?.status).toBe("no_show");
    // Undo exists for mis-clicks.
    await card.getByRole("button", { name: /Rückgängig/ }).click();
    await expect(card.getByText("gebucht", { exact: true })).toBeVisible();
    await expect.poll(() => bookingById(booking.id)?.status).toBe("booked");
  });

  test("a closure lists the bookings it hits and cancels them with apology e-mails", async ({ page }) => {
    const { date, slots } = await offeredDay({ location: "nordstadt", concerns: "meldebescheinigung:1", daysAhead: 28 });
    const email = uniqueEmail("closure");
    const hit = insertBooking({ locationSlug: "nordstadt", concernSlug: "meldebescheinigung", startsAt: new Date(slots[0]!.start), minutes: 10, name: "Clara Geschlossen", email });
    await signInAs(page, DEMO_STAFF);
    await page.goto("/staff/schliessungen");
    await expectNoAxeViolations(page, "closures");
    await page.getByLabel("Standort").selectOption({ label: "Bürgerbüro-Außenstelle Nordstadt" });
    await page.getByLabel("Erster Tag").fill(date);
    await page.getByLabel("Letzter Tag").fill(date);
    await page.getByLabel("Grund", { exact: true }).fill("Wasserschaden");
    await page.getByRole("button", { name: "Betroffene Termine prüfen" }).click();
    await expect(page.getByText(/gebuchter Termin ist betroffen|gebuchte Termine sind betroffen/)).toBeVisible();
    await expect(page.getByText(hit.referenceCode)).toBeVisible();
    await expectNoAxeViolations(page, "closure preview");
    await page.getByRole("button", { name: "Schließung speichern" }).click();
    await expect(page.getByText(/Schließung gespeichert\. .*abgesagt\./)).toBeVisible();
    expect(bookingById(hit.id)?.status).toBe("cancelled");
    const mail = await waitForMail(email, (m) => m.subject.startsWith("Termin abgesagt"));
    expect(mail.text).toContain("Grund: Wasserschaden");
    expect(mail.text).toMatch(/Einen neuen Termin können Sie hier buchen: http:\/\/127\.0\.0\.1:\d+\/termin/);
    // The citizen wizard no longer offers that day at the branch.
    await page.goto(`/termin/uhrzeit?anliegen=meldebescheinigung.1&standort=nordstadt&tag=${date}`);
    await expect(page.getByText("An diesem Tag ist leider nichts mehr frei.")).toBeVisible();
  });

  test("cancels one booking with a reason that the citizen's e-mail quotes", async ({ page }) => {
    const email = uniqueEmail("staff-cancel");
    const { slots } = await offeredDay({ location: "rathaus", concerns: "meldebescheinigung:1", daysAhead: 30 });
    const booking = insertBooking({ locationSlug: "rathaus", concernSlug: "meldebescheinigung", startsAt: new Date(slots[0]!.start), minutes: 10, name: "Jonas Abgesagt", email });
    await signInAs(page, DEMO_STAFF);
    await page.goto(`/staff/termine/${booking.id}/absagen`);
    await expect(page.getByRole("heading", { level: 1, name: "Termin absagen" })).toBeVisible();
    await expectNoAxeViolations(page, "staff cancel");
    await page.getByLabel("Grund (erscheint in der E-Mail, freiwillig)").fill("Erkrankung im Team");
    await page.getByRole("button", { name: "Termin absagen" }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/termine/${booking.id}\\?abgesagt=1`));
    await expect(page.getByText("Der Termin ist abgesagt.")).toBeVisible();
    expect(bookingById(booking.id)?.status).toBe("cancelled");
    const mail = await waitForMail(email, (m) => m.subject.startsWith("Termin abgesagt"));
    expect(mail.text).toContain("Grund: Erkrankung im Team");
  });

  test("bookings that no longer fit the capacity are cancelled in bulk with a reason", async ({ page }) => {
    const { slots } = await offeredDay({ location: "nordstadt", concerns: "meldebescheinigung:1", daysAhead: 35 });
    const email = uniqueEmail("capacity");
    // Eight hours after the day's first time is after closing time at the branch: the capacity page lists it as no
    // longer fitting.
    const startsAt = new Date(new Date(slots[0]!.start).getTime() + 8 * 3_600_000);
    const late = insertBooking({ locationSlug: "nordstadt", concernSlug: "meldebescheinigung", startsAt, minutes: 10, name: "Lena Spät", email });
    await signInAs(page, DEMO_STAFF);
    await page.goto("/staff/kapazitaet?standort=nordstadt");
    const conflicts = page.getByRole("region", { name: "Termine, die nicht mehr passen" });
    const ours = conflicts.getByRole("checkbox", { name: new RegExp(late.referenceCode) });
    await expect(ours).toBeChecked();
    // Only ours: other tests' bookings may be listed too.
    for (const box of await conflicts.getByRole("checkbox").all()) if ((await box.getAttribute("id")) !== `conflicts-bookingIds-${late.id}`) await box.uncheck();

    const submit = conflicts.getByRole("button", { name: "Ausgewählte Termine absagen und benachrichtigen" });
    await ours.uncheck();
    await submit.click();
    const summary = page.locator(".error-summary");
    await expect(summary).toContainText("Termine: Bitte wählen Sie mindestens einen Termin aus.");
    await expect(summary).toContainText("Grund für die Absage (steht in der E-Mail):");
    await expectNoAxeViolations(page, "bulk cancel with errors");
    expect(bookingById(late.id)?.status).toBe("booked");

    await ours.check();
    await conflicts.getByLabel("Grund für die Absage (steht in der E-Mail)").fill("Umbau der Außenstelle");
    await submit.click();
    await expect(page.getByText("1 Termin ist abgesagt. Die E-Mail wird verschickt.")).toBeVisible();
    await expect(page).toHaveURL(/standort=nordstadt/);
    expect(bookingById(late.id)?.status).toBe("cancelled");
    const mail = await waitForMail(email, (m) => m.subject.startsWith("Termin abgesagt"));
    expect(mail.text).toContain("Grund: Umbau der Außenstelle");
  });

  test("week overview, capacity and print list pass axe", async ({ page }) => {
    await signInAs(page, DEMO_STAFF);
    for (const path of ["/staff/woche", "/staff/kapazitaet", "/staff/kapazitaet?standort=nordstadt", "/staff/tagesliste", "/staff/suche?q=Mustermann"]) {
      await page.goto(path);
      await expectNoAxeViolations(page, path);
    }
    await page.goto("/staff/kapazitaet");
    await page.locator("summary", { hasText: "Öffnungszeit hinzufügen" }).click();
    await expectNoAxeViolations(page, "capacity with an open form");
  });
});

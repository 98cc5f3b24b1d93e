import { expect, test, type Locator } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { bookQuickly, chooseConcerns, chooseFirstFreeDay, chooseFreeDay, chooseLocationIfAsked, chooseTime, confirm, fillDetails, uniqueEmail, waitUntilFormMayBeSent } from "./support/booking";
import { todayInBerlin } from "./support/availability";
import { bookingByReference, countBookingsByEmail, fillTime } from "./support/db";
import { icsLines, icsOf, waitForMail } from "./support/mail";

test.describe("citizen booking", () => {
  test("books one concern, with axe on every step and state", async ({ page }) => {
    const email = uniqueEmail("one");
    await chooseConcerns(page, [{ name: "Personalausweis beantragen" }], { axe: true });
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus", { axe: true });
    await expect(page.getByText("Schritt 3 von 6", { exact: true })).toBeVisible();
    const dayName = await chooseFirstFreeDay(page, { axe: true });
    expect(dayName).toMatch(/^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag), \d{1,2}\. [A-Za-zä]+ \d{4}(, heute)?, \d+ freie Uhrzeit/);
    const time = await chooseTime(page, 0, { axe: true });
    expect(time).toMatch(/^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag), \d{1,2}\. [A-Za-zä]+ \d{4}, \d{2}:\d{2} Uhr$/);

    // The details step with every error showing passes axe too.
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expectNoAxeViolations(page, "details step with errors");
    await page.getByRole("link", { name: "Geben Sie Ihren Vor- und Nachnamen ein." }).click();
    await expect(page.getByLabel("Vor- und Nachname")).toBeFocused();

    await fillDetails(page, { name: "Erika Mustermann", email, phone: "0151 2345678" }, { axe: true });
    await expect(page.getByText(time)).toBeVisible();
    const reference = await confirm(page, { axe: true });
    await expect(page.getByText(time)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Bitte mitbringen" })).toBeVisible();
    expect(bookingByReference(reference)).toMatchObject({ status: "booked", email, citizen_name: "Erika Mustermann" });
  });

  test("combines two concerns with quantities and merges the documents checklist", async ({ page }) => {
    const email = uniqueEmail("two");
    await chooseConcerns(page, [{ name: "Reisepass beantragen", quantity: 2 }, { name: "Personalausweis beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await expect(page.getByText("Ihr Termin dauert 50 Minuten")).toBeVisible();
    await chooseFirstFreeDay(page, { minTimes: 2 });
    await chooseTime(page, 1);
    await fillDetails(page, { name: "Max Mustermann", email });
    await expect(page.getByRole("listitem").filter({ hasText: "2 × Reisepass beantragen" })).toBeVisible();
    await expect(page.getByText("voraussichtlich 177,00 €")).toBeVisible();
    await confirm(page);
    const checklist = page.locator(".checklist:not(.checklist--conditional)");
    // One photo per application: 3; the previous ID once per person, and the larger booking is for two people.
    await expect(checklist.locator("li strong")).toHaveText(["2 × Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)", "3 × Aktuelles biometrisches Passfoto (digital)"]);
    await expect(page.getByRole("list", { name: "Nur in bestimmten Fällen mitbringen" }).locator("li strong")).toHaveText(["2 × Geburtsurkunde"]);
  });

  test("ID card + passport: one birth certificate, and what is needed only if … in a list of its own", async ({ page }) => {
    await chooseConcerns(page, [{ name: "Personalausweis beantragen" }, { name: "Reisepass beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await chooseFirstFreeDay(page);
    await chooseTime(page);
    await fillDetails(page, { name: "Erika Mustermann", email: uniqueEmail("ausweis-pass") });
    await confirm(page);
    const required = page.locator(".checklist:not(.checklist--conditional)");
    await expect(required.locator("li strong")).toHaveText(["1 × Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)", "2 × Aktuelles biometrisches Passfoto (digital)"]);
    await expect(page.getByRole("heading", { level: 3, name: "Nur in bestimmten Fällen mitbringen" })).toBeVisible();
    const conditional = page.getByRole("list", { name: "Nur in bestimmten Fällen mitbringen" });
    await expect(conditional.locator("li")).toHaveCount(1);
    await expect(conditional.locator("li strong")).toHaveText("1 × Geburtsurkunde");
    await expect(conditional.locator("li")).toContainText("Nur beim ersten Ausweisdokument");
    await expect(page.getByText("Geburtsurkunde")).toHaveCount(1);
    await expectNoAxeViolations(page, "confirmation with conditional documents");
  });

  test("sends the e-mail with the checklist and a valid calendar file to the mail service", async ({ page }) => {
    const email = uniqueEmail("mail");
    const { reference, time } = await bookQuickly(page, email, "Anmeldung einer Wohnung (Zuzug)");
    const mail = await waitForMail(email);
    expect(mail.subject).toMatch(/^Ihr Termin am .+ – Bürgerbüro Musterstadt$/);
    expect(mail.text).toContain(`Buchungsnummer: ${reference}`);
    expect(mail.text).toContain(`Wann: ${time}`);
    expect(mail.text).toContain("Bitte mitbringen:");
    expect(mail.text).toContain("[ ] 1 × Wohnungsgeberbestätigung");
    expect(mail.html).toContain("Termin verwalten");
    const lines = icsLines(icsOf(mail));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("TZID:Europe/Berlin");
    const [, hh, mm] = /(\d{2}):(\d{2}) Uhr$/.exec(time)!;
    expect(lines.find((l) => l.startsWith("DTSTART;TZID=Europe/Berlin:"))).toMatch(new RegExp(`T${hh}${mm}00$`));
    expect(lines).toContain(`UID:${reference}@terminvergabe`);
  });

  test("cancelling through the link frees the time at once", async ({ page }) => {
    // The Nordstadt branch has one online counter: a booked time disappears for others until it is cancelled.
    const email = uniqueEmail("cancel");
    await chooseConcerns(page, [{ name: "Meldebescheinigung" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro-Außenstelle Nordstadt");
    await chooseFirstFreeDay(page);
    const timeUrl = page.url();
    const fullName = await chooseTime(page, 0);
    await fillDetails(page, { name: "Aylin Demir", email });
    await confirm(page);
    const manageUrl = page.url().replace(/\?.*$/, "");

    await page.goto(timeUrl);
    await expect(page.getByRole("radio", { name: fullName })).toHaveCount(0);

    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Termin absagen" }).click();
    // Scan the confirmation page, not the manage page the click leaves.
    await expect(page.getByRole("button", { name: "Ja, Termin absagen" })).toBeVisible();
    await expectNoAxeViolations(page, "cancel confirmation");
    await page.getByRole("button", { name: "Ja, Termin absagen" }).click();
    await expect(page.getByText("Ihr Termin ist abgesagt.")).toBeVisible();
    await expect(page.getByText("abgesagt", { exact: true })).toBeVisible();

    await page.goto(timeUrl);
    await expect(page.getByRole("radio", { name: fullName })).toHaveCount(1);
    const mail = await waitForMail(email, (m) => m.subject.startsWith("Termin abgesagt"));
    expect(icsOf(mail)).toContain("METHOD:CANCEL");
  });

  test("moves a booking to another time and tells the citizen", async ({ page }) => {
    const email = uniqueEmail("move");
    const { reference, manageUrl } = await bookQuickly(page, email);
    const before = bookingByReference(reference)!;
    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Termin verschieben" }).click();
    await expect(page).toHaveURL(/\/verschieben/);
    await expectNoAxeViolations(page, "reschedule day");
    // Two free times: one of them may be the booked time itself, which the page does not offer.
    await chooseFreeDay(page, { minTimes: 2 });
    await expectNoAxeViolations(page, "reschedule time");
    const newTime = (await page.locator(".slot .visually-hidden").first().textContent())!.trim();
    await page.locator(".slot label").first().click();
    await page.getByRole("button", { name: "Auf diese Uhrzeit verschieben" }).click();
    await expect(page.getByText("Ihr Termin ist verschoben.")).toBeVisible();
    await expect(page.getByText(newTime)).toBeVisible();
    const after = bookingByReference(reference)!;
    expect(after.starts_at).not.toBe(before.starts_at);
    expect(after.ends_at - after.starts_at).toBe(before.ends_at - before.starts_at);
    const mail = await waitForMail(email, (m) => m.subject.startsWith("Termin verschoben"));
    expect(mail.text).toContain(newTime);
  });

  test("a time taken meanwhile shows the nearest free alternatives, and one of them can be booked", async ({ page }) => {
    const email = uniqueEmail("taken");
    await chooseConcerns(page, [{ name: "Beglaubigung von Kopien und Unterschriften" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await chooseFirstFreeDay(page, { minTimes: 3 });
    const value = (await page.getByRole("radio").nth(2).getAttribute("value"))!;
    await chooseTime(page, 2);
    await fillDetails(page, { name: "Jonas Beispiel", email });
    // Someone else takes every counter at that time before the citizen confirms.
    const start = new Date(`${value.slice(0, 10)}T${value.slice(11, 13)}:${value.slice(13, 15)}:00Z`);
    fillTime("rathaus", "beglaubigung", start, new Date(start.getTime() + 10 * 60_000));
    await waitUntilFormMayBeSent(page);
    await page.getByRole("button", { name: "Termin verbindlich buchen" }).click();
    await expect(page.getByRole("heading", { name: "Diese Uhrzeit ist leider nicht mehr frei" })).toBeVisible();
    await expectNoAxeViolations(page, "time taken");
    const alternatives = page.getByRole("link", { name: /stattdessen wählen$/ });
    expect(await alternatives.count()).toBeGreaterThan(0);
    await alternatives.first().click();
    const reference = await confirm(page);
    expect(bookingByReference(reference)!.starts_at).not.toBe(start.getTime());
  });

  test("works completely without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = uniqueEmail("nojs");
    await chooseConcerns(page, [{ name: "Führungszeugnis beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await chooseFirstFreeDay(page);
    await chooseTime(page, 0);
    // Server-side validation with the error summary, and the entered name is kept.
    await page.getByLabel("Vor- und Nachname").fill("Sofia Kowalska");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.getByRole("heading", { name: "Es gibt ein Problem" })).toBeVisible();
    await expect(page.getByText("Geben Sie Ihre E-Mail-Adresse ein.").first()).toBeVisible();
    await expect(page.getByLabel("Vor- und Nachname")).toHaveValue("Sofia Kowalska");
    await fillDetails(page, { name: "Sofia Kowalska", email });
    const reference = await confirm(page);
    expect(bookingByReference(reference)?.status).toBe("booked");
    await context.close();
  });

  test("posting the same confirmation twice at once creates one booking", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = uniqueEmail("double");
    await chooseConcerns(page, [{ name: "Personalausweis beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await chooseFirstFreeDay(page, { minTimes: 5 });
    await chooseTime(page, 4);
    await fillDetails(page, { name: "Emil Wagner", email });
    // The same form posted twice, as a double click or a resubmitted page would.
    await waitUntilFormMayBeSent(page);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Termin verbindlich buchen" }) });
    const fields = await form.evaluate((f: HTMLFormElement) => Object.fromEntries(new FormData(f).entries()) as Record<string, string>);
    const post = () =>
      page.request.post(page.url(), { multipart: fields, maxRedirects: 0, headers: { Origin: new URL(page.url()).origin } });
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status(), b.status()]).toEqual([303, 303]);
    expect(a.headers()["location"]).toMatch(/\/termin\/verwalten\/.+\?gebucht=1/);
    expect(b.headers()["location"]).toBe(a.headers()["location"]);
    expect(countBookingsByEmail(email)).toBe(1);
    await context.close();
  });

  test("the month view tells past days from closed ones and marks today", async ({ page }) => {
    const today = todayInBerlin();
    await page.goto(`/termin/tag?anliegen=personalausweis.1&standort=rathaus&monat=${today.slice(0, 7)}`);
    const day = (date: string) => page.locator("table.calendar .calendar__day").nth(Number(date.slice(8)) - 1);
    // What a screen reader reads: a free day's link label, or the hidden text of a day that is not a link.
    const spoken = (cell: Locator) => cell.evaluate((el) => el.getAttribute("aria-label") ?? el.textContent ?? "");
    const todayCell = day(today);
    await expect(todayCell).toHaveClass(/calendar__day--today/);
    expect(await spoken(todayCell)).toContain(", heute, ");
    for (let d = 1; d < Number(today.slice(8)); d++) {
      const past = day(`${today.slice(0, 8)}${String(d).padStart(2, "0")}`);
      await expect(past).toHaveClass(/calendar__day--past/);
      expect(await spoken(past)).toMatch(/, vergangen$/);
    }
    // Sundays after today are closed: crossed out, and named so.
    for (const sunday of await page.locator("table.calendar tbody tr td:nth-child(7) .calendar__day--closed").all()) {
      expect(await spoken(sunday)).toMatch(/, geschlossen$/);
    }
    await expect(page.getByText("Vergangene Tage sind grau hinterlegt.", { exact: false })).toBeVisible();
  });
});

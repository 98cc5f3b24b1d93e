import { expect, test, type Page } from "@playwright/test";
import { formatTimeParam } from "@/lib/booking-flow/selection";
import { addDays, instantToZoned } from "@/lib/domain/zoned-time";
import { formatLocalDate, formatMonth } from "@/lib/i18n/format";
import { offeredDay, todayInBerlin } from "./support/availability";
import { expectNoAxeViolations } from "./support/axe";
import { uniqueEmail } from "./support/booking";
import { bookingByReference, insertBooking } from "./support/db";
import { DEMO_STAFF, signInAs } from "./support/staff";

/** The search as the clerk fills it in: one passport application at the Rathaus. */
async function searchPassport(page: Page, day?: string) {
  await page.goto("/staff/telefon");
  await page.getByRole("combobox", { name: /Personalausweis beantragen/ }).selectOption("1");
  await page.getByLabel("Standort").selectOption({ label: "Bürgerbüro im Rathaus" });
  if (day !== undefined) await page.getByLabel("Tag (freiwillig)").fill(day);
  await page.getByRole("button", { name: "Freie Zeiten suchen" }).click();
}

async function fillCaller(page: Page, caller: { name: string; phone: string; email: string; note: string }) {
  await page.getByLabel("Vor- und Nachname").fill(caller.name);
  await page.getByLabel("Telefonnummer").fill(caller.phone);
  await page.getByLabel(/E-Mail-Adresse \(freiwillig/).fill(caller.email);
  await page.getByLabel("Hinweis (freiwillig)").fill(caller.note);
}

/**
 * Chooses a time, takes the caller's details, lets the time be booked up meanwhile and books: the caller's details
 * must still be there, the taken time gone, the nearest free times offered, and one of them bookable.
 */
async function bookTimeTakenMeanwhile(page: Page, { daysAhead, withScript }: { daysAhead: number; withScript: boolean }) {
  const { date, slots } = await offeredDay({ location: "rathaus", concerns: "personalausweis:1", daysAhead, minSlots: 6 });
  const chosen = slots[3]!;
  const email = uniqueEmail("phone-taken");
  await signInAs(page, DEMO_STAFF);
  await searchPassport(page, date);
  await expect(page.getByRole("heading", { name: `Freie Zeiten am ${formatLocalDate(date, "de")}` })).toBeVisible();
  await page.locator(`label[for="zeit-${formatTimeParam(new Date(chosen.start))}"]`).click();
  const caller = { name: "Tom Zuspät", phone: "0511 998877", email, note: "Bitte rückrufen" };
  await fillCaller(page, caller);
  await page.getByLabel("Sprache der E-Mail").selectOption("en");

  // Meanwhile the time is booked up (every counter, the staff-only one included).
  for (let n = 0; n < 6; n++) insertBooking({ locationSlug: "rathaus", concernSlug: "personalausweis", startsAt: new Date(chosen.start), minutes: 10, name: `Schneller ${n}`, email: null });
  await page.getByRole("button", { name: "Termin buchen" }).click();

  await expect(page.getByText(/Die gewählte Zeit wurde inzwischen vergeben\. Die Angaben der anrufenden Person sind erhalten/)).toBeVisible();
  await expect(page.getByLabel("Vor- und Nachname")).toHaveValue(caller.name);
  await expect(page.getByLabel("Telefonnummer")).toHaveValue(caller.phone);
  await expect(page.getByLabel(/E-Mail-Adresse \(freiwillig/)).toHaveValue(caller.email);
  await expect(page.getByLabel("Hinweis (freiwillig)")).toHaveValue(caller.note);
  await expect(page.getByLabel("Sprache der E-Mail")).toHaveValue("en");
  // The taken time is not offered again; the nearest free ones come first.
  await expect(page.locator(`#zeit-${formatTimeParam(new Date(chosen.start))}`)).toHaveCount(0);
  // The day's list is fresh too: times whose appointment would overlap the taken one are gone.
  const takenUntil = Date.parse(chosen.start) + 10 * 60_000;
  const overlapping = slots.filter((slot) => slot !== chosen && Date.parse(slot.start) < takenUntil && Date.parse(slot.end) > Date.parse(chosen.start));
  expect(overlapping.length).toBeGreaterThan(0);
  for (const slot of overlapping) await expect(page.locator(`#zeit-${formatTimeParam(new Date(slot.start))}`)).toHaveCount(0);
  const nearest = page.getByRole("group", { name: "Nächste freie Zeiten" });
  await expect(nearest.getByRole("radio").first()).toBeVisible();
  if (withScript) await expectNoAxeViolations(page, "phone booking, time taken");

  await nearest.locator("label").first().click();
  await page.getByRole("button", { name: "Termin buchen" }).click();
  await expect(page.getByText("Termin gebucht. Bitte nennen Sie der anrufenden Person die Buchungsnummer:")).toBeVisible();
  const reference = (await page.locator(".reference-code").textContent())!.trim();
  expect(bookingByReference(reference)).toMatchObject({ status: "booked", email, citizen_name: caller.name });
}

test.describe("phone booking for any bookable day", () => {
  test("books a day three weeks ahead, chosen in the month view", async ({ page }) => {
    // A day the app offers three weeks after the e2e clock's today, never a weekday taken from the real calendar.
    const { date } = await offeredDay({ location: "rathaus", concerns: "personalausweis:1", daysAhead: 21 });
    const email = uniqueEmail("phone-later");
    await signInAs(page, DEMO_STAFF);
    await searchPassport(page);
    await expect(page.getByRole("heading", { name: "Tag wählen" })).toBeVisible();
    await expectNoAxeViolations(page, "phone booking calendar");
    // The calendar opens on the month of the first bookable day; the chosen day may lie in a later month.
    const caption = page.locator("table.calendar caption");
    for (let step = 0; step < 3; step++) {
      const shown = (await caption.textContent()) ?? "";
      if (shown.includes(formatMonth(date, "de"))) break;
      await page.getByRole("link", { name: /^Nächster Monat/ }).click();
      await expect(caption).not.toHaveText(shown);
    }
    await page.getByRole("link", { name: new RegExp(`^${formatLocalDate(date, "de")}`) }).click();
    await expect(page.getByRole("heading", { name: `Freie Zeiten am ${formatLocalDate(date, "de")}` })).toBeVisible();
    await expect(page.getByLabel("Tag (freiwillig)")).toHaveValue(date);
    await expectNoAxeViolations(page, "phone booking times of a day");
    await page.locator(".slot label").nth(2).click();
    await fillCaller(page, { name: "Lena Später", phone: "05121 765432", email, note: "Ruft aus dem Ausland an" });
    await page.getByRole("button", { name: "Termin buchen" }).click();
    await expect(page.getByText("Termin gebucht. Bitte nennen Sie der anrufenden Person die Buchungsnummer:")).toBeVisible();
    const reference = (await page.locator(".reference-code").textContent())!.trim();
    const booking = bookingByReference(reference) as unknown as { channel: string; starts_at: number; citizen_name: string };
    expect(booking.channel).toBe("phone");
    expect(booking.citizen_name).toBe("Lena Später");
    expect(instantToZoned(new Date(booking.starts_at), "Europe/Berlin").date).toBe(date);
  });

  test("keeps the caller's details when the chosen time was taken meanwhile, and offers the nearest times", async ({ page }) => {
    await bookTimeTakenMeanwhile(page, { daysAhead: 23, withScript: true });
  });

  test("answers a bad day in words, never with an error page", async ({ page }) => {
    await signInAs(page, DEMO_STAFF);
    const search = "/staff/telefon?suchen=1&anzahl-personalausweis=1&standort=rathaus";
    for (const [day, text] of [
      ["2026-02-30", "Das ist kein gültiger Tag."],
      ["irgendwann", "Das ist kein gültiger Tag."],
      [addDays(todayInBerlin(), -1), "kann nicht gebucht werden"],
      ["2099-01-05", "kann nicht gebucht werden"],
    ] as const) {
      const response = await page.goto(`${search}&tag=${encodeURIComponent(day)}`);
      expect(response?.status(), day).toBe(200);
      await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
      // The calendar is still there to choose a day.
      await expect(page.getByRole("heading", { name: "Tag wählen" })).toBeVisible();
    }
    await expect(page.getByLabel("Tag (freiwillig)")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, "phone booking, day out of range");
    // A repeated or garbage month is ignored, not an error either.
    expect((await page.goto(`${search}&monat=9999-99&monat=x&tag=&ansicht=liste`))?.status()).toBe(200);
    await expect(page.getByRole("table", { name: /^Alle Tage im / })).toBeVisible();
  });
});

test.describe("phone booking without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("finds a day by the date field and books it with plain form posts", async ({ page }) => {
    const { date } = await offeredDay({ location: "rathaus", concerns: "personalausweis:1", daysAhead: 24 });
    const email = uniqueEmail("phone-nojs");
    await signInAs(page, DEMO_STAFF);
    await searchPassport(page, date);
    await expect(page).toHaveURL(new RegExp(`tag=${date}`));
    await expect(page.getByRole("heading", { name: `Freie Zeiten am ${formatLocalDate(date, "de")}` })).toBeVisible();
    await page.locator(".slot label").first().click();
    await fillCaller(page, { name: "Olga Ohneskript", phone: "05121 111222", email, note: "" });
    await page.getByRole("button", { name: "Termin buchen" }).click();
    await expect(page.getByText("Termin gebucht. Bitte nennen Sie der anrufenden Person die Buchungsnummer:")).toBeVisible();
    const reference = (await page.locator(".reference-code").textContent())!.trim();
    expect(bookingByReference(reference)).toMatchObject({ status: "booked", email });
  });

  test("keeps the caller's details when the time was taken meanwhile", async ({ page }) => {
    await bookTimeTakenMeanwhile(page, { daysAhead: 25, withScript: false });
  });
});

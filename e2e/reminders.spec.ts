import { expect, test } from "@playwright/test";
import { addDays } from "@/lib/domain/zoned-time";
import { expectNoAxeViolations } from "./support/axe";
import { offeredDay, todayInBerlin } from "./support/availability";
import { uniqueEmail } from "./support/booking";
import { ADMIN_ACCOUNT, signIn } from "./support/admin";
import { bookingById, idOf, insertBooking, locationReminders } from "./support/db";
import { icsLines, icsOf, waitForMail } from "./support/mail";
import { E2E } from "./support/settings";

const DAY_MS = 24 * 60 * 60_000;

/**
 * The reminder e-mail as the running app sends it, without waiting on real time: a booking made days ago for an
 * appointment within the next two days is due by the app's fixed clock (reminders two days before, at 9), so the
 * app's reminder pass queues it at once and the outbox delivers it to the local mail recorder.
 */
test("the reminder's cancel link asks first, and only the confirmation cancels", async ({ page }) => {
  const { date, slots } = await offeredDay({ location: "rathaus", concerns: "personalausweis:1", daysAhead: 1 });
  expect(date <= addDays(todayInBerlin(), 2), "an appointment whose reminder is due by the app's clock").toBe(true);
  const email = uniqueEmail("reminder");
  const booking = insertBooking({
    locationSlug: "rathaus",
    concernSlug: "personalausweis",
    startsAt: new Date(slots.at(-1)!.start),
    minutes: 15,
    name: "Rita Reminder",
    email,
    createdAt: new Date(E2E.now().getTime() - 5 * DAY_MS),
  });

  const reminder = await waitForMail(email, (mail) => mail.subject.startsWith("Erinnerung: Ihr Termin"));
  expect(reminder.text).toContain(booking.referenceCode);
  expect(reminder.text).toContain("Bitte mitbringen:");
  // The row was placed without a link nonce (as before reminders existed): the reminder carries a new link and says so.
  expect(reminder.text).toContain("Ältere Links zu diesem Termin funktionieren nicht mehr.");
  const ics = icsLines(icsOf(reminder));
  expect(ics).toContain(`UID:${booking.referenceCode}@terminvergabe`);
  expect(ics).not.toContain("BEGIN:VALARM");
  const cancelLink = /(http:\/\/127\.0\.0\.1:\d+\/termin\/verwalten\/[A-Za-z0-9_-]+\/absagen)/.exec(reminder.text)![1]!;

  // Following the link (as a mail scanner would) shows the appointment and changes nothing.
  await page.goto(cancelLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Termin wirklich absagen?");
  const main = page.locator("main");
  await expect(main).toContainText(booking.referenceCode);
  await expect(main).toContainText("Bürgerbüro im Rathaus");
  await expect(main).toContainText("Personalausweis beantragen");
  expect(bookingById(booking.id)?.status).toBe("booked");
  await expectNoAxeViolations(page, "cancel confirmation from the reminder");
  await page.reload();
  expect(bookingById(booking.id)?.status).toBe("booked");

  await page.getByRole("button", { name: "Ja, Termin absagen" }).click();
  await page.waitForURL(/\/termin\/verwalten\/[^/?]+\?abgesagt=1/);
  await expect(main.getByRole("status")).toContainText("Ihr Termin ist abgesagt.");
  expect(bookingById(booking.id)?.status).toBe("cancelled");

  const cancelled = await waitForMail(email, (mail) => mail.subject.startsWith("Termin abgesagt"));
  const cancelIcs = icsLines(icsOf(cancelled));
  expect(cancelIcs).toContain("METHOD:CANCEL");
  expect(cancelIcs).toContain(`UID:${booking.referenceCode}@terminvergabe`);
  expect(cancelIcs).toContain("SEQUENCE:1");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the cancel confirmation works with a plain form post", async ({ page }) => {
    const { slots } = await offeredDay({ location: "rathaus", concerns: "personalausweis:1", daysAhead: 1 });
    const email = uniqueEmail("reminder-nojs");
    const booking = insertBooking({
      locationSlug: "rathaus",
      concernSlug: "personalausweis",
      startsAt: new Date(slots.at(-2)?.start ?? slots[0]!.start),
      minutes: 15,
      name: "Rolf Reminder",
      email,
      createdAt: new Date(E2E.now().getTime() - 5 * DAY_MS),
    });
    const reminder = await waitForMail(email, (mail) => mail.subject.startsWith("Erinnerung: Ihr Termin"));
    const cancelLink = /(http:\/\/127\.0\.0\.1:\d+\/termin\/verwalten\/[A-Za-z0-9_-]+\/absagen)/.exec(reminder.text)![1]!;
    await page.goto(cancelLink);
    expect(bookingById(booking.id)?.status).toBe("booked");
    await page.getByRole("button", { name: "Ja, Termin absagen" }).click();
    await page.waitForURL(/\?abgesagt=1/);
    await expect(page.locator("main").getByRole("status")).toContainText("Ihr Termin ist abgesagt.");
    expect(bookingById(booking.id)?.status).toBe("cancelled");
  });
});

test("no reminder for a booking made after its reminder time", async () => {
  // Booked "now" for tomorrow: its reminder time (yesterday at 9) had passed when it was made. The reminder of a
  // booking made days ago, placed right after it, is the proof that the pass ran in between.
  const { slots } = await offeredDay({ location: "rathaus", concerns: "personalausweis:1", daysAhead: 1 });
  const late = uniqueEmail("reminder-late");
  const early = uniqueEmail("reminder-early");
  const lateBooking = insertBooking({ locationSlug: "rathaus", concernSlug: "personalausweis", startsAt: new Date(slots[0]!.start), minutes: 15, name: "Lena Late", email: late, createdAt: E2E.now() });
  insertBooking({ locationSlug: "rathaus", concernSlug: "personalausweis", startsAt: new Date(slots[0]!.start), minutes: 15, name: "Erik Early", email: early, createdAt: new Date(E2E.now().getTime() - 5 * DAY_MS) });
  await waitForMail(early, (mail) => mail.subject.startsWith("Erinnerung"));
  const all = (await (await fetch(`${E2E.mailUrl}/__messages`)).json()) as { to: string | string[] }[];
  expect(all.filter((mail) => [mail.to].flat().includes(late))).toEqual([]);
  expect(bookingById(lateBooking.id)?.status).toBe("booked");
});

test("an administrator sets a location's reminders: checked, saved, and switched off", async ({ page }) => {
  // The Nordstadt office: the reminder specs above rely on the Rathaus keeping its defaults.
  await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
  await page.goto(`/staff/admin/standorte/${idOf("locations", "nordstadt")}`);
  const main = page.locator("main");
  await expect(main.getByRole("heading", { name: "Erinnerungen per E-Mail" })).toBeVisible();
  await expect(main.getByRole("checkbox", { name: "Erinnerung vor dem Termin schicken" })).toBeChecked();
  await expect(main.getByLabel("Wie viele Tage vorher")).toHaveValue("2");
  await expect(main.getByLabel("Um wie viel Uhr (volle Stunde)")).toHaveValue("9");

  await main.getByLabel("Um wie viel Uhr (volle Stunde)").fill("3");
  await main.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(main.getByRole("link", { name: "Geben Sie eine volle Stunde von 6 bis 21 ein, z. B. 9." })).toBeVisible();
  await expectNoAxeViolations(page, "location form with a reminder error");

  await main.getByLabel("Um wie viel Uhr (volle Stunde)").fill("17");
  await main.getByLabel("Wie viele Tage vorher").fill("1");
  await main.getByRole("checkbox", { name: "Erinnerung vor dem Termin schicken" }).uncheck();
  await main.getByRole("button", { name: "Änderungen speichern" }).click();
  await page.waitForURL(/\/staff\/admin\/standorte\?hinweis=gespeichert$/);
  expect(locationReminders("nordstadt")).toEqual({ reminders_enabled: 0, reminder_days_before: 1, reminder_hour: 17 });

  // Back to the defaults, so a rerun against the same database starts where this one did.
  await page.goto(`/staff/admin/standorte/${idOf("locations", "nordstadt")}`);
  await main.getByRole("checkbox", { name: "Erinnerung vor dem Termin schicken" }).check();
  await main.getByLabel("Wie viele Tage vorher").fill("2");
  await main.getByLabel("Um wie viel Uhr (volle Stunde)").fill("9");
  await main.getByRole("button", { name: "Änderungen speichern" }).click();
  await page.waitForURL(/\/staff\/admin\/standorte\?hinweis=gespeichert$/);
  expect(locationReminders("nordstadt")).toEqual({ reminders_enabled: 1, reminder_days_before: 2, reminder_hour: 9 });
});

import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bookings, emailOutbox, locations } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { concernId, freeSlots, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { runInProcesses } from "@/lib/testing/process-harness";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "./audit";
import { cancelBookingByToken, cancelManyByStaff, createBooking, findBookingByToken, rescheduleBookingByStaff, rescheduleBookingByToken, type NewBooking } from "./bookings";
import type { ServiceContext } from "./context";
import { queueDueReminders } from "./reminders";
import { generateFormNonce, generateManageToken, hashManageToken } from "@/lib/booking-tokens";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
/** The service clock: each test moves it, the code under test only reads it. */
let clock: Date;
beforeEach(async () => {
  fixture = await seededContext();
  clock = fixture.context.now();
  context = { ...fixture.context, now: () => clock };
});
afterEach(() => fixture.cleanup());

const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);
const MANAGE_URL = /https:\/\/termine\.musterstadt\.example\/termin\/verwalten\/([A-Za-z0-9_-]+)/;

async function book(startsAt: Date, overrides: Partial<NewBooking> = {}) {
  return createBooking(context, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email: "erika@example.org", phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
    ...overrides,
  });
}

const remindersFor = async (bookingId: number) =>
  await context.db.select().from(emailOutbox).where(and(eq(emailOutbox.bookingId, bookingId), eq(emailOutbox.kind, "booking_reminder")));
const icsOf = (mail: { attachments: { contentBase64: string }[] }) => Buffer.from(mail.attachments[0]!.contentBase64, "base64").toString("utf8");
const setLocation = async (changes: Partial<typeof locations.$inferInsert>) =>
  await context.db.update(locations).set(changes).where(eq(locations.id, await locationId(context.db, "rathaus")));

describe("reminder e-mail", () => {
  it.each([
    // Three days before, at 09:00: the reminder falls before a daylight-saving switch, the appointment after it, so
    // "72 hours before" or "09:00 at the appointment's offset" would be an hour off (early in spring, late in autumn).
    // Spring forward on Sunday 28 March 2027: reminded on Saturday at 09:00 CET (08:00 UTC), for the Tuesday after Easter.
    { name: "spring forward", bookedAt: "2027-03-18T10:00:00+01:00", appointment: ["2027-03-30", "09:00"], due: "2027-03-27T08:00:00Z" },
    // Fall back on Sunday 31 October 2027: reminded on Saturday at 09:00 CEST (07:00 UTC).
    { name: "fall back", bookedAt: "2027-10-20T10:00:00+02:00", appointment: ["2027-11-02", "09:00"], due: "2027-10-30T07:00:00Z" },
  ])("is sent exactly once at 09:00 local time, three days before, across $name", async ({ bookedAt, appointment, due }) => {
    await setLocation({ reminderDaysBefore: 3 });
    clock = new Date(bookedAt);
    const outcome = await book(at(appointment[0]!, appointment[1]!));
    const dueAt = new Date(due);

    for (const early of [60, 1]) {
      clock = new Date(dueAt.getTime() - early * 60_000);
      expect(await queueDueReminders(context), `${early} minutes early`).toBe(0);
    }
    expect(await remindersFor(outcome.booking.id)).toHaveLength(0);

    clock = dueAt;
    expect(await queueDueReminders(context)).toBe(1);
    expect(await queueDueReminders(context)).toBe(0);
    clock = new Date(dueAt.getTime() + 26 * 60 * 60_000);
    expect(await queueDueReminders(context)).toBe(0);

    const [mail, ...more] = await remindersFor(outcome.booking.id);
    expect(more).toHaveLength(0);
    expect((await context.db.select().from(bookings).where(eq(bookings.id, outcome.booking.id)))[0]!.reminderSentAt).toEqual(dueAt);
    expect(mail!.subject).toMatch(/^Erinnerung: Ihr Termin am Dienstag, \d+\. (März|November) 2027 – Bürgerbüro Musterstadt$/);
    expect(mail!.text).toContain("09:00 Uhr");
    expect(mail!.text).toContain("Bitte mitbringen:");
    expect(mail!.text).toContain("Aktuelles biometrisches Passfoto");
    // The link the citizen already has, unchanged, and the page that asks before cancelling.
    expect(mail!.text).toContain(`https://termine.musterstadt.example/termin/verwalten/${outcome.manageToken}\n`);
    expect(mail!.text).toContain(`https://termine.musterstadt.example/termin/verwalten/${outcome.manageToken}/absagen`);
    expect(mail!.html).toContain("Ich kann nicht kommen: absagen");
    expect(mail!.text).not.toContain("Ältere Links");
    expect((await findBookingByToken(context.db, outcome.manageToken))?.id).toBe(outcome.booking.id);

    const ics = icsOf(mail!);
    expect(ics).toContain(`UID:${outcome.booking.referenceCode}@terminvergabe`);
    expect(ics).toContain("SEQUENCE:0");
    expect(ics).toContain("METHOD:PUBLISH");
    expect(ics).toContain(`DTSTART;TZID=Europe/Berlin:${appointment[0]!.replace(/-/g, "")}T090000`);
    expect(ics).not.toContain("VALARM");
  });

  it("is queued once when two processes run their pass at the same moment", async () => {
    const { booking } = await book(at("2026-12-08", "09:00"));
    const results = await runInProcesses<{ queued: number }>("lib/testing/reminder-pass-child.ts", [
      [fixture.address, at("2026-12-06", "09:00").toISOString(), context.secret],
      [fixture.address, at("2026-12-06", "09:00").toISOString(), context.secret],
    ]);
    expect(results.map((r) => r.queued).sort()).toEqual([0, 1]);
    expect(await remindersFor(booking.id)).toHaveLength(1);
  });

  it("is made up after a restart that missed the due time, but not once the appointment has begun", async () => {
    const late = await book(at("2026-12-08", "09:00"));
    const missed = await book(at("2026-12-08", "10:00"));
    clock = at("2026-12-08", "09:30");
    expect(await queueDueReminders(context)).toBe(1);
    expect(await remindersFor(late.booking.id)).toHaveLength(0);
    expect(await remindersFor(missed.booking.id)).toHaveLength(1);
  });

  it("is skipped for a booking made after the reminder time", async () => {
    clock = at("2026-12-07", "11:00");
    const { booking } = await book(at("2026-12-08", "14:00"));
    clock = at("2026-12-08", "08:00");
    expect(await queueDueReminders(context)).toBe(0);
    expect(await remindersFor(booking.id)).toHaveLength(0);
  });

  it("is not sent where the location switched reminders off, and follows its days and hour", async () => {
    const { booking } = await book(at("2026-12-08", "09:00"));
    await setLocation({ remindersEnabled: false });
    clock = at("2026-12-06", "09:00");
    expect(await queueDueReminders(context)).toBe(0);

    await setLocation({ remindersEnabled: true, reminderDaysBefore: 1, reminderHour: 17 });
    expect(await queueDueReminders(context)).toBe(0);
    clock = at("2026-12-07", "16:59");
    expect(await queueDueReminders(context)).toBe(0);
    clock = at("2026-12-07", "17:00");
    expect(await queueDueReminders(context)).toBe(1);
    expect(await remindersFor(booking.id)).toHaveLength(1);
  });

  it("is not sent for cancelled bookings or bookings without an e-mail address", async () => {
    const cancelled = await book(at("2026-12-08", "09:00"));
    await cancelBookingByToken(context, cancelled.manageToken);
    await book(at("2026-12-08", "10:00"), { citizen: { name: "Max", email: null, phone: "0151 2345678", note: null } });
    clock = at("2026-12-06", "10:00");
    expect(await queueDueReminders(context)).toBe(0);
  });

  it("comes again for a moved booking whose new reminder time is still ahead, and not for one moved after it", async () => {
    const { booking, manageToken } = await book(at("2026-12-08", "09:00"));
    clock = at("2026-12-06", "09:00");
    expect(await queueDueReminders(context)).toBe(1);

    // Moved to the 15th: its reminder is due on the 13th, still ahead.
    clock = at("2026-12-06", "12:00");
    const moved = await rescheduleBookingByToken(context, manageToken, at("2026-12-15", "10:00"));
    expect(moved.reminderSentAt).toBeNull();
    expect(moved.rescheduledAt).toEqual(clock);
    clock = at("2026-12-13", "09:00");
    expect(await queueDueReminders(context)).toBe(1);
    expect(await remindersFor(booking.id)).toHaveLength(2);

    // Moved again, to the 15th's afternoon, after that day's reminder time: the citizen just chose it.
    clock = at("2026-12-14", "08:00");
    await rescheduleBookingByToken(context, manageToken, at("2026-12-15", "14:00"));
    clock = at("2026-12-15", "08:00");
    expect(await queueDueReminders(context)).toBe(0);
    expect(await remindersFor(booking.id)).toHaveLength(2);
  });

  it("replaces the link of a booking without a nonce, says so, and the new link works", async () => {
    const { booking, manageToken } = await book(at("2026-12-08", "09:00"));
    // A row from before link nonces: only the hash of some token.
    const oldToken = generateManageToken();
    await context.db.update(bookings).set({ linkNonce: null, manageTokenHash: hashManageToken(oldToken) }).where(eq(bookings.id, booking.id));
    clock = at("2026-12-06", "09:00");
    expect(await queueDueReminders(context)).toBe(1);

    const [mail] = await remindersFor(booking.id);
    const newToken = MANAGE_URL.exec(mail!.text)![1]!;
    expect(newToken).not.toBe(oldToken);
    expect(newToken).not.toBe(manageToken);
    expect((await findBookingByToken(context.db, newToken))?.id).toBe(booking.id);
    expect(await findBookingByToken(context.db, oldToken)).toBeNull();
    expect(mail!.text).toContain("Ältere Links zu diesem Termin funktionieren nicht mehr.");
    const stored = (await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!;
    // What is stored is no link: the nonce needs the server secret, the hash cannot be reversed.
    expect(stored.linkNonce).not.toContain(newToken);
    expect(stored.manageTokenHash).toBe(hashManageToken(newToken));
  });

  it("replaces the link when the server secret changed, since the old one could not be derived again", async () => {
    const { booking, manageToken } = await book(at("2026-12-08", "09:00"));
    clock = at("2026-12-06", "09:00");
    const rotated = { ...context, secret: "another-secret-another-secret-another-1" };
    expect(await queueDueReminders(rotated)).toBe(1);
    const newToken = MANAGE_URL.exec((await remindersFor(booking.id))[0]!.text)![1]!;
    expect(newToken).not.toBe(manageToken);
    expect((await findBookingByToken(context.db, newToken))?.id).toBe(booking.id);
  });

  it("leaves out the cancel link once online cancelling has closed, keeping the manage link", async () => {
    // On the day itself at 8, for 9 o'clock: within the two hours before a time when only a call can cancel.
    await setLocation({ reminderDaysBefore: 0, reminderHour: 8 });
    const { booking } = await book(at("2026-12-08", "09:00"));
    clock = at("2026-12-08", "08:00");
    expect(await queueDueReminders(context)).toBe(1);
    const [mail] = await remindersFor(booking.id);
    expect(mail!.text).toMatch(MANAGE_URL);
    expect(mail!.text).not.toContain("/absagen");
  });

  it("writes in the booking's language", async () => {
    const { booking } = await book(at("2026-12-08", "09:00"), { language: "en" });
    clock = at("2026-12-06", "09:00");
    await queueDueReminders(context);
    const [mail] = await remindersFor(booking.id);
    expect(mail!.subject).toBe("Reminder: your appointment on Tuesday, 8 December 2026 – Bürgerbüro Musterstadt");
    expect(mail!.html).toContain("I cannot come: cancel");
  });
});

describe("the reminder's cancel link", () => {
  it("cancels with the token the reminder carries and frees the time for others", async () => {
    const time = at("2026-12-08", "09:00");
    const items = [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }];
    const ours = await book(time);
    // Fill the rest of the time, so only our cancellation can free it.
    while ((await freeSlots(context.db, items, "rathaus", "2026-12-08")).some((s) => s.startsAt.getTime() === time.getTime())) {
      await book(time, { citizen: { name: "Someone Else", email: `other-${generateFormNonce()}@example.org`, phone: null, note: null } });
    }
    clock = at("2026-12-06", "09:00");
    await queueDueReminders(context);
    const mail = (await remindersFor(ours.booking.id))[0]!;
    const token = /verwalten\/([A-Za-z0-9_-]+)\/absagen/.exec(mail.text)![1]!;

    const cancelled = await cancelBookingByToken(context, token);
    expect(cancelled.status).toBe("cancelled");
    const free = await freeSlots(context.db, items, "rathaus", "2026-12-08", { now: clock });
    expect(free.some((s) => s.startsAt.getTime() === time.getTime())).toBe(true);
  });
});

describe("calendar updates", () => {
  const mailsOf = async (bookingId: number) => await context.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId)).orderBy(emailOutbox.id);
  const lines = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n");

  it("a move by the citizen, a move by staff and a cancellation keep the UID and raise the SEQUENCE", async () => {
    const { booking, manageToken } = await book(at("2026-12-08", "09:00"));
    await rescheduleBookingByToken(context, manageToken, at("2026-12-09", "10:00"));
    await rescheduleBookingByStaff(await signedInAccess(context, "staff"), booking.id, at("2026-12-10", "10:00"));
    await cancelBookingByToken(context, manageToken);

    const files = (await mailsOf(booking.id)).map((mail) => ({ kind: mail.kind, ics: lines(icsOf(mail)) }));
    expect(files.map((f) => f.kind)).toEqual(["booking_confirmation", "booking_rescheduled", "booking_rescheduled", "booking_cancelled"]);
    for (const file of files) expect(file.ics).toContain(`UID:${booking.referenceCode}@terminvergabe`);
    expect(files.map((f) => f.ics.find((l) => l.startsWith("SEQUENCE:")))).toEqual(["SEQUENCE:0", "SEQUENCE:1", "SEQUENCE:2", "SEQUENCE:3"]);
    expect(files.map((f) => f.ics.find((l) => l.startsWith("METHOD:")))).toEqual(["METHOD:PUBLISH", "METHOD:PUBLISH", "METHOD:PUBLISH", "METHOD:CANCEL"]);
    expect(files[2]!.ics).toContain("DTSTART;TZID=Europe/Berlin:20261210T100000");
    expect(files[3]!.ics).toContain("STATUS:CANCELLED");
    // The confirmation and change files keep their alarm (a location may send no reminder); a cancellation has none.
    expect(files.map((f) => f.ics.includes("BEGIN:VALARM"))).toEqual([true, true, true, false]);
  });

  it("a cancellation by the office (closure, capacity cut) sends a cancelling file too", async () => {
    const { booking } = await book(at("2026-12-08", "09:00"));
    await cancelManyByStaff(await signedInAccess(context, "staff"), [booking.id], { officeReason: "Wasserschaden", rebookUrl: "https://termine.musterstadt.example/termin" });
    const apology = (await mailsOf(booking.id)).at(-1)!;
    expect(apology.kind).toBe("closure_apology");
    const ics = lines(icsOf(apology));
    expect(ics).toContain(`UID:${booking.referenceCode}@terminvergabe`);
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain("METHOD:CANCEL");
  });

  it("a move by staff carries the citizen's own manage link", async () => {
    const { booking, manageToken } = await book(at("2026-12-08", "09:00"));
    await rescheduleBookingByStaff(await signedInAccess(context, "staff"), booking.id, at("2026-12-09", "10:00"));
    const moved = (await mailsOf(booking.id)).at(-1)!;
    expect(moved.text).toContain(`https://termine.musterstadt.example/termin/verwalten/${manageToken}`);
    expect((await findBookingByToken(context.db, manageToken))?.id).toBe(booking.id);
  });
});

import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { currentTransaction } from "@/db/async-database";
import { auditLog, bookingItems, bookings, concerns, emailOutbox } from "@/db/schema";
import { instantToZoned, zonedToInstant } from "@/lib/domain/zoned-time";
import { AppError } from "@/lib/errors";
import { concernId, freeSlots, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { runInProcesses } from "@/lib/testing/process-harness";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "./audit";
import {
  anonymizeExpiredBookings,
  cancelBookingByStaff,
  cancelBookingByToken,
  createBooking,
  createPhoneBooking,
  deleteBookingDataByToken,
  findBookingByToken,
  rescheduleBookingByToken,
  SlotTakenError,
  type NewBooking,
} from "./bookings";
import type { ServiceContext } from "./context";
import { generateFormNonce, hashManageToken } from "@/lib/booking-tokens";

/** Every schedule read: how many minutes and days it spans, and whether it ran inside a transaction (on either engine). */
const scheduleReads = vi.hoisted(() => [] as { minutes: number; days: number; inTransaction: boolean }[]);
vi.mock("@/db/queries/locations", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/db/queries/locations")>();
  return {
    ...actual,
    loadLocationSchedule: (...args: Parameters<typeof actual.loadLocationSchedule>) => {
      const [, , from, to] = args;
      const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
      scheduleReads.push({ minutes, days: Math.round(minutes / 1440), inTransaction: currentTransaction.getStore() !== undefined });
      return actual.loadLocationSchedule(...args);
    },
  };
});

/** Reference codes the next bookings draw before the random ones: a collision on demand. */
const drawnCodes = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/booking-tokens", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/booking-tokens")>();
  return { ...actual, generateReferenceCode: () => drawnCodes.shift() ?? actual.generateReferenceCode() };
});

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
});
afterEach(() => fixture.cleanup());

const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

async function request(overrides: Partial<NewBooking> = {}): Promise<NewBooking> {
  return {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: at("2026-12-08", "09:00"),
    channel: "online",
    citizen: { name: "Erika Mustermann", email: "erika@example.org", phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
    ...overrides,
  };
}

/** What a clerk enters for a caller: the same request without a channel (the phone booking sets it). */
async function phoneRequest(overrides: Partial<NewBooking> = {}): Promise<Omit<NewBooking, "channel">> {
  const { channel: _channel, ...rest } = await request(overrides);
  return rest;
}

/** Books every counter at 09:00 on Tuesday 8 December at the Rathaus, the default request's time. */
async function fillNineOClock() {
  const startsAt = at("2026-12-08", "09:00");
  const capacity = (await freeSlots(context.db, (await request()).items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())!.remaining;
  for (let i = 0; i < capacity; i++) await createBooking(context, CITIZEN_ACTOR, await request({ citizen: { name: `P${i}`, email: `p${i}@example.org`, phone: null, note: null } }));
}

const outboxFor = async (bookingId: number) => await context.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId));

describe("booking", () => {
  it("books a free time, snapshots the items and queues the confirmation with checklist and calendar file", async () => {
    const outcome = await createBooking(context, CITIZEN_ACTOR, await request({ items: [
          { concernId: await concernId(context.db, "reisepass"), quantity: 2 },
          { concernId: await concernId(context.db, "personalausweis"), quantity: 1 },
        ] }));
    expect(outcome.isNew).toBe(true);
    const { booking } = outcome;
    expect(booking.status).toBe("booked");
    expect(booking.referenceCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(booking.manageTokenHash).toBe(hashManageToken(outcome.manageToken));
    // 2 × 15 + 15 = 45 minutes, rounded up to the 10-minute grid.
    expect(booking.endsAt.getTime() - booking.startsAt.getTime()).toBe(50 * 60_000);
    const items = await context.db.select().from(bookingItems).where(eq(bookingItems.bookingId, booking.id)).orderBy(asc(bookingItems.id));
    expect(items.map((i) => [i.quantity, i.durationMinutes])).toEqual([[2, 15], [1, 15]]);

    const [mail] = await outboxFor(booking.id);
    expect(mail!.status).toBe("kept");
    expect(mail!.subject).toBe("Ihr Termin am Dienstag, 8. Dezember 2026 – Bürgerbüro Musterstadt");
    expect(mail!.text).toContain("Dienstag, 8. Dezember 2026, 09:00 Uhr");
    expect(mail!.text).toContain("3 × Aktuelles biometrisches Passfoto (digital)");
    expect(mail!.text).toContain(`https://termine.musterstadt.example/termin/verwalten/${outcome.manageToken}`);
    const ics = Buffer.from(mail!.attachments[0]!.contentBase64, "base64").toString("utf8");
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20261208T090000");
    expect(ics).toContain("DTEND;TZID=Europe/Berlin:20261208T095000");
  });

  it("queues mail for sending when a transport is configured", async () => {
    const withMail = await seededContext({ canSendMail: true });
    try {
      const { booking } = await createBooking(withMail.context, CITIZEN_ACTOR, {
        ...await request(),
        locationId: await locationId(withMail.db, "rathaus"),
        items: [{ concernId: await concernId(withMail.db, "personalausweis"), quantity: 1 }],
      });
      expect((await withMail.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, booking.id)))[0]!.status).toBe("pending");
    } finally {
      await withMail.cleanup();
    }
  });

  it("writes the e-mail in English for an English booking", async () => {
    const { booking } = await createBooking(context, CITIZEN_ACTOR, await request({ language: "en" }));
    const [mail] = await outboxFor(booking.id);
    expect(mail!.subject).toBe("Your appointment on Tuesday, 8 December 2026 – Bürgerbüro Musterstadt");
    expect(mail!.text).toContain("Please bring:");
    expect(mail!.html).toContain('lang="en"');
  });

  it("makes a repeated submission of the same form a no-op", async () => {
    const first = await request();
    const a = await createBooking(context, CITIZEN_ACTOR, first);
    const b = await createBooking(context, CITIZEN_ACTOR, { ...first });
    expect(b.isNew).toBe(false);
    expect(b.booking.id).toBe(a.booking.id);
    expect(await context.db.select().from(bookings).where(eq(bookings.email, "erika@example.org"))).toHaveLength(1);
    expect(await outboxFor(a.booking.id)).toHaveLength(1);
  });

  it.each([
    {
      name: "the first one took the time's last seat",
      after: fillNineOClock,
    },
    {
      name: "the first one was the mailbox's last active booking",
      before: async () => {
        for (const time of ["09:30", "10:00"]) await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", time) }));
      },
    },
  ])("answers a repeated submission with the first booking also when $name", async ({ before, after }) => {
    await before?.();
    const first = await request();
    const a = await createBooking(context, CITIZEN_ACTOR, first);
    await after?.();
    // Without the first booking, this submission would be refused.
    await expect(createBooking(context, CITIZEN_ACTOR, await request())).rejects.toBeInstanceOf(AppError);
    const b = await createBooking(context, CITIZEN_ACTOR, { ...first });
    expect(b).toMatchObject({ isNew: false, booking: { id: a.booking.id } });
    expect(b.manageToken).toBe(a.manageToken);
    expect(await outboxFor(a.booking.id)).toHaveLength(1);
  });

  it("makes two submissions of the same form at the same moment one booking", async () => {
    const first = await request();
    const outcomes = await Promise.all([createBooking(context, CITIZEN_ACTOR, first), createBooking(context, CITIZEN_ACTOR, { ...first })]);
    expect(outcomes.map((outcome) => outcome.isNew).sort()).toEqual([false, true]);
    expect(outcomes[0].booking.id).toBe(outcomes[1].booking.id);
    expect(await context.db.select().from(bookings).where(eq(bookings.email, "erika@example.org"))).toHaveLength(1);
  });

  it("refuses a taken time and offers the nearest free ones", async () => {
    const startsAt = at("2026-12-08", "09:00");
    await fillNineOClock();
    try {
      await createBooking(context, CITIZEN_ACTOR, await request());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SlotTakenError);
      const alternatives = (error as SlotTakenError).alternatives;
      expect(alternatives.length).toBeGreaterThan(0);
      const distances = alternatives.map((a) => Math.abs(a.getTime() - startsAt.getTime()));
      expect(Math.min(...distances)).toBeLessThanOrEqual(20 * 60_000);
    }
  });

  it.each([
    { name: "a concern the branch does not offer", slug: "fahrzeugzulassung", location: "nordstadt", code: "request_invalid" },
    { name: "a time outside opening hours", slug: "personalausweis", location: "rathaus", code: "slot_taken", startsAt: "2026-12-08T12:00:00Z" },
    { name: "a Sunday", slug: "personalausweis", location: "rathaus", code: "slot_taken", startsAt: "2026-12-06T09:00:00Z" },
    { name: "a time within the lead time", slug: "personalausweis", location: "rathaus", code: "slot_taken", startsAt: "2026-11-24T08:00:00Z" },
  ])("refuses $name", async ({ slug, location, code, startsAt }) => {
    const input = await request({
      items: [{ concernId: await concernId(context.db, slug), quantity: 1 }],
      locationId: await locationId(context.db, location),
      startsAt: startsAt ? new Date(startsAt) : at("2026-12-07", "09:00"),
    });
    await expect((async () => createBooking(context, CITIZEN_ACTOR, input))()).rejects.toThrow(expect.objectContaining({ code }));
  });

  it("limits active online bookings per e-mail", async () => {
    const times = ["09:00", "09:30", "10:00", "10:30"];
    for (const time of times.slice(0, 3)) { await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", time) })); }
    await expect((async () => createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "10:30") })))()).rejects.toThrow(expect.objectContaining({ code: "too_many_active_bookings" }));
    // Staff taking a phone call are not limited.
    const phone = await createPhoneBooking(await signedInAccess(context, "staff"), await phoneRequest({ startsAt: at("2026-12-08", "10:30") }));
    expect(phone.isNew).toBe(true);
    expect(phone.booking.channel).toBe("phone");
  });

  it("counts plus-addresses and Gmail spellings of one mailbox together", async () => {
    const citizen = (email: string) => ({ name: "Erika Mustermann", email, phone: null, note: null });
    await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "09:00"), citizen: citizen("e.rika+1@gmail.com") }));
    await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "09:30"), citizen: citizen("erika+2@googlemail.com") }));
    await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "10:00"), citizen: citizen("ERIKA@gmail.com") }));
    await expect((async () => createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "10:30"), citizen: citizen("erika+4@gmail.com") })))()).rejects.toThrow(expect.objectContaining({ code: "too_many_active_bookings" }));
    // Someone else at the same provider is not affected.
    expect((await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "10:30"), citizen: citizen("erik@gmail.com") }))).isNew).toBe(true);
  });
});

describe("managing a booking by its link", () => {
  it("finds the booking only by the exact token", async () => {
    const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    expect((await findBookingByToken(context.db, manageToken))?.id).toBe(booking.id);
    expect(await findBookingByToken(context.db, manageToken.slice(0, -1) + (manageToken.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await findBookingByToken(context.db, "../../etc")).toBeNull();
  });

  it("cancels and frees the time at once", async () => {
    const items = (await request()).items;
    const startsAt = at("2026-12-08", "09:00");
    const before = (await freeSlots(context.db, items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())!.remaining;
    const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    const during = (await freeSlots(context.db, items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())?.remaining ?? 0;
    expect(during).toBe(before - 1);
    const cancelled = await cancelBookingByToken(context, manageToken);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.revision).toBe(1);
    const after = (await freeSlots(context.db, items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())!.remaining;
    expect(after).toBe(before);
    const mails = await outboxFor(booking.id);
    expect(mails.map((m) => m.kind)).toEqual(["booking_confirmation", "booking_cancelled"]);
    expect(Buffer.from(mails[1]!.attachments[0]!.contentBase64, "base64").toString()).toContain("METHOD:CANCEL");
    await expect((async () => cancelBookingByToken(context, manageToken))()).rejects.toThrow(expect.objectContaining({ code: "booking_not_active" }));
  });

  it("refuses online changes after the cut-off, with the cut-off time", async () => {
    // A phone booking for today at 10:00; the citizen tries to cancel at 08:30 with a 2-hour cut-off.
    const { manageToken } = await createPhoneBooking(await signedInAccess(context, "staff"), await phoneRequest({ startsAt: at("2026-11-24", "10:00") }));
    const late = { ...context, now: () => at("2026-11-24", "08:30") };
    await expect((async () => cancelBookingByToken(late, manageToken))()).rejects.toThrow(expect.objectContaining({ code: "cutoff_passed" }));
    await expect((async () => rescheduleBookingByToken(late, manageToken, at("2026-12-08", "09:00")))()).rejects.toThrow(expect.objectContaining({ code: "cutoff_passed" }));
    // Staff may still cancel.
    const booking = (await findBookingByToken(context.db, manageToken))!;
    const clerkLate = await signedInAccess(late, "staff");
    expect((await cancelBookingByStaff(clerkLate, booking.id)).status).toBe("cancelled");
    const entry = (await context.db.select().from(auditLog).where(eq(auditLog.action, "booking.cancel")))[0]!;
    expect(entry).toMatchObject({ actorUserId: clerkLate.user.id, actorLabel: clerkLate.user.email, entityId: String(booking.id) });
  });

  it("moves a booking in one step and tells the citizen the old and new time", async () => {
    const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    const moved = await rescheduleBookingByToken(context, manageToken, at("2026-12-09", "10:00"));
    expect(moved.id).toBe(booking.id);
    expect(moved.startsAt).toEqual(at("2026-12-09", "10:00"));
    expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(booking.endsAt.getTime() - booking.startsAt.getTime());
    const mail = (await outboxFor(booking.id)).find((m) => m.kind === "booking_rescheduled")!;
    expect(mail.text).toContain("Bisher: Dienstag, 8. Dezember 2026, 09:00 Uhr");
    expect(mail.text).toContain("Mittwoch, 9. Dezember 2026, 10:00 Uhr");
  });

  it("keeps the booking unchanged when the new time is taken", async () => {
    const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    await expect((async () => rescheduleBookingByToken(context, manageToken, at("2026-12-09", "13:00")))()).rejects.toThrow(SlotTakenError);
    const unchanged = (await findBookingByToken(context.db, manageToken))!;
    expect(unchanged.startsAt).toEqual(booking.startsAt);
    expect(unchanged.revision).toBe(0);
  });

  it("may move a booking onto a time it partly overlaps itself", async () => {
    const { manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    expect((await rescheduleBookingByToken(context, manageToken, at("2026-12-08", "09:10"))).startsAt).toEqual(at("2026-12-08", "09:10"));
  });

  it("keeps an existing booking's length when the concern's duration changes later", async () => {
    const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    await context.db.update(concerns).set({ durationMinutes: 45 }).where(eq(concerns.id, await concernId(context.db, "personalausweis")));
    const moved = await rescheduleBookingByToken(context, manageToken, at("2026-12-09", "10:00"));
    expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(booking.endsAt.getTime() - booking.startsAt.getTime());
    const newOne = (await createBooking(context, CITIZEN_ACTOR, await request({ citizen: { name: "B", email: "b@example.org", phone: null, note: null } }))).booking;
    expect(newOne.endsAt.getTime() - newOne.startsAt.getTime()).toBe(50 * 60_000);
  });

  it("deletes the citizen's data on request: cancelled, anonymous, link dead, mails gone", async () => {
    const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, await request());
    await deleteBookingDataByToken(context, manageToken);
    const row = (await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!;
    expect(row.status).toBe("cancelled");
    expect([row.citizenName, row.email, row.phone, row.note]).toEqual(["", null, null, null]);
    expect(row.anonymizedAt).not.toBeNull();
    expect(await findBookingByToken(context.db, manageToken)).toBeNull();
    expect(await outboxFor(booking.id)).toEqual([]);
  });
});

describe("retention", () => {
  it("anonymises bookings that ended more than the retention period ago, and only those", async () => {
    const { booking } = await createBooking(context, CITIZEN_ACTOR, await request());
    const later = (days: number) => ({ ...context, now: () => new Date(booking.endsAt.getTime() + days * 86_400_000) });
    await anonymizeExpiredBookings(later(13));
    expect((await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!.citizenName).toBe("Erika Mustermann");
    expect(await anonymizeExpiredBookings(later(15))).toBeGreaterThan(0);
    const row = (await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!;
    expect(row.citizenName).toBe("");
    expect(row.email).toBeNull();
    expect(row.status).toBe("booked");
  });
});

describe("concurrency", () => {
  it("two server processes racing for the last free seat produce exactly one booking", async () => {
    const items = (await request()).items;
    const startsAt = at("2026-12-08", "09:00");
    const capacity = (await freeSlots(context.db, items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())!.remaining;
    expect(capacity).toBeGreaterThan(1);
    for (let i = 1; i < capacity; i++) {
      await createBooking(context, CITIZEN_ACTOR, await request({ citizen: { name: `Early ${i}`, email: `early${i}@example.org`, phone: null, note: null } }));
    }
    expect((await freeSlots(context.db, items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())?.remaining).toBe(1);

    const payload = async (tag: string) =>
      JSON.stringify({ locationId: await locationId(context.db, "rathaus"), concernId: items[0]!.concernId, startsAt: startsAt.toISOString(), attempts: 8, now: TEST_NOW.toISOString(), tag });
    const results = await runInProcesses<{ booked: number; taken: number; other: string[] }>("lib/testing/booking-race-child.ts", [
      [fixture.address, await payload("a")],
      [fixture.address, await payload("b")],
    ]);
    expect(results.flatMap((r) => r.other)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.booked, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.taken, 0)).toBe(15);
    const atThatTime = await context.db.select().from(bookings).where(eq(bookings.startsAt, startsAt));
    expect(atThatTime).toHaveLength(capacity);
  });
});

describe("errors", () => {
  it("are typed", () => {
    expect(new SlotTakenError([])).toBeInstanceOf(AppError);
  });
});

describe("reference codes", () => {
  it("a code drawn twice is never given to a second booking: it draws again (SQLite) or runs again (PostgreSQL)", async () => {
    const first = await createBooking(context, CITIZEN_ACTOR, await request());
    drawnCodes.push(first.booking.referenceCode, "ACDE-FGHJ");
    const second = await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-08", "10:00"), citizen: { name: "Max", email: "max@example.org", phone: null, note: null } }));
    expect(second.booking.referenceCode).toBe("ACDE-FGHJ");
    expect(drawnCodes).toEqual([]);
    const rows = await context.db.select({ code: bookings.referenceCode }).from(bookings).where(eq(bookings.referenceCode, first.booking.referenceCode));
    expect(rows).toHaveLength(1);
  });
});

describe("the nearest free times for a taken time", () => {
  /** The taken time's error, and the schedule reads that happened while it was being decided. */
  async function refusal(attempt: () => Promise<unknown>) {
    scheduleReads.length = 0;
    const error = await attempt().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlotTakenError);
    return { error: error as SlotTakenError, reads: [...scheduleReads] };
  }

  it.each([
    { name: "an online booking", arrange: async () => { const input = await request({ citizen: { name: "Late", email: "late@example.org", phone: null, note: null } }); return () => createBooking(context, CITIZEN_ACTOR, input); } },
    {
      name: "a phone booking",
      // Staff may also use the staff-only counters, so a time the office is closed: 13:00 on that Tuesday.
      arrange: async () => {
        const input = await phoneRequest({ startsAt: at("2026-12-08", "13:00") });
        const access = await signedInAccess(context, "staff");
        return () => createPhoneBooking(access, input);
      },
    },
    {
      name: "moving a booking by its manage link",
      arrange: async () => {
        const other = await createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-09", "09:00"), citizen: { name: "Mover", email: "mover@example.org", phone: null, note: null } }));
        return () => rescheduleBookingByToken(context, other.manageToken, at("2026-12-08", "09:00"));
      },
    },
  ])("are looked up after the write transaction, not while it holds the lock: $name", async ({ arrange }) => {
    await fillNineOClock();
    const { error, reads: during } = await refusal(await arrange());
    // Inside the transaction only the appointment's own span is re-checked; once it has ended, the wished-for day is
    // read, which has enough free times nearer than midnight on either side, so no more days are.
    expect(during.filter((read) => read.inTransaction).map((read) => read.minutes <= 120)).toEqual([true]);
    expect(during.filter((read) => !read.inTransaction).map((read) => read.days)).toEqual([1]);
    expect(error.alternatives).toHaveLength(6);
    for (const alternative of error.alternatives) expect(instantToZoned(alternative, "Europe/Berlin").date).toBe("2026-12-08");
    expect(error.details.alternatives).toEqual(error.alternatives.map((d) => d.toISOString()));
    expect(error.check).toBeUndefined();
  });

  it("reads the days around the wished-for one, nearest first, until they settle which times are nearest", async () => {
    // Christmas Day: no free time on the day itself, so the nearest ones lie on the days around it.
    const { error, reads } = await refusal(async () => createBooking(context, CITIZEN_ACTOR, await request({ startsAt: at("2026-12-25", "09:00") })));
    // The 25th, then the 24th and 26th, then the 23rd and 27th: enough free times on the 23rd, all nearer than the 28th.
    expect(reads.filter((read) => !read.inTransaction).map((read) => read.days)).toEqual([1, 1, 1, 1, 1]);
    expect(error.alternatives).toHaveLength(6);
    // The demo closes on Christmas Eve, and the 26th and 27th are a holiday and a Sunday: the nearest times lie before.
    expect(new Set(error.alternatives.map((alternative) => instantToZoned(alternative, "Europe/Berlin").date))).toEqual(new Set(["2026-12-23"]));
  });
});

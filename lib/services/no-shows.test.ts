import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import { bookings, noShowMarks, settings } from "@/db/schema";
import { mailboxOf } from "@/lib/domain/mailbox";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { AppError } from "@/lib/errors";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "./audit";
import { anonymizeExpiredBookings, createBooking, createPhoneBooking, type NewBooking } from "./bookings";
import type { ServiceContext } from "./context";
import { hasReachedNoShowLimit, noShowMailboxHash, noShowWindowStart } from "./no-shows";
import { checkInByCode } from "./queue/arrival";
import { applyQueueStep, callNext } from "./queue/counter";
import { generateFormNonce } from "@/lib/booking-tokens";
import { setBookingStatus } from "./staff/booking-status";

const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let clerk: StaffAccess;
let clock: Date;
beforeEach(async () => {
  fixture = await seededContext();
  clock = at("2026-11-23", "18:00");
  context = { ...fixture.context, now: () => clock };
  clerk = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

async function request(startsAt: Date, email = "erika@example.org"): Promise<NewBooking> {
  return {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  };
}

const book = async (startsAt: Date, email?: string) => (await createBooking(context, CITIZEN_ACTOR, await request(startsAt, email))).booking;
const marks = async () => await context.db.select().from(noShowMarks);
const setRule = async (noShowLimit: number, noShowWindowMonths = 6) => await context.db.update(settings).set({ noShowLimit, noShowWindowMonths });

async function refusal(run: () => unknown): Promise<AppError | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe("no-show marks", () => {
  it("staff marking an appointment not kept leaves a keyed hash of the mailbox, and undoing it removes the mark", async () => {
    const booking = await book(at("2026-11-24", "09:00"), "Erika+Pass@Example.org");
    await setBookingStatus(clerk, booking.id, "no_show");
    const [mark] = await marks();
    expect(mark).toMatchObject({ bookingId: booking.id, occurredAt: booking.startsAt, mailboxHash: noShowMailboxHash(context.secret, mailboxOf("erika@example.org")) });
    expect(JSON.stringify(mark)).not.toMatch(/erika|example/i);

    await setBookingStatus(clerk, booking.id, "booked");
    expect(await marks()).toEqual([]);
  });

  it("a phone booking without an e-mail address leaves no mark", async () => {
    const booking = (await createPhoneBooking(clerk, { ...await request(at("2026-11-24", "09:00")), citizen: { name: "Ohne Mail", email: null, phone: "0511 123", note: null } })).booking;
    await setBookingStatus(clerk, booking.id, "no_show");
    expect((await context.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, booking.id)))[0]!.status).toBe("no_show");
    expect(await marks()).toEqual([]);
  });

  it("absent when called in the hall counts too, and its undo takes the mark back", async () => {
    const booking = await book(at("2026-11-24", "09:00"));
    clock = at("2026-11-24", "08:55");
    const outcome = await checkInByCode(context, (await findLocationBySlug(context.db, "rathaus"))!, booking.referenceCode);
    expect(outcome.ok).toBe(true);
    const called = (await callNext(clerk, await locationId(context.db, "rathaus"), 1))!;
    await applyQueueStep(clerk, called.entry.id, "absent", { counter: 1 });
    expect(await marks()).toHaveLength(1);
    await applyQueueStep(clerk, called.entry.id, "undo", { counter: 1 });
    expect(await marks()).toEqual([]);
  });
});

describe("the rule: book by phone after missed appointments", () => {
  async function missTwo() {
    for (const time of ["09:00", "10:00"]) await setBookingStatus(clerk, (await book(at("2026-11-24", time))).id, "no_show");
  }

  it("refuses online booking for the same mailbox (any spelling) once the limit is reached, with the limit for the message", async () => {
    await missTwo();
    await setRule(2);
    const error = await refusal(async () => book(at("2026-12-08", "09:00"), "ERIKA+neu@example.org"));
    expect(error).toMatchObject({ code: "too_many_no_shows", details: { max: 2 } });
    expect(await refusal(async () => book(at("2026-12-08", "09:00"), "max@example.org"))).toBeNull();
  });

  it("is off at limit 0 and not reached below the limit", async () => {
    await missTwo();
    await setRule(0);
    expect(await refusal(async () => book(at("2026-12-08", "09:00")))).toBeNull();
    await setRule(3);
    expect(await refusal(async () => book(at("2026-12-08", "09:20")))).toBeNull();
  });

  it("does not stop staff from booking the caller by phone", async () => {
    await missTwo();
    await setRule(2);
    const { channel: _channel, ...phone } = await request(at("2026-12-08", "09:00"));
    expect((await createPhoneBooking(clerk, phone)).booking.status).toBe("booked");
  });

  it("forgets missed appointments older than the window, and retention deletes their marks", async () => {
    await missTwo(); // 24 November, 09:00 and 10:00
    await setRule(2, 1);
    const settingsRow = (await context.db.select().from(settings).limit(1))[0]!;
    const mailbox = mailboxOf("erika@example.org");
    expect(await hasReachedNoShowLimit(context.db, context.secret, settingsRow, mailbox, at("2026-12-20", "12:00"))).toBe(true);
    expect(await hasReachedNoShowLimit(context.db, context.secret, settingsRow, mailbox, at("2026-12-24", "08:30"))).toBe(true);
    expect(await hasReachedNoShowLimit(context.db, context.secret, settingsRow, mailbox, at("2026-12-24", "09:30"))).toBe(false);

    clock = at("2026-12-30", "12:00");
    await anonymizeExpiredBookings(context);
    expect(await marks()).toEqual([]);
    expect(await refusal(async () => book(at("2027-01-12", "09:00")))).toBeNull();
  });
});

describe("noShowWindowStart", () => {
  it.each([
    ["2026-11-24T09:00:00.000Z", 6, "2026-05-24T09:00:00.000Z"],
    ["2026-01-15T00:00:00.000Z", 2, "2025-11-15T00:00:00.000Z"],
    ["2026-03-31T10:00:00.000Z", 1, "2026-02-28T10:00:00.000Z"],
    ["2028-03-31T10:00:00.000Z", 1, "2028-02-29T10:00:00.000Z"],
    ["2026-12-31T23:59:00.000Z", 24, "2024-12-31T23:59:00.000Z"],
  ])("%s minus %i months is %s", (now, months, expected) => {
    expect(noShowWindowStart(new Date(now), months).toISOString()).toBe(expected);
  });
});

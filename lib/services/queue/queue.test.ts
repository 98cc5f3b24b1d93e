import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import { auditLog, bookings, locations, queueEntries, walkInBlocks } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "../audit";
import { cancelBookingByStaff, createBooking } from "../bookings";
import type { ServiceContext } from "../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { setBookingStatus } from "../staff/booking-status";
import { checkInByCode, drawTicket, referenceCodeFromInput, walkInState } from "./arrival";
import { applyQueueStep, callNext } from "./counter";
import { issueKioskKey, isKioskDevice, revokeKioskKeys } from "./kiosk-device";
import { loadCounterQueue, recentCalls, ticketStatus } from "./views";

// TEST_NOW is Tuesday 24 November 2026, 08:00 in Musterstadt.
const DAY = "2026-11-24";
const at = (time: string) => zonedToInstant(DAY, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let clerk: StaffAccess;
let clock: Date;
beforeEach(async () => {
  fixture = await seededContext();
  clock = at("08:30");
  context = { ...fixture.context, now: () => clock };
  clerk = signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const rathaus = () => findLocationBySlug(context.db, "rathaus")!;

/** Opens the door on the test day: a walk-in block all morning and a contingent of `tickets`. */
function openDoor(tickets: number) {
  const id = locationId(context.db, "rathaus");
  context.db.insert(walkInBlocks).values({ locationId: id, weekday: 2, startMinute: 8 * 60, endMinute: 12 * 60, counters: 1 }).run();
  context.db.update(locations).set({ walkInTicketsPerDay: tickets }).where(eq(locations.id, id)).run();
}

/** A booking for today, made through the service the evening before (the lead time would refuse it today). */
function book(time: string, name = "Lukas Schmidt") {
  const evening = { ...context, now: () => zonedToInstant("2026-11-23", 18 * 60, TZ) };
  return createBooking(evening, CITIZEN_ACTOR, {
    locationId: locationId(context.db, "rathaus"),
    items: [{ concernId: concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: at(time),
    channel: "online",
    citizen: { name, email: `${name.replace(/\W/g, "").toLowerCase()}@example.org`, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  }).booking;
}

const ticket = () => {
  const outcome = drawTicket(context, "rathaus", concernId(context.db, "personalausweis"), "de");
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.ticket;
};

describe("arrival at the kiosk", () => {
  it("checks an appointment in by its number, typed or scanned, once", () => {
    const booking = book("09:00");
    expect(referenceCodeFromInput(booking.referenceCode.toLowerCase().replace("-", " "))).toBe(booking.referenceCode);
    expect(referenceCodeFromInput(`TERMIN:${booking.referenceCode}`)).toBe(booking.referenceCode);
    const first = checkInByCode(context, rathaus(), booking.referenceCode);
    expect(first).toMatchObject({ ok: true, ticket: { label: "T 1" } });
    expect(context.db.select().from(bookings).where(eq(bookings.id, booking.id)).get()!.status).toBe("checked_in");
    expect(checkInByCode(context, rathaus(), booking.referenceCode)).toEqual({ ok: false, reason: "already", label: "T 1" });
  });

  it.each([
    { name: "too early", time: "10:00", now: "08:30", reason: "early" },
    { name: "after the appointment", time: "08:00", now: "08:30", reason: "over" },
  ])("refuses a check-in $name", ({ time, now, reason }) => {
    const booking = book(time);
    clock = at(now);
    expect(checkInByCode(context, rathaus(), booking.referenceCode)).toMatchObject({ ok: false, reason });
  });

  it("refuses unknown numbers, other locations and other days", () => {
    expect(checkInByCode(context, rathaus(), "garbage")).toEqual({ ok: false, reason: "unknown" });
    expect(checkInByCode(context, rathaus(), "AAAA-AAAA")).toEqual({ ok: false, reason: "unknown" });
    const booking = book("09:00");
    expect(checkInByCode(context, findLocationBySlug(context.db, "nordstadt")!, booking.referenceCode)).toMatchObject({ ok: false, reason: "other_location" });
    clock = zonedToInstant("2026-11-25", 8 * 60 + 30, TZ);
    expect(checkInByCode(context, rathaus(), booking.referenceCode)).toMatchObject({ ok: false, reason: "other_day" });
  });

  it("hands out walk-in tickets only while the door is open and the contingent lasts", () => {
    expect(drawTicket(context, "rathaus", concernId(context.db, "personalausweis"), "de")).toEqual({ ok: false, reason: "closed" });
    openDoor(2);
    expect(ticket().label).toBe("W 1");
    expect(ticket().label).toBe("W 2");
    expect(walkInState(context, rathaus())).toEqual({ open: true, left: 0, perDay: 2 });
    expect(drawTicket(context, "rathaus", concernId(context.db, "personalausweis"), "de")).toEqual({ ok: false, reason: "exhausted" });
    clock = at("12:00");
    expect(walkInState(context, rathaus()).open).toBe(false);
  });

  it("refuses a concern the location does not offer", () => {
    openDoor(5);
    expect(drawTicket(context, "rathaus", 999_999, "de")).toEqual({ ok: false, reason: "unknown_concern" });
  });
});

describe("the counter", () => {
  it("calls a due appointment before walk-ins, then walk-ins by arrival, and finishes the booking", () => {
    openDoor(10);
    const walkIn = ticket();
    clock = at("08:52");
    const booking = book("09:00");
    checkInByCode(context, rathaus(), booking.referenceCode);
    const first = callNext(clerk, rathaus().id, 1)!;
    expect(first.entry.bookingId).toBe(booking.id);
    expect(() => callNext(clerk, rathaus().id, 1)).toThrow(expect.objectContaining({ code: "conflict" }));
    applyQueueStep(clerk, first.entry.id, "start", { counter: 1 });
    applyQueueStep(clerk, first.entry.id, "finish", { counter: 1 });
    expect(context.db.select().from(bookings).where(eq(bookings.id, booking.id)).get()!.status).toBe("done");
    expect(callNext(clerk, rathaus().id, 1)!.entry.id).toBe(walkIn.entry.id);
    expect(callNext(clerk, rathaus().id, 2)).toBeNull();
  });

  it("recalls, marks absent, undoes, parks and transfers; each step in the audit log", () => {
    openDoor(10);
    const entry = ticket().entry;
    const called = callNext(clerk, rathaus().id, 3)!;
    expect(recentCalls(context, rathaus())).toEqual([expect.objectContaining({ label: "W 1", counter: 3, current: true, callCount: 1 })]);
    applyQueueStep(clerk, entry.id, "recall", { counter: 3 });
    expect(recentCalls(context, rathaus())[0]!.callCount).toBe(2);
    applyQueueStep(clerk, entry.id, "absent", { counter: 3 });
    applyQueueStep(clerk, entry.id, "undo", { counter: 3 });
    applyQueueStep(clerk, entry.id, "park", { counter: 3 });
    expect(callNext(clerk, rathaus().id, 3)).toBeNull();
    applyQueueStep(clerk, entry.id, "call", { counter: 3 });
    applyQueueStep(clerk, entry.id, "transfer", { counter: 3, targetCounter: 5 });
    expect(callNext(clerk, rathaus().id, 4)).toBeNull();
    expect(callNext(clerk, rathaus().id, 5)!.entry.id).toBe(called.entry.id);
    const actions = context.db.select({ action: auditLog.action }).from(auditLog).all().map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("queue."))).toEqual([
      "queue.ticket",
      "queue.call",
      "queue.recall",
      "queue.absent",
      "queue.undo",
      "queue.park",
      "queue.call",
      "queue.transfer",
      "queue.call",
    ]);
  });

  it("refuses steps that do not apply and transfers to the same counter", () => {
    openDoor(10);
    const entry = ticket().entry;
    expect(() => applyQueueStep(clerk, entry.id, "finish", { counter: 1 })).toThrow(expect.objectContaining({ code: "conflict" }));
    applyQueueStep(clerk, entry.id, "call", { counter: 1 });
    expect(() => applyQueueStep(clerk, entry.id, "transfer", { counter: 1, targetCounter: 1 })).toThrow(expect.objectContaining({ code: "validation" }));
    expect(() => applyQueueStep(clerk, 999_999, "call", { counter: 1 })).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("puts a booking the clerk checks in into the queue, and takes it out on undo", () => {
    const booking = book("09:00");
    setBookingStatus(clerk, booking.id, "checked_in");
    expect(context.db.select().from(queueEntries).all()).toHaveLength(1);
    setBookingStatus(clerk, booking.id, "booked");
    expect(context.db.select().from(queueEntries).all()).toHaveLength(0);
  });

  it("takes a cancelled appointment out of the queue", () => {
    const booking = book("09:00");
    checkInByCode(context, rathaus(), booking.referenceCode);
    cancelBookingByStaff(clerk, booking.id, {});
    expect(context.db.select().from(queueEntries).all()).toHaveLength(0);
    expect(callNext(clerk, rathaus().id, 1)).toBeNull();
  });

  it("shows the clerk the queue in call order with the current person's checklist", () => {
    openDoor(10);
    ticket();
    ticket();
    callNext(clerk, rathaus().id, 1);
    const view = loadCounterQueue(clerk, rathaus(), 1, "de");
    expect(view.entries.map((e) => [e.label, e.status, e.callPosition])).toEqual([
      ["W 1", "called", null],
      ["W 2", "waiting", 1],
    ]);
    expect(view.current?.label).toBe("W 1");
    expect(view.current?.checklist.required.length).toBeGreaterThan(0);
  });
});

describe("the ticket's own page", () => {
  it("shows the place in the queue and the counter once called, without personal data", () => {
    openDoor(10);
    const first = ticket();
    const second = ticket();
    expect(ticketStatus(context, second.statusToken)).toMatchObject({ label: "W 2", status: "waiting", ahead: 1 });
    expect(ticketStatus(context, second.statusToken)!.waitMinutes).toBeGreaterThan(0);
    callNext(clerk, rathaus().id, 2);
    expect(ticketStatus(context, first.statusToken)).toMatchObject({ status: "called", counter: 2, ahead: null });
    expect(ticketStatus(context, second.statusToken)).toMatchObject({ ahead: 0 });
    expect(ticketStatus(context, "x".repeat(43))).toBeNull();
    expect(ticketStatus(context, "../../etc")).toBeNull();
  });
});

describe("kiosk devices", () => {
  it("accepts a key an admin issued until the location's kiosks are signed out", () => {
    const admin = signedInAccess(context, "admin");
    const { value, location } = issueKioskKey(admin, rathaus().id);
    expect(isKioskDevice(context, location, value)).toBe(true);
    expect(isKioskDevice(context, findLocationBySlug(context.db, "nordstadt")!, value)).toBe(false);
    expect(isKioskDevice(context, location, value.slice(0, -2))).toBe(false);
    expect(isKioskDevice(context, location, undefined)).toBe(false);
    expect(() => issueKioskKey(clerk, rathaus().id)).toThrow();
    revokeKioskKeys(admin, rathaus().id);
    expect(isKioskDevice(context, rathaus(), value)).toBe(false);
  });
});

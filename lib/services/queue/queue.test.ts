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
  clerk = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const rathaus = async () => (await findLocationBySlug(context.db, "rathaus"))!;

/** Opens the door on the test day: a walk-in block all morning and a contingent of `tickets`. */
async function openDoor(tickets: number) {
  const id = await locationId(context.db, "rathaus");
  await context.db.insert(walkInBlocks).values({ locationId: id, weekday: 2, startMinute: 8 * 60, endMinute: 12 * 60, counters: 1 });
  await context.db.update(locations).set({ walkInTicketsPerDay: tickets }).where(eq(locations.id, id));
}

/** A booking for today, made through the service the evening before (the lead time would refuse it today). */
async function book(time: string, name = "Lukas Schmidt") {
  const evening = { ...context, now: () => zonedToInstant("2026-11-23", 18 * 60, TZ) };
  return (await createBooking(evening, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: at(time),
    channel: "online",
    citizen: { name, email: `${name.replace(/\W/g, "").toLowerCase()}@example.org`, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  })).booking;
}

const ticket = async () => {
  const outcome = await drawTicket(context, "rathaus", await concernId(context.db, "personalausweis"), "de");
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.ticket;
};

describe("arrival at the kiosk", () => {
  it("checks an appointment in by its number, typed or scanned, once", async () => {
    const booking = await book("09:00");
    expect(referenceCodeFromInput(booking.referenceCode.toLowerCase().replace("-", " "))).toBe(booking.referenceCode);
    expect(referenceCodeFromInput(`TERMIN:${booking.referenceCode}`)).toBe(booking.referenceCode);
    const first = await checkInByCode(context, await rathaus(), booking.referenceCode);
    expect(first).toMatchObject({ ok: true, ticket: { label: "T 1" } });
    expect((await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!.status).toBe("checked_in");
    expect(await checkInByCode(context, await rathaus(), booking.referenceCode)).toEqual({ ok: false, reason: "already", label: "T 1" });
  });

  it.each([
    { name: "too early", time: "10:00", now: "08:30", reason: "early" },
    { name: "after the appointment", time: "08:00", now: "08:30", reason: "over" },
  ])("refuses a check-in $name", async ({ time, now, reason }) => {
    const booking = await book(time);
    clock = at(now);
    expect(await checkInByCode(context, await rathaus(), booking.referenceCode)).toMatchObject({ ok: false, reason });
  });

  it("refuses unknown numbers, other locations and other days", async () => {
    expect(await checkInByCode(context, await rathaus(), "garbage")).toEqual({ ok: false, reason: "unknown" });
    expect(await checkInByCode(context, await rathaus(), "AAAA-AAAA")).toEqual({ ok: false, reason: "unknown" });
    const booking = await book("09:00");
    expect(await checkInByCode(context, (await findLocationBySlug(context.db, "nordstadt"))!, booking.referenceCode)).toMatchObject({ ok: false, reason: "other_location" });
    clock = zonedToInstant("2026-11-25", 8 * 60 + 30, TZ);
    expect(await checkInByCode(context, await rathaus(), booking.referenceCode)).toMatchObject({ ok: false, reason: "other_day" });
  });

  it("hands out walk-in tickets only while the door is open and the contingent lasts", async () => {
    expect(await drawTicket(context, "rathaus", await concernId(context.db, "personalausweis"), "de")).toEqual({ ok: false, reason: "closed" });
    await openDoor(2);
    expect((await ticket()).label).toBe("W 1");
    expect((await ticket()).label).toBe("W 2");
    expect(await walkInState(context, await rathaus())).toEqual({ open: true, left: 0, perDay: 2 });
    expect(await drawTicket(context, "rathaus", await concernId(context.db, "personalausweis"), "de")).toEqual({ ok: false, reason: "exhausted" });
    clock = at("12:00");
    expect((await walkInState(context, await rathaus())).open).toBe(false);
  });

  it("refuses a concern the location does not offer", async () => {
    await openDoor(5);
    expect(await drawTicket(context, "rathaus", 999_999, "de")).toEqual({ ok: false, reason: "unknown_concern" });
  });
});

describe("the counter", () => {
  it("calls a due appointment before walk-ins, then walk-ins by arrival, and finishes the booking", async () => {
    await openDoor(10);
    const walkIn = await ticket();
    clock = at("08:52");
    const booking = await book("09:00");
    await checkInByCode(context, await rathaus(), booking.referenceCode);
    const first = (await callNext(clerk, (await rathaus()).id, 1))!;
    expect(first.entry.bookingId).toBe(booking.id);
    await expect((async () => callNext(clerk, (await rathaus()).id, 1))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    await applyQueueStep(clerk, first.entry.id, "start", { counter: 1 });
    await applyQueueStep(clerk, first.entry.id, "finish", { counter: 1 });
    expect((await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!.status).toBe("done");
    expect((await callNext(clerk, (await rathaus()).id, 1))!.entry.id).toBe(walkIn.entry.id);
    expect(await callNext(clerk, (await rathaus()).id, 2)).toBeNull();
  });

  it("recalls, marks absent, undoes, parks and transfers; each step in the audit log", async () => {
    await openDoor(10);
    const entry = (await ticket()).entry;
    const called = (await callNext(clerk, (await rathaus()).id, 3))!;
    expect(await recentCalls(context, await rathaus())).toEqual([expect.objectContaining({ label: "W 1", counter: 3, current: true, callCount: 1 })]);
    await applyQueueStep(clerk, entry.id, "recall", { counter: 3 });
    expect((await recentCalls(context, await rathaus()))[0]!.callCount).toBe(2);
    await applyQueueStep(clerk, entry.id, "absent", { counter: 3 });
    await applyQueueStep(clerk, entry.id, "undo", { counter: 3 });
    await applyQueueStep(clerk, entry.id, "park", { counter: 3 });
    expect(await callNext(clerk, (await rathaus()).id, 3)).toBeNull();
    await applyQueueStep(clerk, entry.id, "call", { counter: 3 });
    await applyQueueStep(clerk, entry.id, "transfer", { counter: 3, targetCounter: 5 });
    expect(await callNext(clerk, (await rathaus()).id, 4)).toBeNull();
    expect((await callNext(clerk, (await rathaus()).id, 5))!.entry.id).toBe(called.entry.id);
    const actions = (await context.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
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

  it("refuses steps that do not apply and transfers to the same counter", async () => {
    await openDoor(10);
    const entry = (await ticket()).entry;
    await expect((async () => applyQueueStep(clerk, entry.id, "finish", { counter: 1 }))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    await applyQueueStep(clerk, entry.id, "call", { counter: 1 });
    await expect((async () => applyQueueStep(clerk, entry.id, "transfer", { counter: 1, targetCounter: 1 }))()).rejects.toThrow(expect.objectContaining({ code: "validation" }));
    await expect((async () => applyQueueStep(clerk, 999_999, "call", { counter: 1 }))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("puts a booking the clerk checks in into the queue, and takes it out on undo", async () => {
    const booking = await book("09:00");
    await setBookingStatus(clerk, booking.id, "checked_in");
    expect(await context.db.select().from(queueEntries)).toHaveLength(1);
    await setBookingStatus(clerk, booking.id, "booked");
    expect(await context.db.select().from(queueEntries)).toHaveLength(0);
  });

  it("takes a cancelled appointment out of the queue", async () => {
    const booking = await book("09:00");
    await checkInByCode(context, await rathaus(), booking.referenceCode);
    await cancelBookingByStaff(clerk, booking.id, {});
    expect(await context.db.select().from(queueEntries)).toHaveLength(0);
    expect(await callNext(clerk, (await rathaus()).id, 1)).toBeNull();
  });

  it("shows the clerk the queue in call order with the current person's checklist", async () => {
    await openDoor(10);
    await ticket();
    await ticket();
    await callNext(clerk, (await rathaus()).id, 1);
    const view = await loadCounterQueue(clerk, await rathaus(), 1, "de");
    expect(view.entries.map((e) => [e.label, e.status, e.callPosition])).toEqual([
      ["W 1", "called", null],
      ["W 2", "waiting", 1],
    ]);
    expect(view.current?.label).toBe("W 1");
    expect(view.current?.checklist.required.length).toBeGreaterThan(0);
  });
});

describe("the ticket's own page", () => {
  it("shows the place in the queue and the counter once called, without personal data", async () => {
    await openDoor(10);
    const first = await ticket();
    const second = await ticket();
    expect(await ticketStatus(context, second.statusToken)).toMatchObject({ label: "W 2", status: "waiting", ahead: 1 });
    expect((await ticketStatus(context, second.statusToken))!.waitMinutes).toBeGreaterThan(0);
    await callNext(clerk, (await rathaus()).id, 2);
    expect(await ticketStatus(context, first.statusToken)).toMatchObject({ status: "called", counter: 2, ahead: null });
    expect(await ticketStatus(context, second.statusToken)).toMatchObject({ ahead: 0 });
    expect(await ticketStatus(context, "x".repeat(43))).toBeNull();
    expect(await ticketStatus(context, "../../etc")).toBeNull();
  });
});

describe("kiosk devices", () => {
  it("accepts a key an admin issued until the location's kiosks are signed out", async () => {
    const admin = await signedInAccess(context, "admin");
    const { value, location } = await issueKioskKey(admin, (await rathaus()).id);
    expect(isKioskDevice(context, location, value)).toBe(true);
    expect(isKioskDevice(context, (await findLocationBySlug(context.db, "nordstadt"))!, value)).toBe(false);
    expect(isKioskDevice(context, location, value.slice(0, -2))).toBe(false);
    expect(isKioskDevice(context, location, undefined)).toBe(false);
    await expect((async () => issueKioskKey(clerk, (await rathaus()).id))()).rejects.toThrow();
    await revokeKioskKeys(admin, (await rathaus()).id);
    expect(isKioskDevice(context, await rathaus(), value)).toBe(false);
  });
});

import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bookings, capacityWindowConcerns, capacityWindows, emailOutbox, openingHours } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { concernId, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "../audit";
import { createBooking } from "../bookings";
import type { ServiceContext } from "../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { addOpeningRange } from "./capacity";
import { applyRuleChange, findUndoOffer, previewRuleChange, undoRuleChange, UNDO_MINUTES } from "./capacity-changes";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
/** The service clock: fixed, moved on by hand to test the undo deadline. */
let clock: Date;
let clerk: StaffAccess;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  clock = TEST_NOW;
  context = { ...fixture.context, now: () => clock };
  clerk = signedInAccess(context, "staff");
  admin = signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

/** Tuesday two weeks ahead: no seeded demo bookings, the long afternoon and the vehicle counter apply. */
const DAY = "2026-12-08";
const at = (time: string) => zonedToInstant(DAY, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

function book(time: string, n: number, concern = "personalausweis") {
  return createBooking(context, CITIZEN_ACTOR, {
    locationId: locationId(context.db, "rathaus"),
    items: [{ concernId: concernId(context.db, concern), quantity: 1 }],
    startsAt: at(time),
    citizen: { name: `Person ${n}`, email: `person${n}@example.org`, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
    channel: "online",
  }).booking;
}

const rathausRules = () => {
  const rathaus = locationId(context.db, "rathaus");
  return {
    tuesdayAfternoon: context.db.select().from(openingHours).where(and(eq(openingHours.locationId, rathaus), eq(openingHours.weekday, 2), eq(openingHours.startMinute, 14 * 60))).get()!,
    tuesdayGeneral: context.db.select().from(capacityWindows).where(and(eq(capacityWindows.locationId, rathaus), eq(capacityWindows.weekday, 2), eq(capacityWindows.onlineCounters, 3))).get()!,
    tuesdayVehicle: context.db.select().from(capacityWindows).where(and(eq(capacityWindows.locationId, rathaus), eq(capacityWindows.weekday, 2), eq(capacityWindows.onlineCounters, 1))).get()!,
  };
};

/** The stranded bookings as the confirmation step shows them (seeded demo bookings on earlier Tuesdays included). */
const shownFor = (change: Parameters<typeof previewRuleChange>[1]) => previewRuleChange(clerk, change).stranded.map((b) => b.id);

describe("removing a rule", () => {
  it("lists the bookings it strands, then removes it and cancels the chosen ones with an apology, audited", () => {
    const { tuesdayAfternoon } = rathausRules();
    const morning = book("09:00", 1);
    const afternoon = book("15:00", 2);
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const preview = previewRuleChange(clerk, change);
    const shown = preview.stranded.map((b) => b.id);
    expect(shown).toContain(afternoon.id);
    expect(shown).not.toContain(morning.id);
    expect(preview.stranded.every((b) => b.status === "booked" && b.startsAt.getTime() > TEST_NOW.getTime())).toBe(true);
    expect(preview.location.slug).toBe("rathaus");

    const { auditId, cancelled } = applyRuleChange(clerk, { change, shownBookingIds: shown, cancelBookingIds: [afternoon.id], reason: "Personalversammlung" });
    expect(cancelled.map((b) => b.id)).toEqual([afternoon.id]);
    expect(context.db.select().from(openingHours).where(eq(openingHours.id, tuesdayAfternoon.id)).get()).toBeUndefined();
    expect(context.db.select().from(bookings).where(eq(bookings.id, morning.id)).get()!.status).toBe("booked");
    const apology = context.db.select().from(emailOutbox).where(and(eq(emailOutbox.bookingId, afternoon.id), eq(emailOutbox.kind, "closure_apology"))).get()!;
    expect(apology.text).toContain("Grund: Personalversammlung");
    const entry = context.db.select().from(auditLog).where(eq(auditLog.id, auditId)).get()!;
    expect(entry).toMatchObject({ action: "opening_hours.delete", entityId: String(tuesdayAfternoon.id), actorUserId: clerk.user.id, before: tuesdayAfternoon });
    expect(entry.at).toEqual(TEST_NOW);
  });

  it("changes nothing when the stranded bookings are no longer the ones shown", () => {
    const { tuesdayAfternoon } = rathausRules();
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const shown = shownFor(change);
    const bookedMeanwhile = book("16:00", 3);
    expect(() => applyRuleChange(clerk, { change, shownBookingIds: shown, cancelBookingIds: [], reason: null })).toThrow(expect.objectContaining({ code: "conflict", details: { reason: "affected_changed" } }));
    expect(context.db.select().from(openingHours).where(eq(openingHours.id, tuesdayAfternoon.id)).get()).toBeDefined();
    expect(context.db.select().from(bookings).where(eq(bookings.id, bookedMeanwhile.id)).get()!.status).toBe("booked");
  });

  it.each([
    { name: "a booking that is not stranded", cancel: "other" as const, reason: "x", field: "bookingIds" },
    { name: "no reason for the apology", cancel: "stranded" as const, reason: null, field: "reason" },
  ])("refuses to cancel with $name, changing nothing", ({ cancel, reason, field }) => {
    const { tuesdayAfternoon } = rathausRules();
    const other = book("09:00", 4);
    const stranded = book("15:00", 5);
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const cancelBookingIds = [cancel === "other" ? other.id : stranded.id];
    expect(() => applyRuleChange(clerk, { change, shownBookingIds: shownFor(change), cancelBookingIds, reason })).toThrow(expect.objectContaining({ code: "validation", fieldErrors: { [field]: expect.any(Array) } }));
    expect(context.db.select().from(openingHours).where(eq(openingHours.id, tuesdayAfternoon.id)).get()).toBeDefined();
  });

  it("answers not found for a rule that does not exist", () => {
    expect(() => previewRuleChange(clerk, { kind: "walk_in_block", id: 9999, replacement: null })).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("shortening a rule", () => {
  it("refuses a range that is not within the current one", () => {
    const { tuesdayAfternoon } = rathausRules();
    expect(() => previewRuleChange(clerk, { kind: "opening_hours", id: tuesdayAfternoon.id, replacement: { startMinute: 13 * 60, endMinute: 17 * 60 } })).toThrow(
      expect.objectContaining({ code: "validation", fieldErrors: { endMinute: ["outside_range"] } }),
    );
  });

  it("strands what falls outside, keeps the bookings when asked, and undo brings the old times back", () => {
    const { tuesdayGeneral } = rathausRules();
    const late = book("17:00", 6);
    const change = { kind: "capacity_window" as const, id: tuesdayGeneral.id, replacement: { startMinute: 8 * 60, endMinute: 16 * 60 } };
    const shown = shownFor(change);
    expect(shown).toContain(late.id);
    const { auditId, cancelled } = applyRuleChange(clerk, { change, shownBookingIds: shown, cancelBookingIds: [], reason: null });
    expect(cancelled).toEqual([]);
    expect(context.db.select().from(capacityWindows).where(eq(capacityWindows.id, tuesdayGeneral.id)).get()).toMatchObject({ startMinute: 480, endMinute: 960 });
    expect(context.db.select().from(auditLog).where(eq(auditLog.id, auditId)).get()).toMatchObject({ action: "capacity_window.update", after: { endMinute: 960 } });

    undoRuleChange(clerk, auditId);
    expect(context.db.select().from(capacityWindows).where(eq(capacityWindows.id, tuesdayGeneral.id)).get()).toMatchObject({ startMinute: 480, endMinute: 1080 });
    expect(context.db.select().from(bookings).where(eq(bookings.id, late.id)).get()!.status).toBe("booked");
  });
});

describe("undo", () => {
  function removeVehicleWindow() {
    const { tuesdayVehicle } = rathausRules();
    const concernsBefore = context.db.select().from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, tuesdayVehicle.id)).all();
    const change = { kind: "capacity_window" as const, id: tuesdayVehicle.id, replacement: null };
    const { auditId } = applyRuleChange(clerk, { change, shownBookingIds: shownFor(change), cancelBookingIds: [], reason: null });
    return { window: tuesdayVehicle, concernsBefore, auditId };
  }

  it("restores exactly the removed window, with its id and concerns, once", () => {
    const { window, concernsBefore, auditId } = removeVehicleWindow();
    expect(concernsBefore).toHaveLength(3);
    expect(context.db.select().from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, window.id)).all()).toEqual([]);
    expect(findUndoOffer(clerk, auditId)).toMatchObject({ auditId, isRemoval: true, rule: { kind: "capacity_window", rule: { id: window.id } } });

    undoRuleChange(clerk, auditId);
    const restored = context.db.select().from(capacityWindows).where(eq(capacityWindows.id, window.id)).get()!;
    const { updatedAt: _u1, ...restoredFields } = restored;
    const { updatedAt: _u2, ...originalFields } = window;
    expect(restoredFields).toEqual(originalFields);
    expect(context.db.select().from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, window.id)).all()).toEqual(concernsBefore);
    expect(context.db.select().from(auditLog).where(eq(auditLog.action, "capacity_window.restore")).get()).toMatchObject({ entityId: String(window.id), actorUserId: clerk.user.id, after: { undoOf: auditId } });

    expect(findUndoOffer(clerk, auditId)).toBeNull();
    expect(() => undoRuleChange(clerk, auditId)).toThrow(expect.objectContaining({ code: "conflict", details: { reason: "already_undone" } }));
  });

  it(`is offered for ${UNDO_MINUTES} minutes only`, () => {
    const { auditId } = removeVehicleWindow();
    clock = new Date(TEST_NOW.getTime() + UNDO_MINUTES * 60_000);
    expect(findUndoOffer(clerk, auditId)).not.toBeNull();
    clock = new Date(TEST_NOW.getTime() + UNDO_MINUTES * 60_000 + 1);
    expect(findUndoOffer(clerk, auditId)).toBeNull();
    expect(() => undoRuleChange(clerk, auditId)).toThrow(expect.objectContaining({ code: "conflict", details: { reason: "expired" } }));
  });

  it("is only for the staff member who made the change, in the session they made it in", () => {
    const { auditId } = removeVehicleWindow();
    expect(findUndoOffer(admin, auditId)).toBeNull();
    expect(() => undoRuleChange(admin, auditId)).toThrow(expect.objectContaining({ code: "not_found" }));
    clock = new Date(TEST_NOW.getTime() + 60_000);
    const laterSession = signedInAccess(context, "staff");
    expect(() => undoRuleChange(laterSession, auditId)).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("refuses when the removed opening hours would now overlap a range added since", () => {
    const { tuesdayAfternoon } = rathausRules();
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const { auditId } = applyRuleChange(clerk, { change, shownBookingIds: shownFor(change), cancelBookingIds: [], reason: null });
    addOpeningRange(clerk, { locationId: tuesdayAfternoon.locationId, weekday: 2, startMinute: 15 * 60, endMinute: 19 * 60 });
    expect(() => undoRuleChange(clerk, auditId)).toThrow(expect.objectContaining({ code: "conflict", details: { reason: "overlaps" } }));
  });

  it("refuses a shortening changed again since", () => {
    const { tuesdayGeneral } = rathausRules();
    const shorten = (endMinute: number) => {
      const change = { kind: "capacity_window" as const, id: tuesdayGeneral.id, replacement: { startMinute: 480, endMinute } };
      return applyRuleChange(clerk, { change, shownBookingIds: shownFor(change), cancelBookingIds: [], reason: null }).auditId;
    };
    const first = shorten(17 * 60);
    shorten(16 * 60);
    expect(() => undoRuleChange(clerk, first)).toThrow(expect.objectContaining({ code: "conflict", details: { reason: "changed_since" } }));
  });
});

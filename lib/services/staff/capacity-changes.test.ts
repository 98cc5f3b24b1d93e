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
  clerk = await signedInAccess(context, "staff");
  admin = await signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

/** Tuesday two weeks ahead: no seeded demo bookings, the long afternoon and the vehicle counter apply. */
const DAY = "2026-12-08";
const at = (time: string) => zonedToInstant(DAY, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

async function book(time: string, n: number, concern = "personalausweis") {
  return (await createBooking(context, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, concern), quantity: 1 }],
    startsAt: at(time),
    citizen: { name: `Person ${n}`, email: `person${n}@example.org`, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
    channel: "online",
  })).booking;
}

const rathausRules = async () => {
  const rathaus = await locationId(context.db, "rathaus");
  return {
    tuesdayAfternoon: (await context.db.select().from(openingHours).where(and(eq(openingHours.locationId, rathaus), eq(openingHours.weekday, 2), eq(openingHours.startMinute, 14 * 60))))[0]!,
    tuesdayGeneral: (await context.db.select().from(capacityWindows).where(and(eq(capacityWindows.locationId, rathaus), eq(capacityWindows.weekday, 2), eq(capacityWindows.onlineCounters, 3))))[0]!,
    tuesdayVehicle: (await context.db.select().from(capacityWindows).where(and(eq(capacityWindows.locationId, rathaus), eq(capacityWindows.weekday, 2), eq(capacityWindows.onlineCounters, 1))))[0]!,
  };
};

/** The stranded bookings as the confirmation step shows them (seeded demo bookings on earlier Tuesdays included). */
const shownFor = async (change: Parameters<typeof previewRuleChange>[1]) => (await previewRuleChange(clerk, change)).stranded.map((b) => b.id);

describe("removing a rule", () => {
  it("lists the bookings it strands, then removes it and cancels the chosen ones with an apology, audited", async () => {
    const { tuesdayAfternoon } = await rathausRules();
    const morning = await book("09:00", 1);
    const afternoon = await book("15:00", 2);
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const preview = await previewRuleChange(clerk, change);
    const shown = preview.stranded.map((b) => b.id);
    expect(shown).toContain(afternoon.id);
    expect(shown).not.toContain(morning.id);
    expect(preview.stranded.every((b) => b.status === "booked" && b.startsAt.getTime() > TEST_NOW.getTime())).toBe(true);
    expect(preview.location.slug).toBe("rathaus");

    const { auditId, cancelled } = await applyRuleChange(clerk, { change, shownBookingIds: shown, cancelBookingIds: [afternoon.id], reason: "Personalversammlung" });
    expect(cancelled.map((b) => b.id)).toEqual([afternoon.id]);
    expect((await context.db.select().from(openingHours).where(eq(openingHours.id, tuesdayAfternoon.id)))[0]).toBeUndefined();
    expect((await context.db.select().from(bookings).where(eq(bookings.id, morning.id)))[0]!.status).toBe("booked");
    const apology = (await context.db.select().from(emailOutbox).where(and(eq(emailOutbox.bookingId, afternoon.id), eq(emailOutbox.kind, "closure_apology"))))[0]!;
    expect(apology.text).toContain("Grund: Personalversammlung");
    const entry = (await context.db.select().from(auditLog).where(eq(auditLog.id, auditId)))[0]!;
    expect(entry).toMatchObject({ action: "opening_hours.delete", entityId: String(tuesdayAfternoon.id), actorUserId: clerk.user.id, before: tuesdayAfternoon });
    expect(entry.at).toEqual(TEST_NOW);
  });

  it("changes nothing when the stranded bookings are no longer the ones shown", async () => {
    const { tuesdayAfternoon } = await rathausRules();
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const shown = await shownFor(change);
    const bookedMeanwhile = await book("16:00", 3);
    await expect((async () => applyRuleChange(clerk, { change, shownBookingIds: shown, cancelBookingIds: [], reason: null }))()).rejects.toThrow(expect.objectContaining({ code: "conflict", details: { reason: "affected_changed" } }));
    expect((await context.db.select().from(openingHours).where(eq(openingHours.id, tuesdayAfternoon.id)))[0]).toBeDefined();
    expect((await context.db.select().from(bookings).where(eq(bookings.id, bookedMeanwhile.id)))[0]!.status).toBe("booked");
  });

  it.each([
    { name: "a booking that is not stranded", cancel: "other" as const, reason: "x", field: "bookingIds" },
    { name: "no reason for the apology", cancel: "stranded" as const, reason: null, field: "reason" },
  ])("refuses to cancel with $name, changing nothing", async ({ cancel, reason, field }) => {
    const { tuesdayAfternoon } = await rathausRules();
    const other = await book("09:00", 4);
    const stranded = await book("15:00", 5);
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const cancelBookingIds = [cancel === "other" ? other.id : stranded.id];
    await expect((async () => applyRuleChange(clerk, { change, shownBookingIds: await shownFor(change), cancelBookingIds, reason }))()).rejects.toThrow(expect.objectContaining({ code: "validation", fieldErrors: { [field]: expect.any(Array) } }));
    expect((await context.db.select().from(openingHours).where(eq(openingHours.id, tuesdayAfternoon.id)))[0]).toBeDefined();
  });

  it("answers not found for a rule that does not exist", async () => {
    await expect((async () => previewRuleChange(clerk, { kind: "walk_in_block", id: 9999, replacement: null }))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("shortening a rule", () => {
  it("refuses a range that is not within the current one", async () => {
    const { tuesdayAfternoon } = await rathausRules();
    await expect((async () => previewRuleChange(clerk, { kind: "opening_hours", id: tuesdayAfternoon.id, replacement: { startMinute: 13 * 60, endMinute: 17 * 60 } }))()).rejects.toThrow(expect.objectContaining({ code: "validation", fieldErrors: { endMinute: ["outside_range"] } }));
  });

  it("strands what falls outside, keeps the bookings when asked, and undo brings the old times back", async () => {
    const { tuesdayGeneral } = await rathausRules();
    const late = await book("17:00", 6);
    const change = { kind: "capacity_window" as const, id: tuesdayGeneral.id, replacement: { startMinute: 8 * 60, endMinute: 16 * 60 } };
    const shown = await shownFor(change);
    expect(shown).toContain(late.id);
    const { auditId, cancelled } = await applyRuleChange(clerk, { change, shownBookingIds: shown, cancelBookingIds: [], reason: null });
    expect(cancelled).toEqual([]);
    expect((await context.db.select().from(capacityWindows).where(eq(capacityWindows.id, tuesdayGeneral.id)))[0]).toMatchObject({ startMinute: 480, endMinute: 960 });
    expect((await context.db.select().from(auditLog).where(eq(auditLog.id, auditId)))[0]).toMatchObject({ action: "capacity_window.update", after: { endMinute: 960 } });

    await undoRuleChange(clerk, auditId);
    expect((await context.db.select().from(capacityWindows).where(eq(capacityWindows.id, tuesdayGeneral.id)))[0]).toMatchObject({ startMinute: 480, endMinute: 1080 });
    expect((await context.db.select().from(bookings).where(eq(bookings.id, late.id)))[0]!.status).toBe("booked");
  });
});

describe("undo", () => {
  async function removeVehicleWindow() {
    const { tuesdayVehicle } = await rathausRules();
    const concernsBefore = await context.db.select().from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, tuesdayVehicle.id));
    const change = { kind: "capacity_window" as const, id: tuesdayVehicle.id, replacement: null };
    const { auditId } = await applyRuleChange(clerk, { change, shownBookingIds: await shownFor(change), cancelBookingIds: [], reason: null });
    return { window: tuesdayVehicle, concernsBefore, auditId };
  }

  it("restores exactly the removed window, with its id and concerns, once", async () => {
    const { window, concernsBefore, auditId } = await removeVehicleWindow();
    expect(concernsBefore).toHaveLength(3);
    expect(await context.db.select().from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, window.id))).toEqual([]);
    expect(await findUndoOffer(clerk, auditId)).toMatchObject({ auditId, isRemoval: true, rule: { kind: "capacity_window", rule: { id: window.id } } });

    await undoRuleChange(clerk, auditId);
    const restored = (await context.db.select().from(capacityWindows).where(eq(capacityWindows.id, window.id)))[0]!;
    const { updatedAt: _u1, ...restoredFields } = restored;
    const { updatedAt: _u2, ...originalFields } = window;
    expect(restoredFields).toEqual(originalFields);
    expect(await context.db.select().from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, window.id))).toEqual(concernsBefore);
    expect((await context.db.select().from(auditLog).where(eq(auditLog.action, "capacity_window.restore")))[0]).toMatchObject({ entityId: String(window.id), actorUserId: clerk.user.id, after: { undoOf: auditId } });

    expect(await findUndoOffer(clerk, auditId)).toBeNull();
    await expect((async () => undoRuleChange(clerk, auditId))()).rejects.toThrow(expect.objectContaining({ code: "conflict", details: { reason: "already_undone" } }));
  });

  it(`is offered for ${UNDO_MINUTES} minutes only`, async () => {
    const { auditId } = await removeVehicleWindow();
    clock = new Date(TEST_NOW.getTime() + UNDO_MINUTES * 60_000);
    expect(await findUndoOffer(clerk, auditId)).not.toBeNull();
    clock = new Date(TEST_NOW.getTime() + UNDO_MINUTES * 60_000 + 1);
    expect(await findUndoOffer(clerk, auditId)).toBeNull();
    await expect((async () => undoRuleChange(clerk, auditId))()).rejects.toThrow(expect.objectContaining({ code: "conflict", details: { reason: "expired" } }));
  });

  it("is only for the staff member who made the change, in the session they made it in", async () => {
    const { auditId } = await removeVehicleWindow();
    expect(await findUndoOffer(admin, auditId)).toBeNull();
    await expect((async () => undoRuleChange(admin, auditId))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
    clock = new Date(TEST_NOW.getTime() + 60_000);
    const laterSession = await signedInAccess(context, "staff");
    await expect((async () => undoRuleChange(laterSession, auditId))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("refuses when the removed opening hours would now overlap a range added since", async () => {
    const { tuesdayAfternoon } = await rathausRules();
    const change = { kind: "opening_hours" as const, id: tuesdayAfternoon.id, replacement: null };
    const { auditId } = await applyRuleChange(clerk, { change, shownBookingIds: await shownFor(change), cancelBookingIds: [], reason: null });
    await addOpeningRange(clerk, { locationId: tuesdayAfternoon.locationId, weekday: 2, startMinute: 15 * 60, endMinute: 19 * 60 });
    await expect((async () => undoRuleChange(clerk, auditId))()).rejects.toThrow(expect.objectContaining({ code: "conflict", details: { reason: "overlaps" } }));
  });

  it("refuses a shortening changed again since", async () => {
    const { tuesdayGeneral } = await rathausRules();
    const shorten = async (endMinute: number) => {
      const change = { kind: "capacity_window" as const, id: tuesdayGeneral.id, replacement: { startMinute: 480, endMinute } };
      return (await applyRuleChange(clerk, { change, shownBookingIds: await shownFor(change), cancelBookingIds: [], reason: null })).auditId;
    };
    const first = await shorten(17 * 60);
    await shorten(16 * 60);
    await expect((async () => undoRuleChange(clerk, first))()).rejects.toThrow(expect.objectContaining({ code: "conflict", details: { reason: "changed_since" } }));
  });
});

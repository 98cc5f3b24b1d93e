import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import { auditLog, capacityWindows, emailOutbox, locations, openingHours } from "@/db/schema";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { closureSchema } from "@/lib/validation/capacity";
import { CITIZEN_ACTOR } from "../audit";
import { createBooking, createPhoneBooking } from "../bookings";
import type { ServiceContext } from "../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { addCapacityWindow, addOpeningRange, bookingsHitByClosure, createClosure, findConflicts, listUpcomingClosures, removeCapacityWindow } from "./capacity";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
/** A signed-in clerk (staff role): capacity and closures are staff work. */
let clerk: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  clerk = signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

function book(time: string, n: number, channel: "online" | "phone" = "online", date = "2026-12-08") {
  const request = {
    locationId: locationId(context.db, "rathaus"),
    items: [{ concernId: concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: at(date, time),
    citizen: { name: `Person ${n}`, email: `person${n}@example.org`, phone: null, note: null },
    language: "de" as const,
    linkNonce: generateFormNonce(),
  };
  return (channel === "online" ? createBooking(context, CITIZEN_ACTOR, { ...request, channel }) : createPhoneBooking(clerk, request)).booking;
}

describe("opening hours and windows", () => {
  it("refuses an opening range that overlaps one on the same weekday", () => {
    const rathaus = locationId(context.db, "rathaus");
    expect(() => addOpeningRange(clerk, { locationId: rathaus, weekday: 1, startMinute: 600, endMinute: 800 })).toThrow(expect.objectContaining({ code: "conflict" }));
    addOpeningRange(clerk, { locationId: rathaus, weekday: 1, startMinute: 14 * 60, endMinute: 16 * 60 });
    expect(context.db.select().from(openingHours).where(and(eq(openingHours.locationId, rathaus), eq(openingHours.weekday, 1))).all()).toHaveLength(2);
    const entries = context.db.select().from(auditLog).where(eq(auditLog.action, "opening_hours.create")).all();
    expect(entries).toMatchObject([{ actorUserId: clerk.user.id, actorLabel: clerk.user.email }]);
  });
});

describe("appointments that no longer fit", () => {
  it("lists the latest bookings beyond a reduced capacity, keeping earlier ones", () => {
    const rathaus = findLocationBySlug(context.db, "rathaus")!;
    const bookingsAtNine = [book("09:00", 1), book("09:00", 2), book("09:00", 3), book("09:00", 4, "phone")];
    expect(bookingsAtNine.map((b) => b.channel)).toEqual(["online", "online", "online", "phone"]);
    expect(findConflicts(clerk, rathaus)).toEqual([]);

    // Tuesday's general window (3 online + 1 staff) is replaced by a smaller one (2 counters).
    const tuesday = context.db.select().from(capacityWindows).where(and(eq(capacityWindows.locationId, rathaus.id), eq(capacityWindows.weekday, 2), eq(capacityWindows.onlineCounters, 3))).get()!;
    removeCapacityWindow(clerk, tuesday.id);
    addCapacityWindow(clerk, { locationId: rathaus.id, weekday: 2, validFrom: null, validUntil: null, startMinute: 8 * 60, endMinute: 18 * 60, onlineCounters: 2, staffCounters: 0, note: null, concernIds: [] });

    const conflicts = findConflicts(clerk, rathaus);
    expect(conflicts.map((b) => b.id)).toEqual([bookingsAtNine[2]!.id, bookingsAtNine[3]!.id]);
  });
});

describe("closures", () => {
  const input = (overrides: Record<string, string> = {}) =>
    closureSchema.parse({ locationId: "", startDate: "2026-12-08", endDate: "2026-12-08", startMinute: "08:30", endMinute: "10:00", reason: "Stromausfall", ...overrides });

  it("finds the appointments it hits and cancels them with an apology that links to rebooking", () => {
    const hit = book("09:00", 1);
    const notHit = book("10:00", 2);
    const closure = { ...input(), locationId: locationId(context.db, "rathaus") };
    expect(bookingsHitByClosure(clerk, closure).map((b) => b.id)).toContain(hit.id);
    const { cancelled } = createClosure(clerk, closure, { cancelAffected: true });
    expect(cancelled.map((b) => b.id)).toContain(hit.id);
    expect(cancelled.map((b) => b.id)).not.toContain(notHit.id);
    const apology = context.db.select().from(emailOutbox).where(and(eq(emailOutbox.bookingId, hit.id), eq(emailOutbox.kind, "closure_apology"))).get()!;
    expect(apology.text).toContain("Grund: Stromausfall");
    expect(apology.text).toContain("https://termine.musterstadt.example/termin");
  });

  it("can close without cancelling, leaving the appointments for staff to handle", () => {
    const hit = book("09:00", 1);
    const { cancelled } = createClosure(clerk, { ...input(), locationId: locationId(context.db, "rathaus") }, { cancelAffected: false });
    expect(cancelled).toEqual([]);
    expect(findConflicts(clerk, findLocationBySlug(context.db, "rathaus")!).map((b) => b.id)).toContain(hit.id);
  });

  it.each([
    { name: "end before start", overrides: { endDate: "2026-12-07" }, message: "end_before_start" },
    { name: "no reason", overrides: { reason: " " }, message: "reason_required" },
    { name: "an impossible date", overrides: { startDate: "2026-02-30" }, message: "date_invalid" },
    { name: "a bad time", overrides: { startMinute: "25:00" }, message: "time_invalid" },
  ])("rejects $name", ({ overrides, message }) => {
    const result = closureSchema.safeParse({ locationId: "", startDate: "2026-12-08", endDate: "2026-12-08", reason: "x", ...overrides });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain(message);
  });

  it("a whole-day closure for all locations covers local midnight to midnight", () => {
    const parsed = closureSchema.parse({ locationId: "alle", startDate: "2026-12-28", endDate: "2026-12-30", reason: "Inventur" });
    expect(parsed.locationId).toBeNull();
    const { closure } = createClosure(clerk, parsed, { cancelAffected: true });
    expect(closure.startsAt.toISOString()).toBe("2026-12-27T23:00:00.000Z");
    expect(closure.endsAt.toISOString()).toBe("2026-12-30T23:00:00.000Z");
  });

  // The admin form offers only Europe/Berlin today, but the column holds any IANA zone and the engine reads it: a
  // location moved to New York here proves the closure path takes the location's zone and not a fixed one.
  describe("in the location's own time zone", () => {
    const moveToNewYork = (slug: string) => context.db.update(locations).set({ timeZone: "America/New_York" }).where(eq(locations.slug, slug)).run();

    it("reads a location's closure days in that location's zone", () => {
      moveToNewYork("rathaus");
      const { closure } = createClosure(clerk, { ...input({ startMinute: "", endMinute: "" }), locationId: locationId(context.db, "rathaus") }, { cancelAffected: false });
      expect(closure.startsAt.toISOString()).toBe("2026-12-08T05:00:00.000Z");
      expect(closure.endsAt.toISOString()).toBe("2026-12-09T05:00:00.000Z");
    });

    it("reads a closure of all locations in the installation's default zone", () => {
      moveToNewYork("rathaus");
      const { closure } = createClosure(clerk, input({ startMinute: "", endMinute: "" }), { cancelAffected: false });
      expect(DEFAULT_TIME_ZONE).toBe("Europe/Berlin");
      expect(closure.startsAt.toISOString()).toBe("2026-12-07T23:00:00.000Z");
    });

    it("lists the hit appointments and the upcoming closures with their location's zone", () => {
      const hit = book("09:00", 1);
      moveToNewYork("rathaus");
      // 09:00 in Berlin is 03:00 in New York: a closure of New York's early morning hits it.
      const closure = { ...input({ startMinute: "02:00", endMinute: "04:00" }), locationId: locationId(context.db, "rathaus") };
      expect(bookingsHitByClosure(clerk, closure)).toEqual([expect.objectContaining({ id: hit.id, timeZone: "America/New_York" })]);
      createClosure(clerk, closure, { cancelAffected: false });
      createClosure(clerk, input({ startDate: "2026-12-10", endDate: "2026-12-10", startMinute: "", endMinute: "" }), { cancelAffected: false });
      const ours = listUpcomingClosures(clerk).filter((row) => row.closure.reason === "Stromausfall");
      expect(ours.map((row) => [row.locationName, row.timeZone])).toEqual([
        ["Bürgerbüro im Rathaus", "America/New_York"],
        [null, DEFAULT_TIME_ZONE],
      ]);
    });
  });
});

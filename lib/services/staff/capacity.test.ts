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
  clerk = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

async function book(time: string, n: number, channel: "online" | "phone" = "online", date = "2026-12-08") {
  const request = {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: at(date, time),
    citizen: { name: `Person ${n}`, email: `person${n}@example.org`, phone: null, note: null },
    language: "de" as const,
    linkNonce: generateFormNonce(),
  };
  return (channel === "online" ? await createBooking(context, CITIZEN_ACTOR, { ...request, channel }) : await createPhoneBooking(clerk, request)).booking;
}

describe("opening hours and windows", () => {
  it("refuses an opening range that overlaps one on the same weekday", async () => {
    const rathaus = await locationId(context.db, "rathaus");
    await expect((async () => addOpeningRange(clerk, { locationId: rathaus, weekday: 1, startMinute: 600, endMinute: 800 }))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    await addOpeningRange(clerk, { locationId: rathaus, weekday: 1, startMinute: 14 * 60, endMinute: 16 * 60 });
    expect(await context.db.select().from(openingHours).where(and(eq(openingHours.locationId, rathaus), eq(openingHours.weekday, 1)))).toHaveLength(2);
    const entries = await context.db.select().from(auditLog).where(eq(auditLog.action, "opening_hours.create"));
    expect(entries).toMatchObject([{ actorUserId: clerk.user.id, actorLabel: clerk.user.email }]);
  });
});

describe("appointments that no longer fit", () => {
  it("lists the latest bookings beyond a reduced capacity, keeping earlier ones", async () => {
    const rathaus = (await findLocationBySlug(context.db, "rathaus"))!;
    const bookingsAtNine = [await book("09:00", 1), await book("09:00", 2), await book("09:00", 3), await book("09:00", 4, "phone")];
    expect(bookingsAtNine.map((b) => b.channel)).toEqual(["online", "online", "online", "phone"]);
    expect(await findConflicts(clerk, rathaus)).toEqual([]);

    // Tuesday's general window (3 online + 1 staff) is replaced by a smaller one (2 counters).
    const tuesday = (await context.db.select().from(capacityWindows).where(and(eq(capacityWindows.locationId, rathaus.id), eq(capacityWindows.weekday, 2), eq(capacityWindows.onlineCounters, 3))))[0]!;
    await removeCapacityWindow(clerk, tuesday.id);
    await addCapacityWindow(clerk, { locationId: rathaus.id, weekday: 2, validFrom: null, validUntil: null, startMinute: 8 * 60, endMinute: 18 * 60, onlineCounters: 2, staffCounters: 0, note: null, concernIds: [] });

    const conflicts = await findConflicts(clerk, rathaus);
    expect(conflicts.map((b) => b.id)).toEqual([bookingsAtNine[2]!.id, bookingsAtNine[3]!.id]);
  });
});

describe("closures", () => {
  const input = (overrides: Record<string, string> = {}) =>
    closureSchema.parse({ locationId: "", startDate: "2026-12-08", endDate: "2026-12-08", startMinute: "08:30", endMinute: "10:00", reason: "Stromausfall", ...overrides });

  it("finds the appointments it hits and cancels them with an apology that links to rebooking", async () => {
    const hit = await book("09:00", 1);
    const notHit = await book("10:00", 2);
    const closure = { ...input(), locationId: await locationId(context.db, "rathaus") };
    expect((await bookingsHitByClosure(clerk, closure)).map((b) => b.id)).toContain(hit.id);
    const { cancelled } = await createClosure(clerk, closure, { cancelAffected: true });
    expect(cancelled.map((b) => b.id)).toContain(hit.id);
    expect(cancelled.map((b) => b.id)).not.toContain(notHit.id);
    const apology = (await context.db.select().from(emailOutbox).where(and(eq(emailOutbox.bookingId, hit.id), eq(emailOutbox.kind, "closure_apology"))))[0]!;
    expect(apology.text).toContain("Grund: Stromausfall");
    expect(apology.text).toContain("https://termine.musterstadt.example/termin");
  });

  it("can close without cancelling, leaving the appointments for staff to handle", async () => {
    const hit = await book("09:00", 1);
    const { cancelled } = await createClosure(clerk, { ...input(), locationId: await locationId(context.db, "rathaus") }, { cancelAffected: false });
    expect(cancelled).toEqual([]);
    expect((await findConflicts(clerk, (await findLocationBySlug(context.db, "rathaus"))!)).map((b) => b.id)).toContain(hit.id);
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

  it("a whole-day closure for all locations covers local midnight to midnight", async () => {
    const parsed = closureSchema.parse({ locationId: "alle", startDate: "2026-12-28", endDate: "2026-12-30", reason: "Inventur" });
    expect(parsed.locationId).toBeNull();
    const { closure } = await createClosure(clerk, parsed, { cancelAffected: true });
    expect(closure.startsAt.toISOString()).toBe("2026-12-27T23:00:00.000Z");
    expect(closure.endsAt.toISOString()).toBe("2026-12-30T23:00:00.000Z");
  });

  // The admin form offers only Europe/Berlin today, but the column holds any IANA zone and the engine reads it: a
  // location moved to New York here proves the closure path takes the location's zone and not a fixed one.
  describe("in the location's own time zone", () => {
    const moveToNewYork = async (slug: string) => await context.db.update(locations).set({ timeZone: "America/New_York" }).where(eq(locations.slug, slug));

    it("reads a location's closure days in that location's zone", async () => {
      await moveToNewYork("rathaus");
      const { closure } = await createClosure(clerk, { ...input({ startMinute: "", endMinute: "" }), locationId: await locationId(context.db, "rathaus") }, { cancelAffected: false });
      expect(closure.startsAt.toISOString()).toBe("2026-12-08T05:00:00.000Z");
      expect(closure.endsAt.toISOString()).toBe("2026-12-09T05:00:00.000Z");
    });

    it("reads a closure of all locations in the installation's default zone", async () => {
      await moveToNewYork("rathaus");
      const { closure } = await createClosure(clerk, input({ startMinute: "", endMinute: "" }), { cancelAffected: false });
      expect(DEFAULT_TIME_ZONE).toBe("Europe/Berlin");
      expect(closure.startsAt.toISOString()).toBe("2026-12-07T23:00:00.000Z");
    });

    it("lists the hit appointments and the upcoming closures with their location's zone", async () => {
      const hit = await book("09:00", 1);
      await moveToNewYork("rathaus");
      // 09:00 in Berlin is 03:00 in New York: a closure of New York's early morning hits it.
      const closure = { ...input({ startMinute: "02:00", endMinute: "04:00" }), locationId: await locationId(context.db, "rathaus") };
      expect(await bookingsHitByClosure(clerk, closure)).toEqual([expect.objectContaining({ id: hit.id, timeZone: "America/New_York" })]);
      await createClosure(clerk, closure, { cancelAffected: false });
      await createClosure(clerk, input({ startDate: "2026-12-10", endDate: "2026-12-10", startMinute: "", endMinute: "" }), { cancelAffected: false });
      const ours = (await listUpcomingClosures(clerk)).filter((row) => row.closure.reason === "Stromausfall");
      expect(ours.map((row) => [row.locationName, row.timeZone])).toEqual([
        ["Bürgerbüro im Rathaus", "America/New_York"],
        [null, DEFAULT_TIME_ZONE],
      ]);
    });
  });
});

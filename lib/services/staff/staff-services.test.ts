import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import { auditLog } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "../audit";
import { createBooking } from "../bookings";
import type { ServiceContext } from "../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { setBookingStatus } from "./booking-status";
import { loadDayView, loadWeek, searchBookings } from "./day-view";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
/** A signed-in clerk (staff role). */
let clerk: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  clerk = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const at = (date: string, time: string) => zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);

async function book(time: string, name = "Lukas Schmidt", date = "2026-12-08") {
  return (await createBooking(context, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: at(date, time),
    channel: "online",
    citizen: { name, email: `${name.replace(/\W/g, "").toLowerCase()}-${time.replace(":", "")}@example.org`, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  })).booking;
}

describe("status changes at the counter", () => {
  it.each([
    { path: ["checked_in", "done"], ok: true },
    { path: ["no_show"], ok: true },
    { path: ["no_show", "booked", "checked_in"], ok: true },
    { path: ["checked_in", "booked"], ok: true },
    { path: ["done"], ok: false },
    { path: ["checked_in", "no_show"], ok: false },
  ] as const)("$path is allowed: $ok", async ({ path, ok }) => {
    const booking = await book("09:00");
    const run = async () => {
      for (const status of path) await setBookingStatus(clerk, booking.id, status);
    };
    if (ok) await run();
    else await expect(run()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("records who changed what, without personal data", async () => {
    const booking = await book("09:00");
    await setBookingStatus(clerk, booking.id, "checked_in", 3);
    const entry = (await context.db.select().from(auditLog).where(eq(auditLog.action, "booking.checked_in")))[0]!;
    expect(entry).toMatchObject({ actorUserId: clerk.user.id, actorLabel: clerk.user.email });
    expect(entry.after).toEqual({ referenceCode: booking.referenceCode, status: "checked_in", counter: 3 });
    expect(JSON.stringify(entry)).not.toContain("Lukas");
  });
});

describe("day view", () => {
  it("lists the day's bookings in time order and counts them", async () => {
    await book("09:00", "A");
    await book("09:00", "B");
    const c = await book("09:20", "C");
    await setBookingStatus(clerk, c.id, "no_show");
    const location = (await findLocationBySlug(context.db, "rathaus"))!;
    const view = await loadDayView(clerk, location, "2026-12-08", "de");
    expect(view.counts).toMatchObject({ all: 3, booked: 2, no_show: 1, online: 3 });
    expect(view.active.map((b) => [b.citizenName, b.items[0]!.name])).toEqual([
      ["A", "Personalausweis beantragen"],
      ["B", "Personalausweis beantragen"],
      ["C", "Personalausweis beantragen"],
    ]);
    expect(view.openingRanges).toEqual([
      { startMinute: 480, endMinute: 750 },
      { startMinute: 840, endMinute: 1080 },
    ]);
    const nine = view.capacity.find((row) => row.startsAt.getTime() === at("2026-12-08", "09:00").getTime())!;
    expect(nine).toMatchObject({ bookedMax: 2, walkIn: 0 });
  });

  it("shows the Wednesday open door in the capacity", async () => {
    const view = await loadDayView(clerk, (await findLocationBySlug(context.db, "rathaus"))!, "2026-12-09", "de");
    expect(view.capacity[0]).toMatchObject({ walkIn: 2 });
  });

  it("marks holidays and has no capacity on them in the week overview", async () => {
    const week = await loadWeek(clerk, (await findLocationBySlug(context.db, "rathaus"))!, "2026-12-23");
    expect(week.map((d) => d.date)).toEqual(["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26"]);
    expect(week[4]!.holiday?.key).toBe("christmas-day");
    expect(week[4]!.capacityMinutes).toBe(0);
    // Christmas Eve is closed by the seeded closure.
    expect(week[3]!.capacityMinutes).toBe(0);
    expect(week[1]!.capacityMinutes).toBeGreaterThan(week[0]!.capacityMinutes);
  });
});

describe("search", () => {
  it.each([
    { query: "exact" as const },
    { query: "lower" as const },
    { query: "nodash" as const },
  ])("finds a booking by its reference code written $query", async ({ query }) => {
    const booking = await book("10:00", "Mariam Haddad");
    const code = booking.referenceCode;
    const typed = query === "exact" ? code : query === "lower" ? code.toLowerCase() : code.replace("-", "");
    expect((await searchBookings(clerk, typed, "de")).map((b) => b.id)).toEqual([booking.id]);
  });

  it("finds bookings by part of the name and treats wildcards literally", async () => {
    await book("10:00", "Zofia Quellbach");
    expect((await searchBookings(clerk, "quellb", "de")).map((b) => b.citizenName)).toEqual(["Zofia Quellbach"]);
    expect(await searchBookings(clerk, "%", "de")).toEqual([]);
    expect(await searchBookings(clerk, "a", "de")).toEqual([]);
  });
});

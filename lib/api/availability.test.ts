import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { addDays, instantToZoned } from "@/lib/domain/zoned-time";
import type { AppDatabase } from "@/db/client";
import { findLocationBySlug } from "@/db/queries/locations";
import { concernId, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { MAX_RANGE_DAYS } from "@/lib/services/availability";
import { createBooking } from "@/lib/services/bookings";
import { availabilitySchema } from "./schemas";
import { apiRequest, readJson, todayAtLocations, useSeededAppDatabase } from "./test-support";

let cleanup: () => void;
let db: AppDatabase;
beforeAll(async () => {
  ({ cleanup, db } = await useSeededAppDatabase());
});
afterAll(() => cleanup());

const ask = (query: string) => getAvailability(apiRequest(`/availability?${query}`));

describe("GET /api/v1/availability", () => {
  it("returns the next two weeks with free start times for the requested concerns", async () => {
    const from = todayAtLocations();
    const to = addDays(from, 14);
    const response = await ask(`location=rathaus&concerns=personalausweis:1,reisepass:2&from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    const body = availabilitySchema.parse(await readJson(response));
    expect(body).toMatchObject({ location: "rathaus", from, to, durationMinutes: 50 });
    expect(body.days).toHaveLength(15);
    expect(body.days.map((d) => d.date)).toEqual(Array.from({ length: 15 }, (_, i) => addDays(from, i)));

    const available = body.days.filter((d) => d.status === "available");
    expect(available.length).toBeGreaterThan(0);
    expect(body.firstAvailableDate).toBe(available[0]!.date);
    for (const day of body.days) {
      if (day.status !== "available") expect(day.slots).toEqual([]);
      for (const slot of day.slots) {
        expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(50 * 60_000);
        expect(instantToZoned(new Date(slot.start), "Europe/Berlin").date).toBe(day.date);
        expect(slot.remaining).toBeGreaterThan(0);
      }
    }
    // Weekends are closed at the Rathaus.
    expect(body.days.filter((d) => d.weekday >= 6).every((d) => d.status === "closed" || d.status === "holiday")).toBe(true);
  });

  it("defaults the range to what can be booked and a missing quantity to one", async () => {
    const body = await readJson(await ask("location=nordstadt&concerns=anmeldung"));
    expect(body.from).toBe(todayAtLocations());
    expect(body.days.length).toBeGreaterThan(14);
    expect(body.days.length).toBeLessThanOrEqual(MAX_RANGE_DAYS + 1);
  });

  it.each([
    ["a missing location", "concerns=personalausweis:1", "location"],
    ["missing concerns", "location=rathaus", "concerns"],
    ["a malformed concern list", "location=rathaus&concerns=personalausweis;2", "concerns"],
    ["a quantity of zero", "location=rathaus&concerns=personalausweis:0", "concerns.0.quantity"],
    ["a malformed slug", "location=Rathaus!&concerns=personalausweis:1", "location"],
    ["an impossible date", "location=rathaus&concerns=personalausweis:1&from=2026-02-30", "from"],
    ["a date in another format", "location=rathaus&concerns=personalausweis:1&from=01.12.2026", "from"],
    ["from after to", "location=rathaus&concerns=personalausweis:1&from=2026-12-14&to=2026-12-01", "to"],
    ["a range longer than allowed", `location=rathaus&concerns=personalausweis:1&from=2026-12-01&to=${addDays("2026-12-01", MAX_RANGE_DAYS + 1)}`, "to"],
    ["an unknown language", "location=rathaus&concerns=personalausweis:1&lang=fr", "lang"],
    ["a date in year 0", "location=rathaus&concerns=personalausweis:1&from=0000-01-01", "from"],
    ["a date in year 9999", "location=rathaus&concerns=personalausweis:1&to=9999-12-31", "to"],
  ])("answers 400 for %s", async (_case, query, field) => {
    const response = await ask(query);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await readJson(response);
    expect(body.code).toBe("invalid_query");
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("answers 404 for an unknown location", async () => {
    const response = await ask("location=mondstation&concerns=personalausweis:1");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await readJson(response)).detail).toContain('"mondstation"');
  });

  it.each([
    ["an unknown concern", "location=rathaus&concerns=personalausweis:1,drachenlizenz:1", "unknown_concern", "drachenlizenz"],
    ["a concern the branch does not offer", "location=nordstadt&concerns=fahrzeugzulassung:1", "concern_not_offered", "fahrzeugzulassung"],
    ["a quantity above the concern's maximum", "location=rathaus&concerns=personalausweis:9", "quantity_out_of_range", "personalausweis"],
    ["the same concern twice", "location=rathaus&concerns=reisepass:1,reisepass:1", "duplicate_concern", "reisepass"],
  ])("answers 422 naming the concern for %s", async (_case, query, problemCode, slug) => {
    const response = await ask(query);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await readJson(response);
    expect(body.code).toBe("request_invalid");
    expect(body.detail).toContain(`"${slug}"`);
    expect(body.errors[0]).toMatchObject({ field: "concerns", code: problemCode });
  });

  it("returns no days for a range entirely beyond the booking horizon, not an error", async () => {
    const from = addDays(todayAtLocations(), 200);
    const response = await ask(`location=rathaus&concerns=personalausweis:1&from=${from}&to=${addDays(from, 5)}`);
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.days).toEqual([]);
    expect(body.firstAvailableDate).toBeNull();
  });

  it("shows a booking made on another connection to the file (as another process would) in the next answer, cached or not", async () => {
    // The handlers use the app's own connection (getDb); this test books through its own, as a second process does.
    const from = addDays(todayAtLocations(), 9);
    const query = `location=rathaus&concerns=meldebescheinigung:1&from=${from}&to=${from}`;
    const remainingAt = async (start: string) =>
      availabilitySchema.parse(await readJson(await ask(query))).days[0]!.slots.find((slot) => slot.start === start)?.remaining ?? 0;
    const first = availabilitySchema.parse(await readJson(await ask(query))).days[0]!.slots[0]!;
    expect(await remainingAt(first.start)).toBe(first.remaining);

    await createBooking(
        { db, now: () => TEST_NOW, publicUrl: "https://termine.musterstadt.example", canSendMail: false, secret: "another-process-secret-0000000000000000" },
        { userId: null, label: "citizen" },
        {
          locationId: (await findLocationBySlug(db, "rathaus"))!.id,
          items: [{ concernId: await concernId(db, "meldebescheinigung"), quantity: 1 }],
          startsAt: new Date(first.start),
          channel: "online",
          citizen: { name: "Other Process", email: "other-process@example.org", phone: null, note: null },
          language: "de",
          linkNonce: "other-process-nonce-000000000000000000000",
        },
      );
    expect(await remainingAt(first.start)).toBe(first.remaining - 1);
  });
});

import { sql } from "drizzle-orm";
import { rawRun } from "@/lib/testing/raw-sql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import { concernId, seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { settledAfterFiveSecondsInLine } from "@/lib/testing/availability-slots";
import { availabilityFor, inAvailabilityTurn } from "./availability";

let fixture: Awaited<ReturnType<typeof seededContext>>;
beforeAll(async () => {
  fixture = await seededContext();
});
afterAll(() => fixture.cleanup());

describe("availability ranges", () => {
  it.each([
    { name: "no range: today up to the horizon", from: undefined, to: undefined, expected: ["2026-11-24", "2027-01-19"] },
    { name: "a range in the past is moved to today", from: "2020-01-01", to: "2026-11-30", expected: ["2026-11-24", "2026-11-30"] },
    { name: "the far future is clipped to the horizon", from: "2027-01-10", to: "9999-12-31", expected: ["2027-01-10", "2027-01-19"] },
    { name: "a range beyond the horizon yields no days", from: "9999-12-01", to: "9999-12-31", expected: null },
    { name: "a range before today yields no days", from: "0001-01-01", to: "2000-01-01", expected: null },
  ])("$name", async ({ from, to, expected }) => {
    const result = await availabilityFor(fixture.db, {
      now: TEST_NOW,
      location: (await findLocationBySlug(fixture.db, "rathaus"))!,
      items: [{ concernId: await concernId(fixture.db, "personalausweis"), quantity: 1 }],
      audience: "online",
      from,
      to,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    if (expected === null) expect(result.days).toEqual([]);
    else expect([result.days[0]?.date, result.days.at(-1)?.date]).toEqual(expected);
  });
});

describe("availability cache", () => {
  const ask = async () =>
    availabilityFor(fixture.db, {
      now: TEST_NOW,
      location: (await findLocationBySlug(fixture.db, "rathaus"))!,
      items: [{ concernId: await concernId(fixture.db, "personalausweis"), quantity: 1 }],
      audience: "online",
      from: "2026-12-08",
      to: "2026-12-08",
    });
  const remainingAtNine = async () => {
    const result = await ask();
    return result.ok ? result.days[0]!.slots.find((s) => s.startsAt.toISOString() === "2026-12-08T08:00:00.000Z")?.remaining : undefined;
  };

  it("answers repeated questions from the cache and sees a new booking at once", async () => {
    const { createBooking } = await import("./bookings");
    const before = (await remainingAtNine())!;
    expect(await ask()).toBe(await ask());
    await createBooking(fixture.context, { userId: null, label: "citizen" }, {
      locationId: (await findLocationBySlug(fixture.db, "rathaus"))!.id,
      items: [{ concernId: await concernId(fixture.db, "personalausweis"), quantity: 1 }],
      startsAt: new Date("2026-12-08T08:00:00.000Z"),
      channel: "online",
      citizen: { name: "Cache Test", email: "cache@example.org", phone: null, note: null },
      language: "de",
      linkNonce: "cache-test-nonce-0000000000000000000000",
    });
    expect(await remainingAtNine()).toBe(before - 1);
  });

  it("sees a change written by hand in SQL, as another process would", async () => {
    expect(await remainingAtNine()).toBeGreaterThan(0);
    await rawRun(fixture.db, sql`delete from capacity_windows`);
    expect(await remainingAtNine()).toBeUndefined();
  });
});

describe("booking pages take their turn for availability work", () => {
  it("run the work once admitted, and answer busy after 5 s in line with every slot taken, instead of an error", async () => {
    let ran = false;
    expect(await settledAfterFiveSecondsInLine(() => inAvailabilityTurn(async () => (ran = true)))).toEqual({ busy: true });
    expect(ran).toBe(false);
    expect(await inAvailabilityTurn(async () => "times")).toEqual({ busy: false, value: "times" });
  });

  it("answer busy for a read that found no free connection, and let every other error through", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect(await inAvailabilityTurn(() => Promise.reject(new Error("timeout exceeded when trying to connect")))).toEqual({ busy: true });
      await expect(inAvailabilityTurn(() => Promise.reject(new TypeError("a bug")))).rejects.toThrow("a bug");
    } finally {
      warned.mockRestore();
    }
    // The slot was given back after each failure: work still runs.
    expect(await inAvailabilityTurn(async () => 1)).toEqual({ busy: false, value: 1 });
  });
});

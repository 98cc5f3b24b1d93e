import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { locations, queueEntries, walkInBlocks } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { runInProcesses } from "@/lib/testing/process-harness";
import { drawTicket } from "./arrival";

let fixture: Awaited<ReturnType<typeof seededContext>>;
beforeEach(async () => {
  fixture = await seededContext();
});
afterEach(() => fixture.cleanup());

describe('"call next" from two processes at once', () => {
  it("never gives two clerks the same person, and calls everyone once", async () => {
    const now = zonedToInstant("2026-11-24", 9 * 60, TZ);
    const context = { ...fixture.context, now: () => now };
    const rathaus = await locationId(context.db, "rathaus");
    await context.db.insert(walkInBlocks).values({ locationId: rathaus, weekday: 2, startMinute: 8 * 60, endMinute: 12 * 60, counters: 1 });
    await context.db.update(locations).set({ walkInTicketsPerDay: 400 }).where(eq(locations.id, rathaus));
    const people = 300;
    for (let i = 0; i < people; i++) {
      const outcome = await drawTicket(context, "rathaus", await concernId(context.db, "personalausweis"), "de");
      if (!outcome.ok) throw new Error(outcome.reason);
    }
    const payload = (counter: number) => JSON.stringify({ locationId: rathaus, counter, otherCounter: 3 - counter, now: now.toISOString() });
    const results = await runInProcesses<{ called: number[]; errors: string[] }>("lib/testing/queue-call-child.ts", [
      [fixture.address, payload(1)],
      [fixture.address, payload(2)],
    ], { startDelayMs: 5000 });
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const all = results.flatMap((r) => r.called);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(people);
    // Both clerks really called (each waits for the other after its first call, then both run at once).
    expect(results.every((r) => r.called.length > 0)).toBe(true);
    expect(await context.db.select().from(queueEntries).where(eq(queueEntries.status, "done"))).toHaveLength(people);
  }, 60_000);
});

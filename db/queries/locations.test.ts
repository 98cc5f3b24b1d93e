import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "@/db/engine";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { CAPACITY_HOLDING_SQLITE } from "./locations";

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(() => temp.cleanup());

describe.skipIf(isPostgres)("the capacity read on SQLite", () => {
  it("finds and filters a location's bookings and their concerns in the indexes alone, without reading rows", () => {
    const client = temp.db.$client as unknown as { prepare: (sql: string) => { all: (...args: unknown[]) => { detail: string }[] } };
    const plan = client.prepare(`explain query plan ${CAPACITY_HOLDING_SQLITE}`).all(1, 0, 1, 0).map((step) => step.detail);
    expect(plan.filter((step) => step.startsWith("SEARCH"))).toEqual([
      "SEARCH b USING COVERING INDEX bookings_location_start_idx (location_id=? AND starts_at>? AND starts_at<?)",
      "SEARCH i USING COVERING INDEX booking_items_booking_idx (booking_id=?)",
    ]);
    expect(plan.some((step) => step.startsWith("SCAN"))).toBe(false);
  });
});

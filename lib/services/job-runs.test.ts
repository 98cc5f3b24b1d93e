import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobRuns } from "@/db/schema";
import { createTempDatabase, type TempDatabase } from "@/lib/testing/temp-db";
import { TEST_NOW } from "@/lib/testing/booking-fixtures";
import { claimJobRun } from "./job-runs";

const HOUR = 60 * 60_000;
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(async () => {
  await temp.cleanup();
});

describe("claiming a periodic job's run", () => {
  it.each([
    { label: "at once again", laterMs: 0, claimed: false },
    { label: "half an interval later", laterMs: HOUR / 2, claimed: false },
    { label: "just before the timer slack", laterMs: 0.9 * HOUR - 1, claimed: false },
    { label: "a timer firing a little early", laterMs: 0.9 * HOUR + 1, claimed: true },
    { label: "one interval later", laterMs: HOUR, claimed: true },
    { label: "after a long stop", laterMs: 30 * HOUR, claimed: true },
  ])("after a run, another process claiming $label: $claimed", async ({ laterMs, claimed }) => {
    expect(await claimJobRun(temp.db, "retention", at(0), HOUR, "host-a:1")).toBe(true);
    expect(await claimJobRun(temp.db, "retention", at(laterMs), HOUR, "host-b:2")).toBe(claimed);
  });

  it("keeps jobs apart and records who ran each last", async () => {
    expect(await claimJobRun(temp.db, "retention", at(0), HOUR, "host-a:1")).toBe(true);
    expect(await claimJobRun(temp.db, "reminders", at(0), 60_000, "host-b:2")).toBe(true);
    expect(await claimJobRun(temp.db, "reminders", at(60_000), 60_000, "host-c:3")).toBe(true);
    const rows = (await temp.db.select().from(jobRuns)).sort((a, b) => a.name.localeCompare(b.name));
    expect(rows).toEqual([
      { name: "reminders", startedAt: at(60_000), holder: "host-c:3" },
      { name: "retention", startedAt: at(0), holder: "host-a:1" },
    ]);
  });

  it("lets exactly one of several processes firing at the same moment run the job", async () => {
    const holders = ["host-a:1", "host-b:2", "host-c:3", "host-d:4", "host-e:5"];
    const claims = await Promise.all(holders.map((holder) => claimJobRun(temp.db, "waiting-list", at(0), 60_000, holder)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

import { connectionsByClient } from "@/db/async-database";
import { isPostgres } from "@/db/engine";
import { rawRows } from "@/lib/testing/raw-sql";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { closeTestDatabase, createTempDatabase, openTestDatabase } from "@/lib/testing/temp-db";
import { ServiceBusyError } from "@/lib/errors";
import { budgetUsed, rateLimitKey, refundedWhenBusy, spendBudgets, type Budget } from "./rate-limit";

const OPTIONS = { secret: "rate-limit-test-secret", scale: 1 };
const SHORT: Budget = { name: "test-short", points: 3, durationSeconds: 60 };
const LONG: Budget = { name: "test-long", points: 5, durationSeconds: 3600 };

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
beforeEach(async () => {
  temp = await createTempDatabase();
  // The limiter measures its windows in real time; the test moves that clock itself.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-24T08:00:00Z") });
});
afterEach(async () => {
  vi.useRealTimers();
  await temp.cleanup();
});

const spend = (budgets: Budget[], address: string, db = temp.db) => spendBudgets(db, budgets, { address }, OPTIONS);

describe("request budgets", () => {
  it("allows a budget's requests, then refuses with the seconds until its window ends", async () => {
    for (let i = 0; i < 3; i++) expect(await spend([SHORT], "198.51.100.7")).toEqual({ allowed: true });
    vi.advanceTimersByTime(20_000);
    expect(await spend([SHORT], "198.51.100.7")).toEqual({ allowed: false, retryAfterSeconds: 40, budget: "test-short" });
    vi.advanceTimersByTime(41_000);
    expect(await spend([SHORT], "198.51.100.7")).toEqual({ allowed: true });
  });

  it("keeps each budget's own window: a long budget is not forgotten when a short one rolls over", async () => {
    for (let minute = 0; minute < 5; minute++) {
      expect(await spend([SHORT, LONG], "198.51.100.7")).toEqual({ allowed: true });
      vi.advanceTimersByTime(61_000);
    }
    // The short budget is fresh every minute; the long one has seen five requests this hour.
    expect(await spend([SHORT, LONG], "198.51.100.7")).toMatchObject({ allowed: false, budget: "test-long" });
    expect(await budgetUsed(temp.db, LONG, { address: "198.51.100.7" }, OPTIONS)).toBe(6);
  });

  it("counts clients apart: another address, another budget; an IPv6 /64 is one client", async () => {
    for (let i = 0; i < 3; i++) await spend([SHORT], "198.51.100.7");
    expect(await spend([SHORT], "198.51.100.7")).toMatchObject({ allowed: false });
    expect(await spend([SHORT], "198.51.100.8")).toEqual({ allowed: true });
    for (let i = 0; i < 3; i++) await spend([SHORT], `2001:db8:1:2::${i + 1}`);
    expect(await spend([SHORT], "2001:db8:1:2:ffff::1")).toMatchObject({ allowed: false });
    expect(await spend([SHORT], "2001:db8:1:3::1")).toEqual({ allowed: true });
  });

  it("is shared by every connection to the database, as by several processes", async () => {
    const other = openTestDatabase(temp.address);
    try {
      await spend([SHORT], "198.51.100.7");
      await spend([SHORT], "198.51.100.7", other);
      await spend([SHORT], "198.51.100.7");
      expect(await spend([SHORT], "198.51.100.7", other)).toMatchObject({ allowed: false });
    } finally {
      await closeTestDatabase(other);
    }
  });

  it("counts an API key apart from every address", async () => {
    for (let i = 0; i < 3; i++) await spendBudgets(temp.db, [SHORT], { apiKeyId: 7 }, OPTIONS);
    expect(await spendBudgets(temp.db, [SHORT], { apiKeyId: 7 }, OPTIONS)).toMatchObject({ allowed: false });
    expect(await spendBudgets(temp.db, [SHORT], { apiKeyId: 8 }, OPTIONS)).toEqual({ allowed: true });
    expect(await spend([SHORT], "198.51.100.7")).toEqual({ allowed: true });
  });

  it("stores keyed hashes, never the address", async () => {
    await spend([SHORT], "198.51.100.7");
    const keys = await rawRows<{ key: string }>(temp.db, sql`select key from rate_limits`);
    expect(keys).toEqual([{ key: `test-short:${rateLimitKey(OPTIONS.secret, "198.51.100.7")}` }]);
    expect(JSON.stringify(keys)).not.toContain("198.51");
  });

  it("scales every budget by RATE_LIMIT_SCALE", async () => {
    for (let i = 0; i < 30; i++) expect(await spendBudgets(temp.db, [SHORT], { address: "198.51.100.7" }, { ...OPTIONS, scale: 10 })).toEqual({ allowed: true });
    expect(await spendBudgets(temp.db, [SHORT], { address: "198.51.100.7" }, { ...OPTIONS, scale: 10 })).toMatchObject({ allowed: false });
  });
});

describe("an attempt the database was too busy for", () => {
  const address = "198.51.100.7";
  const spent = [
    { budgets: [SHORT, LONG], client: { address }, scale: 1 },
    { budgets: [SHORT], client: { challengeId: "challenge-1" }, scale: 1 },
  ];
  const used = async () => [
    await budgetUsed(temp.db, SHORT, { address }, OPTIONS),
    await budgetUsed(temp.db, LONG, { address }, OPTIONS),
    await budgetUsed(temp.db, SHORT, { challengeId: "challenge-1" }, OPTIONS),
  ];
  const spendAll = async () => {
    await spend([SHORT, LONG], address);
    await spendBudgets(temp.db, [SHORT], { challengeId: "challenge-1" }, OPTIONS);
  };

  it.each([
    ["busy (nothing written): every spent budget gets its request back", new ServiceBusyError(), [1, 1, 0]],
    ["refused for another reason: the requests stay spent", new Error("slot taken"), [2, 2, 1]],
  ])("%s", async (_case, failure, after) => {
    await spend([SHORT, LONG], address);
    await spendAll();
    expect(await used()).toEqual([2, 2, 1]);
    await expect(refundedWhenBusy(temp.db, OPTIONS.secret, spent, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await used()).toEqual(after);
  });

  it("a successful attempt keeps what it spent and returns the work's result", async () => {
    await spendAll();
    expect(await refundedWhenBusy(temp.db, OPTIONS.secret, spent, async () => "booked")).toBe("booked");
    expect(await used()).toEqual([1, 1, 1]);
  });

  it("a client that was refused before stays refused: a refund gives back one request, not the window", async () => {
    for (let i = 0; i < 4; i++) await spend([SHORT], address);
    await expect(refundedWhenBusy(temp.db, OPTIONS.secret, [{ budgets: [SHORT], client: { address }, scale: 1 }], async () => Promise.reject(new ServiceBusyError()))).rejects.toBeInstanceOf(ServiceBusyError);
    expect(await spend([SHORT], address)).toMatchObject({ allowed: false });
  });
});

describe.skipIf(isPostgres)("the SQLite store's statements", () => {
  it("are prepared once per connection, not on every request, and still count correctly", async () => {
    const { writer } = connectionsByClient.get(temp.db.$client as object)!;
    const prepare = vi.spyOn(writer, "prepare");
    for (let i = 0; i < 20; i++) await spend([LONG], `198.51.100.${i % 2}`);
    const texts = prepare.mock.calls.map(([source]) => source);
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
    expect(await budgetUsed(temp.db, LONG, { address: "198.51.100.0" }, OPTIONS)).toBe(10);
    expect(await spend([LONG], "198.51.100.0")).toMatchObject({ allowed: false, budget: "test-long" });
  });
});

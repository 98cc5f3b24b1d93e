import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "@/db/client";
import * as schema from "@/db/schema";
import { emailOutbox } from "@/db/schema";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { checkReadiness, OVERDUE_AFTER_MS, readinessResponse, type ReadinessOptions } from "./readiness";

const NOW = new Date("2026-11-24T08:00:00.000Z");
const MINUTE = 60_000;
const OPTIONS: ReadinessOptions = { now: NOW, canSendMail: true, outboxPollSeconds: 10, shuttingDown: false };

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
const extraConnections: Database.Database[] = [];
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(async () => {
  for (const connection of extraConnections.splice(0)) connection.close();
  await temp.cleanup();
});

async function queueMessage(values: Partial<typeof emailOutbox.$inferInsert>) {
  await temp.db
    .insert(emailOutbox)
    .values({
      kind: "booking_confirmation",
      recipient: "erika@example.org",
      subject: "Ihr Termin",
      html: "<p>Hallo Erika</p>",
      text: "Hallo Erika",
      nextAttemptAt: NOW,
      createdAt: NOW,
      ...values,
    });
}

async function answer(readiness: Awaited<ReturnType<typeof checkReadiness>>) {
  const response = readinessResponse(readiness);
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() };
}

describe("readiness", () => {
  it("is ready on a migrated, writable database with a moving outbox, and the probe changes nothing", async () => {
    await queueMessage({ status: "pending", nextAttemptAt: new Date(NOW.getTime() - 2 * MINUTE) });
    await queueMessage({ status: "sending", lockedUntil: new Date(NOW.getTime() + MINUTE) });
    await queueMessage({ status: "failed", nextAttemptAt: new Date(NOW.getTime() - 24 * 60 * MINUTE) });
    const sqlite = temp.db.$client;
    const before = { userVersion: sqlite.pragma("user_version", { simple: true }), busyTimeout: sqlite.pragma("busy_timeout", { simple: true }) };

    const result = await answer(await checkReadiness(() => temp.db, OPTIONS));

    expect(result).toEqual({
      status: 200,
      cacheControl: "no-store",
      body: { status: "ready", checks: { database: { status: "ok" }, migrations: { status: "ok" }, outbox: { status: "ok" }, process: { status: "ok" } } },
    });
    expect({ userVersion: sqlite.pragma("user_version", { simple: true }), busyTimeout: sqlite.pragma("busy_timeout", { simple: true }) }).toEqual(before);
    expect(sqlite.inTransaction).toBe(false);
  });

  it("fails when a migration has not been applied", async () => {
    temp.db.$client.exec(`DELETE FROM "__drizzle_migrations" WHERE id = (SELECT max(id) FROM "__drizzle_migrations")`);
    const result = await answer(await checkReadiness(() => temp.db, OPTIONS));
    expect(result.status).toBe(503);
    expect(result.body.status).toBe("unavailable");
    expect(result.body.checks.migrations).toEqual({ status: "failed", detail: expect.stringMatching(/^(\d+) of (\d+) applied$/) });
    const [, applied, expected] = /^(\d+) of (\d+) applied$/.exec(result.body.checks.migrations.detail)!;
    expect(Number(applied)).toBe(Number(expected) - 1);
    expect(result.body.checks.database.status).toBe("ok");
  });

  it("fails on a database that was never migrated", async () => {
    const bare = openDatabase(temp.databasePath.replace(/test\.sqlite$/, "bare.sqlite"), { migrate: false });
    extraConnections.push(bare.$client);
    const result = await answer(await checkReadiness(() => bare, { ...OPTIONS, canSendMail: false }));
    expect(result.status).toBe(503);
    expect(result.body.checks.migrations.detail).toMatch(/^0 of \d+ applied$/);
  });

  it("fails when a message is still claimed long after its lease ended", async () => {
    await queueMessage({ status: "sending", lockedUntil: new Date(NOW.getTime() - 5 * MINUTE) });
    const result = await answer(await checkReadiness(() => temp.db, OPTIONS));
    expect(result.status).toBe(503);
    expect(result.body.checks.outbox).toEqual({ status: "failed", detail: "a message is still claimed after its lease ended" });
  });

  it("tolerates a lease that ended just now (the next poll takes it up)", async () => {
    await queueMessage({ status: "sending", lockedUntil: new Date(NOW.getTime() - 20_000) });
    expect((await checkReadiness(() => temp.db, OPTIONS)).ready).toBe(true);
  });

  it("fails when a message has been due for longer than the limit, unless no transport sends mail", async () => {
    await queueMessage({ status: "pending", nextAttemptAt: new Date(NOW.getTime() - OVERDUE_AFTER_MS - MINUTE) });
    const result = await answer(await checkReadiness(() => temp.db, OPTIONS));
    expect(result.status).toBe(503);
    expect(result.body.checks.outbox).toEqual({ status: "failed", detail: "a message has been due for more than 15 minutes" });
    // Nothing in the answer comes from the row.
    expect(JSON.stringify(result.body)).not.toMatch(/erika|Termin|Hallo/i);

    const demo = await answer(await checkReadiness(() => temp.db, { ...OPTIONS, canSendMail: false }));
    expect(demo.status).toBe(200);
    expect(demo.body.checks.outbox).toEqual({ status: "skipped", detail: "no mail transport" });
  });

  it("fails when the database is read-only", async () => {
    const readOnly = new Database(temp.databasePath, { readonly: true });
    extraConnections.push(readOnly);
    const db = drizzle({ client: readOnly, schema, casing: "snake_case" }) as AppDatabase;
    const result = await answer(await checkReadiness(() => db, OPTIONS));
    expect(result.status).toBe(503);
    expect(result.body.checks.database).toEqual({ status: "failed", detail: "not writable (SQLITE_READONLY)" });
    expect(result.body.checks.migrations.status).toBe("ok");
  });

  it("fails, after a short wait, while another process holds the write lock", async () => {
    const other = new Database(temp.databasePath);
    extraConnections.push(other);
    other.exec("BEGIN IMMEDIATE");
    try {
      const started = performance.now();
      const result = await answer(await checkReadiness(() => temp.db, OPTIONS));
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(result.status).toBe(503);
      expect(result.body.checks.database).toEqual({ status: "failed", detail: "not writable (SQLITE_BUSY)" });
    } finally {
      other.exec("ROLLBACK");
    }
    // The app's own, longer wait for the lock is back.
    expect(temp.db.$client.pragma("busy_timeout", { simple: true })).toBe(10_000);
  });

  it("fails every database check when the database cannot be opened", async () => {
    const result = await answer(
      await checkReadiness(() => {
        throw Object.assign(new Error("unable to open database file /var/lib/terminvergabe/x.sqlite"), { code: "SQLITE_CANTOPEN" });
      }, OPTIONS),
    );
    expect(result.status).toBe(503);
    expect(result.body.checks.database).toEqual({ status: "failed", detail: "cannot open the database (SQLITE_CANTOPEN)" });
    expect(JSON.stringify(result.body)).not.toContain("/var/lib");
  });

  it("fails while the process shuts down, so balancers stop sending first", async () => {
    const result = await answer(await checkReadiness(() => temp.db, { ...OPTIONS, shuttingDown: true }));
    expect(result.status).toBe(503);
    expect(result.body.checks.process).toEqual({ status: "failed", detail: "shutting down" });
  });
});

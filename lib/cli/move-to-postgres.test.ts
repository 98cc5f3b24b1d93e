/**
 * Moving a town from its SQLite file to PostgreSQL (lib/cli/move-to-postgres.ts): the demo town, with bookings, mail,
 * audit entries and JSON, arrives row for row and value for value; new rows get new ids; a target that holds data and
 * a file that is still open are refused and change nothing.
 */
import Database from "better-sqlite3";
import { asc, getTableColumns, sql, type Table } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import * as pgSchema from "@/db/schema-pg";
import * as sqliteSchema from "@/db/schema/sqlite";
import { seedDemo } from "@/db/seed";
import { TEST_NOW } from "@/lib/testing/booking-fixtures";
import { createPostgresTestDatabase, describePostgres } from "@/lib/testing/postgres";
import { moveToPostgres, MoveError, tablesInCopyOrder } from "./move-to-postgres";

let directory: string;
let databasePath: string;
let target: Awaited<ReturnType<typeof createPostgresTestDatabase>> | undefined;

beforeEach(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-move-"));
  databasePath = path.join(directory, "town.db");
  const db = openDatabase(databasePath);
  await seedDemo(db, TEST_NOW);
  // What the demo does not have yet: a mail with its calendar attachment (JSON array) and an audit entry (JSON
  // objects, a staff reference).
  const [booking] = await db.select().from(sqliteSchema.bookings).limit(1);
  const [staff] = await db.select().from(sqliteSchema.staffUsers).limit(1);
  await db.insert(sqliteSchema.emailOutbox).values({
    kind: "booking_confirmation",
    bookingId: booking!.id,
    recipient: "citizen@example.org",
    subject: "Terminbestätigung",
    html: "<p>Ihr Termin</p>",
    text: "Ihr Termin",
    attachments: [{ filename: "termin.ics", contentType: "text/calendar", contentBase64: "QkVHSU46VkNBTEVOREFS" }],
    status: "sent",
    attempts: 1,
    nextAttemptAt: TEST_NOW,
    sentAt: TEST_NOW,
  });
  await db.insert(sqliteSchema.auditLog).values({
    actorUserId: staff!.id,
    actorLabel: staff!.email,
    action: "concern.update",
    entityType: "concern",
    entityId: "1",
    before: { durationMinutes: 15, online: true },
    after: { durationMinutes: 20, online: false, note: null },
  });
  db.$client.close();
});

afterEach(async () => {
  await target?.cleanup();
  target = undefined;
  rmSync(directory, { recursive: true, force: true });
});

/** Every row of a table as the app reads it, in primary-key order (rowid on SQLite, the same columns on PostgreSQL). */
function orderOf(table: Table) {
  const columns = Object.values(getTableColumns(table));
  return columns.filter((column) => column.primary).length > 0 ? columns.filter((column) => column.primary).map((c) => asc(c)) : columns.map((c) => asc(c));
}

describePostgres("moving a town's SQLite database into PostgreSQL", () => {
  it("carries every table over row for row and value for value, and new rows get fresh ids", async () => {
    target = await createPostgresTestDatabase();
    const report = await moveToPostgres({ databasePath, databaseUrl: target.url });

    const file = new Database(databasePath, { readonly: true });
    const source = drizzleSqlite({ client: file, casing: "snake_case" });
    const moved = drizzlePg({ client: target.pool, casing: "snake_case" });
    try {
      const pairs = tablesInCopyOrder();
      expect(report.tables.map((t) => t.name)).toEqual(pairs.map((p) => p.name));
      // The demo has what the move must get right: instants, flags, JSON, nullable references.
      for (const name of ["bookings", "booking_items", "email_outbox", "audit_log", "staff_users", "concerns"]) {
        expect(report.tables.find((t) => t.name === name)!.rows, name).toBeGreaterThan(0);
      }
      for (const pair of pairs) {
        const before = await source.select().from(pair.source).orderBy(...orderOf(pair.source as Table));
        const after = await moved.select().from(pair.target).orderBy(...orderOf(pair.target as Table));
        expect(after, pair.name).toEqual(before);
      }
    } finally {
      file.close();
    }

    // Ids went over as they were; the sequences follow, so the next insert does not collide with a copied row.
    const [highest] = await moved.select({ id: sql<number>`max(${pgSchema.auditLog.id})` }).from(pgSchema.auditLog);
    const [added] = await moved
      .insert(pgSchema.auditLog)
      .values({ actorLabel: "system", action: "test.move", entityType: "test" })
      .returning({ id: pgSchema.auditLog.id });
    expect(added!.id).toBeGreaterThan(highest!.id);
  });

  it("refuses a PostgreSQL database that already holds data, and leaves it as it was", async () => {
    target = await createPostgresTestDatabase();
    await moveToPostgres({ databasePath, databaseUrl: target.url });
    const count = async () => (await target!.pool.query(`SELECT count(*)::int AS n FROM bookings`)).rows[0].n as number;
    const bookingsBefore = await count();

    await expect(moveToPostgres({ databasePath, databaseUrl: target.url })).rejects.toThrow(/already holds data \(.*bookings.*\)/);
    expect(await count()).toBe(bookingsBefore);
  });

  it("refuses while the app still has the SQLite file open, before touching PostgreSQL", async () => {
    target = await createPostgresTestDatabase();
    const app = openDatabase(databasePath);
    try {
      await expect(moveToPostgres({ databasePath, databaseUrl: target.url })).rejects.toThrow(MoveError);
      await expect(moveToPostgres({ databasePath, databaseUrl: target.url })).rejects.toThrow(/is in use.*Stop the app first, then move it/);
    } finally {
      app.$client.close();
    }
    const tables = await target.pool.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.rows[0].n).toBe(0);
  });

  it("refuses an address that is not PostgreSQL and a missing file", async () => {
    await expect(moveToPostgres({ databasePath, databaseUrl: "mysql://localhost/town" })).rejects.toThrow(/postgres:\/\//);
    await expect(moveToPostgres({ databasePath: path.join(directory, "missing.db"), databaseUrl: "postgres://127.0.0.1/x" })).rejects.toThrow(/no SQLite database/);
  });
});

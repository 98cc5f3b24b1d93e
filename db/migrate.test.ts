import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runInProcesses } from "@/lib/testing/process-harness";
import { applyMigrations } from "./migrate";

const directories: string[] = [];
afterEach(() => directories.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-migrate-"));
  directories.push(dir);
  return path.join(dir, "db.sqlite");
}

describe("migrations", () => {
  it("apply once, then report nothing to do", () => {
    const sqlite = new Database(tempFile());
    expect(applyMigrations(sqlite)).toBeGreaterThan(0);
    expect(applyMigrations(sqlite)).toBe(0);
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["bookings", "concerns", "email_outbox", "settings"]));
    sqlite.close();
  });

  it("two processes starting on one fresh file both succeed and apply each step once", async () => {
    const file = tempFile();
    const results = await runInProcesses<number>("lib/testing/migrate-child.ts", [[file], [file]]);
    const sqlite = new Database(file);
    const applied = (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    sqlite.close();
    expect(results.reduce((a, b) => a + b, 0)).toBe(applied);
    expect(results).toContain(0);
  });
});

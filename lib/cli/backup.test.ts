/**
 * Backup and restore (lib/cli/backup.ts, lib/cli/restore.ts). The first test runs the real CLIs in their own processes
 * while a third process keeps booking through createBooking on the same file, as the app would; the others call the
 * functions directly on small migrated databases.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { applyMigrations, migrationsFolder } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { concernId, locationId, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { backupDatabase, BackupError } from "./backup";
import { asideName, restoreDatabase, RestoreError } from "./restore";

const APP_SCHEMA_VERSION = readMigrationFiles({ migrationsFolder: migrationsFolder() }).length;

const directories: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tempDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-backup-"));
  directories.push(directory);
  return directory;
}

function spawnTypeScript(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(script), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "", ...env },
  });
  children.push(child);
  return child;
}

/** Runs `npm run backup|restore` as the operator would, on the test's fixed clock. */
function runCli(name: "backup" | "restore", args: string[], databasePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTypeScript(`lib/cli/${name}.ts`, args, { DATABASE_PATH: databasePath, TERMINVERGABE_CLOCK: TEST_NOW.toISOString() });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The booking process: `references` grows as it reports committed bookings. */
function startBookingLoad(databasePath: string, payload: Record<string, unknown>) {
  const child = spawnTypeScript("lib/testing/booking-load-child.ts", [databasePath, JSON.stringify(payload)]);
  const references: string[] = [];
  let pending = "";
  let stderr = "";
  let exited = false;
  child.stdout!.on("data", (chunk) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith("booked ")) references.push(line.slice("booked ".length));
  });
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const finished = new Promise<string[]>((resolve, reject) =>
    child.on("close", (code) => {
      exited = true;
      if (code === 0) resolve(references);
      else reject(new Error(`booking process exited with ${code}: ${stderr}`));
    }),
  );
  const waitForBookings = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const poll = () => {
        if (references.length >= count) resolve();
        else if (exited) reject(new Error(`booking process ended after ${references.length} bookings: ${stderr}`));
        else setTimeout(poll, 10);
      };
      poll();
    });
  return { references, finished, waitForBookings, isRunning: () => !exited };
}

function readOnly<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

const referencesIn = (file: string) =>
  new Set(readOnly(file, (s) => (s.prepare("SELECT reference_code AS r FROM bookings").all() as { r: string }[]).map((row) => row.r)));
const integrityOf = (file: string) => readOnly(file, (s) => s.pragma("integrity_check", { simple: true }));
const officeNameIn = (file: string) => readOnly(file, (s) => (s.prepare("SELECT office_name AS n FROM settings").get() as { n: string }).n);
const modeOf = (file: string) => statSync(file).mode & 0o777;

/** A migrated database whose settings row names `officeName`, so tests can tell databases apart. */
function createDatabase(file: string, officeName: string, folder?: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  if (folder) {
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    applyMigrations(sqlite, folder);
    sqlite.close();
  }
  const db = openDatabase(file, { migrate: !folder });
  // Plain SQL: an older schema may lack columns the current Drizzle schema would insert.
  db.$client.prepare("INSERT INTO settings (id, office_name, updated_at) VALUES (1, ?, ?)").run(officeName, TEST_NOW.getTime());
  db.$client.close();
  return file;
}

async function backupOf(databasePath: string, directory: string, name = "backup.sqlite"): Promise<string> {
  const target = path.join(directory, name);
  await backupDatabase({ databasePath, target });
  return target;
}

describe("backup under booking load, then restore", () => {
  it("contains every booking acknowledged before it started, and restores into a fresh installation", { timeout: 90_000 }, async () => {
    const directory = tempDirectory();
    const live = path.join(directory, "live", "terminvergabe.sqlite");
    const db = openDatabase(live);
    await seedDemo(db, TEST_NOW);
    const seeded = new Set((db.$client.prepare("SELECT reference_code AS r FROM bookings").all() as { r: string }[]).map((row) => row.r));
    const payload = {
      locationId: await locationId(db, "rathaus"),
      concernId: await concernId(db, "personalausweis"),
      now: TEST_NOW.toISOString(),
      stopFile: path.join(directory, "stop"),
      maxMs: 60_000,
    };
    db.$client.close();

    const load = startBookingLoad(live, payload);
    await load.waitForBookings(25);
    const acknowledgedBefore = new Set(load.references);
    mkdirSync(path.join(directory, "backups"));
    const backupFile = path.join(directory, "backups", "nightly.sqlite");
    const backup = await runCli("backup", [backupFile], live);
    const acknowledgedByBackupEnd = load.references.length;
    const stillBooking = load.isRunning();
    // The app keeps running: restoring into its database is refused, and it goes on booking.
    const refused = await runCli("restore", [backupFile], live);
    writeFileSync(payload.stopFile, "");
    const acknowledged = new Set(await load.finished);

    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written: ${backupFile}`);
    expect(backup.stdout).toContain(`schema version: ${APP_SCHEMA_VERSION}`);
    expect(backup.stdout).toContain(`snapshot taken: ${TEST_NOW.toISOString().slice(0, 16)}`);
    expect(stillBooking).toBe(true);
    expect(acknowledgedByBackupEnd).toBeGreaterThan(acknowledgedBefore.size); // bookings committed while it ran
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Restore refused: The database .* is in use: .*Stop the app first/);

    expect(modeOf(backupFile)).toBe(0o600);
    expect(readdirSync(path.join(directory, "backups"))).toEqual(["nightly.sqlite"]); // one self-contained file
    expect(integrityOf(backupFile)).toBe("ok");
    const inBackup = referencesIn(backupFile);
    expect([...acknowledgedBefore].filter((reference) => !inBackup.has(reference))).toEqual([]);
    // Nothing that was never acknowledged, and every booking complete with its items and its confirmation e-mail.
    expect([...inBackup].filter((reference) => !seeded.has(reference) && !acknowledged.has(reference))).toEqual([]);
    const incomplete = readOnly(backupFile, (s) =>
      s
        .prepare(
          `SELECT count(*) AS n FROM bookings b WHERE b.citizen_name LIKE 'Last %'
             AND (NOT EXISTS (SELECT 1 FROM booking_items i WHERE i.booking_id = b.id)
               OR NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.booking_id = b.id))`,
        )
        .get(),
    ) as { n: number };
    expect(incomplete.n).toBe(0);

    const fresh = path.join(directory, "fresh", "data", "terminvergabe.sqlite");
    const restored = await runCli("restore", [backupFile, "--force"], fresh);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`into ${fresh}`);
    expect(restored.stdout).toContain("There was no previous database.");
    expect(modeOf(fresh)).toBe(0o600);
    expect(integrityOf(fresh)).toBe("ok");
    const inRestored = referencesIn(fresh);
    expect([...acknowledgedBefore].filter((reference) => !inRestored.has(reference))).toEqual([]);
    expect(inRestored).toEqual(inBackup);
    const app = openDatabase(fresh);
    expect(applyMigrations(app.$client)).toBe(0);
    expect(app.$client.pragma("quick_check", { simple: true })).toBe("ok");
    app.$client.close();
  });
});

describe("backup", () => {
  it("writes a private, verified copy and never replaces a file without --force", async () => {
    const directory = tempDirectory();
    const live = createDatabase(path.join(directory, "app.sqlite"), "Bürgerbüro");
    const target = path.join(directory, "backup.sqlite");

    const report = await backupDatabase({ databasePath: live, target });
    expect(report).toMatchObject({ target, schemaVersion: APP_SCHEMA_VERSION, bytes: statSync(target).size });
    expect(modeOf(target)).toBe(0o600);
    expect(officeNameIn(target)).toBe("Bürgerbüro");

    writeFileSync(target, "keep me");
    await expect(backupDatabase({ databasePath: live, target })).rejects.toThrow(/already exists.*--force/);
    expect(readFileSync(target, "utf8")).toBe("keep me");
    await backupDatabase({ databasePath: live, target, force: true });
    expect(officeNameIn(target)).toBe("Bürgerbüro");
    expect(modeOf(target)).toBe(0o600);

    await expect(backupDatabase({ databasePath: path.join(directory, "missing.sqlite"), target: path.join(directory, "b2") })).rejects.toThrow(
      BackupError,
    );
    await expect(backupDatabase({ databasePath: live, target: `${live}-wal`, force: true })).rejects.toThrow(/live database/);
    expect(readdirSync(directory).sort()).toEqual(["app.sqlite", "backup.sqlite"]);
  });
});

describe("restore", () => {
  it("refuses while the app has the database open, even idle between requests", async () => {
    const directory = tempDirectory();
    const live = createDatabase(path.join(directory, "data", "app.sqlite"), "Vorher");
    const backup = await backupOf(live, directory);
    const app = openDatabase(live); // the running app: connection open, a write done, now idle
    app.$client.prepare("UPDATE settings SET office_name = 'Laufend'").run();

    expect(() => restoreDatabase({ backupPath: backup, databasePath: live, now: TEST_NOW })).toThrow(/is in use.*Stop the app first/);
    expect(app.$client.prepare("SELECT office_name AS n FROM settings").get()).toEqual({ n: "Laufend" });
    expect(readdirSync(path.dirname(live)).filter((file) => !file.startsWith("app.sqlite-"))).toEqual(["app.sqlite"]);

    app.$client.close(); // the app stopped
    expect(restoreDatabase({ backupPath: backup, databasePath: live, now: TEST_NOW }).movedAside).toHaveLength(1);
    expect(officeNameIn(live)).toBe("Vorher");
  });

  it("moves the previous database aside, including commits only in its -wal, and puts the backup in place with mode 0600", async () => {
    const directory = tempDirectory();
    const backup = await backupOf(createDatabase(path.join(directory, "source.sqlite"), "Aus der Sicherung"), directory);
    const live = createDatabase(path.join(directory, "data", "app.sqlite"), "Vorher");
    // The app crashed (SIGKILL) after a commit that is only in the -wal file.
    const crashed = spawn(process.execPath, [
      "-e",
      `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(live)}); db.pragma("wal_autocheckpoint = 0");
       db.prepare("UPDATE settings SET office_name = 'Zuletzt'").run(); console.log("committed"); setInterval(() => {}, 1000);`,
    ]);
    children.push(crashed);
    await new Promise<void>((resolve) => crashed.stdout!.on("data", () => resolve()));
    crashed.kill("SIGKILL");
    await new Promise((resolve) => crashed.on("close", resolve));
    expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);

    const report = restoreDatabase({ backupPath: backup, databasePath: live, now: TEST_NOW });
    const aside = asideName(live, TEST_NOW);
    expect(aside).toBe(`${live}.before-restore-${TEST_NOW.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`);
    expect(report.movedAside[0]).toBe(aside);
    expect(report).toMatchObject({ databasePath: live, schemaVersion: APP_SCHEMA_VERSION, appSchemaVersion: APP_SCHEMA_VERSION });
    expect(officeNameIn(live)).toBe("Aus der Sicherung");
    expect(modeOf(live)).toBe(0o600);
    copyFileSync(aside, path.join(directory, "aside-copy.sqlite")); // read a copy: the sidecars moved aside are stale
    expect(officeNameIn(path.join(directory, "aside-copy.sqlite"))).toBe("Zuletzt");
    expect(readdirSync(path.dirname(live)).filter((file) => file.includes("partial"))).toEqual([]);
  });

  it("accepts an older backup (the app migrates it) and refuses one with a newer schema", async () => {
    const directory = tempDirectory();
    const older = path.join(directory, "migrations-older");
    mkdirSync(path.join(older, "meta"), { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(path.join(older, "meta", "_journal.json"), JSON.stringify(journal));
    for (const { tag } of journal.entries) copyFileSync(path.join(migrationsFolder(), `${tag}.sql`), path.join(older, `${tag}.sql`));
    const olderBackup = await backupOf(createDatabase(path.join(directory, "old.sqlite"), "Alt", older), directory, "older.sqlite");

    const fresh = path.join(directory, "fresh", "app.sqlite");
    const report = restoreDatabase({ backupPath: olderBackup, databasePath: fresh, now: TEST_NOW, force: true });
    expect(report.schemaVersion).toBe(APP_SCHEMA_VERSION - 1);
    const app = openDatabase(fresh);
    expect(app.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get()).toEqual({ n: APP_SCHEMA_VERSION });
    app.$client.close();

    const newer = await backupOf(fresh, directory, "newer.sqlite");
    const sqlite = new Database(newer);
    sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 4102444800000)").run();
    sqlite.close();
    expect(() => restoreDatabase({ backupPath: newer, databasePath: fresh, now: TEST_NOW })).toThrow(
      new RegExp(`schema version ${APP_SCHEMA_VERSION + 1} .*newer version of Terminvergabe`),
    );
    expect(readdirSync(path.dirname(fresh))).toEqual(["app.sqlite"]);
    expect(officeNameIn(fresh)).toBe("Alt");
  });

  it("refuses a damaged backup or a file that is no database, and leaves the current database alone", async () => {
    const directory = tempDirectory();
    const live = createDatabase(path.join(directory, "data", "app.sqlite"), "Vorher");
    const backup = await backupOf(live, directory);
    const truncated = path.join(directory, "truncated.sqlite");
    copyFileSync(backup, truncated);
    truncateSync(truncated, Math.floor(statSync(backup).size / 2));
    const notADatabase = path.join(directory, "notes.sqlite");
    writeFileSync(notADatabase, "x".repeat(8192));

    for (const file of [truncated, notADatabase]) {
      expect(() => restoreDatabase({ backupPath: file, databasePath: live, now: TEST_NOW })).toThrow(RestoreError);
      expect(() => restoreDatabase({ backupPath: file, databasePath: live, now: TEST_NOW })).toThrow(/is damaged|is not a usable database/);
    }
    expect(readdirSync(path.dirname(live))).toEqual(["app.sqlite"]);
    expect(officeNameIn(live)).toBe("Vorher");
  });

  it("without --force refuses to restore where there is no database (a wrong DATABASE_PATH)", async () => {
    const directory = tempDirectory();
    const backup = await backupOf(createDatabase(path.join(directory, "app.sqlite"), "Bürgerbüro"), directory);
    const nowhere = path.join(directory, "typo", "app.sqlite");
    expect(() => restoreDatabase({ backupPath: backup, databasePath: nowhere, now: TEST_NOW })).toThrow(/no database at .*--force/);
    expect(() => restoreDatabase({ backupPath: path.join(directory, "none.sqlite"), databasePath: nowhere, now: TEST_NOW, force: true })).toThrow(
      /no backup file/,
    );
  });
});

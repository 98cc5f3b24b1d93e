/**
 * `npm run backup -- <file> [--force]`: writes a consistent copy of the live database while the app keeps serving.
 *
 * How the copy stays consistent without stopping bookings: SQLite's online backup API (better-sqlite3 `backup`) reads
 * the source inside a read transaction. The app's database runs in WAL mode, where a reader never blocks a writer: the
 * backup holds no write lock on the live database at any moment, and bookings commit into the WAL meanwhile. We copy
 * all pages in ONE step, i.e. one read snapshot. Copying in small steps (the API's default, 100 pages) releases the
 * snapshot between steps, and every commit by another process then restarts the copy from page 1: measured on a
 * 5,700-page file under a busy writer, 13,099 steps instead of 1 (and a larger database might never finish).
 *
 * The copy goes to a temporary file next to the target (mode 0600 from its creation: it holds personal data), is
 * switched to a rollback journal so the backup is one self-contained file that can be inspected read-only without
 * leaving -wal/-shm files beside it, is verified (integrity_check, quick_check, migrations table), and only then moves
 * to the target name. A target never holds a partial or unverified copy.
 */
import { engineFrom } from "@/db/engine";
import Database from "better-sqlite3";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync, chmodSync, unlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { now } from "@/lib/clock";
import { databasePathFrom } from "@/lib/env";

/** The table drizzle's migrator (and db/migrate.ts `applyMigrations`) records applied migrations in. */
const MIGRATIONS_TABLE = "__drizzle_migrations";
/** Passed as the page count of a backup step: "all remaining pages", one read snapshot (see the header). */
const ALL_PAGES = 0x7fffffff;
export const PRIVATE_FILE_MODE = 0o600;

/** A refusal or failure with a message meant for the operator. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export type DatabaseFileCheck = {
  /** The number of applied migrations. */
  schemaVersion: number;
  /** The migrations' `created_at` (drizzle's folderMillis), oldest first: which migrations, not only how many. */
  migrationTimes: number[];
};

/**
 * Verifies an open database file: integrity_check and quick_check must both answer exactly "ok", and it must hold the
 * migrations table. Throws a BackupError naming `label` otherwise; SQLite's own errors (a file that is not a database,
 * a malformed page) are passed through to the caller, which words them.
 */
export function checkDatabaseFile(sqlite: Database.Database, label: string): DatabaseFileCheck {
  for (const check of ["integrity_check", "quick_check"] as const) {
    const rows = (sqlite.pragma(check) as Record<string, string>[]).map((row) => row[check]);
    if (rows.length !== 1 || rows[0] !== "ok") {
      throw new BackupError(`${label} is damaged: ${check} reported ${rows.slice(0, 5).join("; ")}${rows.length > 5 ? " …" : ""}`);
    }
  }
  const hasMigrations = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  if (!hasMigrations) throw new BackupError(`${label} has no migrations table: it is not a Terminvergabe database.`);
  const rows = sqlite.prepare(`SELECT created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).all() as {
    createdAt: number | string;
  }[];
  return { schemaVersion: rows.length, migrationTimes: rows.map((row) => Number(row.createdAt)) };
}

export type BackupReport = { target: string; bytes: number; schemaVersion: number; takenAt: Date };

/** Copies the live database at `databasePath` to `target`; see the header for how and why. */
export async function backupDatabase(options: { databasePath: string; target: string; force?: boolean }): Promise<BackupReport> {
  const source = path.resolve(options.databasePath);
  const target = path.resolve(options.target);
  if (!existsSync(source)) {
    throw new BackupError(`There is no database at ${source}. Set DATABASE_PATH as for the app.`);
  }
  if ([source, `${source}-wal`, `${source}-shm`, `${source}-journal`].includes(target)) {
    throw new BackupError(`The backup must not be written onto the live database (${target}).`);
  }
  if (!existsSync(path.dirname(target))) throw new BackupError(`The directory ${path.dirname(target)} does not exist.`);
  if (existsSync(target)) {
    if (!options.force) throw new BackupError(`${target} already exists. Choose another name, or pass --force to replace it.`);
    if (!statSync(target).isFile()) throw new BackupError(`${target} exists and is not a file.`);
  }

  const partial = `${target}.partial-${process.pid}`;
  try {
    // Created empty with mode 0600 before SQLite writes a byte into it; SQLite's journal for it inherits the mode.
    closeSync(openSync(partial, "wx", PRIVATE_FILE_MODE));
    // Opened as the app opens it, but without migrating: a backup must not change the live schema.
    const live = openDatabase(source, { migrate: false });
    const takenAt = now();
    try {
      await live.$client.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      live.$client.close();
    }

    const copy = new Database(partial, { fileMustExist: true });
    let check: DatabaseFileCheck;
    try {
      copy.pragma("journal_mode = DELETE");
      check = checkDatabaseFile(copy, "The copy");
    } finally {
      copy.close();
    }
    chmodSync(partial, PRIVATE_FILE_MODE);
    fsyncFile(partial);
    if (options.force) {
      renameSync(partial, target);
    } else {
      // link() fails if the name appeared meanwhile: never replace a file without --force, not even in a race.
      linkSync(partial, target);
      unlinkSync(partial);
    }
    fsyncFile(path.dirname(target));
    return { target, bytes: statSync(target).size, schemaVersion: check.schemaVersion, takenAt };
  } catch (error) {
    removeWithSidecars(partial);
    if (isErrorCode(error, "EEXIST")) throw new BackupError(`${target} appeared while the backup ran; nothing was replaced.`);
    throw error;
  }
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeWithSidecars(file: string): void {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

export function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}

/** How long the probe of `assertNotInUse` waits for the database to become free. An app that is running never frees it. */
const LOCK_WAIT_MS = 1000;

/**
 * Refuses while any connection has the database open, then checkpoints the WAL into the database file under the same
 * lock, so the file alone is complete. Closing the probe, the last connection, removes the emptied -wal. How the
 * probe sees a running app: lib/cli/restore.ts, header. `task` names what the operator wanted to do ("restore"),
 * `refuse` makes the tool's own error from the message.
 */
export function assertNotInUse(databasePath: string, task: { task: string; ifDamaged: string }, refuse: (message: string) => Error): void {
  let probe: Database.Database;
  try {
    probe = new Database(databasePath, { fileMustExist: true, timeout: LOCK_WAIT_MS });
  } catch (error) {
    throw refuse(`Cannot open the current database ${databasePath}: ${messageOf(error)}`);
  }
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("COMMIT");
    probe.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    if (isSqliteBusy(error)) {
      throw refuse(`The database ${databasePath} is in use: the app (or another program) has it open. Stop the app first, then ${task.task}.`);
    }
    throw refuse(`Cannot lock the current database ${databasePath} (${messageOf(error)}). ${task.ifDamaged}`);
  } finally {
    probe.close();
  }
}

function isSqliteBusy(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED");
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether the module at `moduleUrl` was started as the program (`tsx lib/cli/backup.ts`), not imported. */
export function isEntryPoint(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started || !existsSync(started)) return false;
  return realpathSync(started) === realpathSync(fileURLToPath(moduleUrl));
}

const USAGE = "Usage: npm run backup -- <backup-file> [--force]   (reads the database at DATABASE_PATH, as the app does)";

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  if (engineFrom(process.env) === "postgres") {
    // This tool copies the SQLite file; a PostgreSQL server has its own (README "PostgreSQL": pg_dump / pg_restore).
    console.error("DATABASE_URL points at PostgreSQL: use pg_dump and pg_restore (see README, \"PostgreSQL\"). This tool %s only the SQLite file.", "backs up");
    process.exit(2);
  }
  const report = await backupDatabase({
    databasePath: databasePathFrom(process.env),
    target: parsed.positionals[0]!,
    force: parsed.values.force,
  });
  console.log(
    `Backup written: ${report.target}\n` +
      `  size: ${formatBytes(report.bytes)}, mode 0600\n` +
      `  schema version: ${report.schemaVersion} (applied migrations)\n` +
      `  snapshot taken: ${report.takenAt.toISOString()}\n` +
      `  verified: integrity_check ok, quick_check ok\n` +
      `It contains personal data: keep it private and delete it after the retention period.`,
  );
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

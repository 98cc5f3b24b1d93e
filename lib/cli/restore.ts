/**
 * `npm run restore -- <backup-file> [--force]`: puts a backup (from `npm run backup`) in place of the database at
 * DATABASE_PATH. Only for a STOPPED installation: stop the app, restore, start the app.
 *
 * Is the app running? We ask SQLite's own locks, the ones the app takes: a probe connection switches to
 * `locking_mode = EXCLUSIVE` and begins an exclusive transaction. In WAL mode that needs the database file to itself,
 * and every open connection keeps a shared lock on it for as long as it is open, so the probe fails while any process
 * has the database open: the app idle or booking, a second instance, a backup, an `sqlite3` shell. A plain
 * `BEGIN EXCLUSIVE` is not enough: in WAL mode it only takes the write lock and succeeds while the app sits idle with
 * its connection open (tried). Looking at -wal/-shm files is not enough either: a crashed app leaves them behind
 * (false alarm), and Node cannot ask whether someone holds a lock on them. The app opens its database when it starts
 * (lib/server-start.ts), so a started app is seen. The probe's lock lasts until it has checkpointed the WAL into the
 * file, so the copy moved aside is complete in itself.
 *
 * The backup is first copied next to the database (mode 0600) and that copy is checked: integrity, and a schema not
 * newer than this app's migrations (older is fine: the app migrates when it starts). Only then is the current database
 * (with its -wal/-shm, if any) renamed to `<name>.before-restore-<timestamp>`, so a wrong restore can be undone, and the
 * copy renamed into place.
 */
import { engineFrom } from "@/db/engine";
import Database from "better-sqlite3";
import { chownSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, statSync, writeSync, chmodSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrationsFolder } from "@/db/migrate";
import { now } from "@/lib/clock";
import { databasePathFrom } from "@/lib/env";
import {
  assertNotInUse,
  BackupError,
  checkDatabaseFile,
  formatBytes,
  fsyncFile,
  isEntryPoint,
  messageOf,
  PRIVATE_FILE_MODE,
  removeWithSidecars,
  type DatabaseFileCheck,
} from "./backup";

const SIDECARS = ["-wal", "-shm"] as const;

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

export type RestoreReport = {
  databasePath: string;
  backupPath: string;
  bytes: number;
  schemaVersion: number;
  appSchemaVersion: number;
  /** The previous database and its sidecar files under their new names; empty if there was none. */
  movedAside: string[];
};

export function restoreDatabase(options: {
  backupPath: string;
  databasePath: string;
  now: Date;
  force?: boolean;
}): RestoreReport {
  const backupPath = path.resolve(options.backupPath);
  const databasePath = path.resolve(options.databasePath);
  if (!existsSync(backupPath) || !statSync(backupPath).isFile()) throw new RestoreError(`There is no backup file at ${backupPath}.`);
  if (backupPath === databasePath) throw new RestoreError(`The backup is the database itself (${databasePath}).`);
  if (existsSync(`${backupPath}-wal`) && statSync(`${backupPath}-wal`).size > 0) {
    throw new RestoreError(
      `${backupPath} has a -wal file beside it: it is a copy of a live database, not a backup from "npm run backup", and may be incomplete.`,
    );
  }
  const hasDatabase = existsSync(databasePath);
  if (hasDatabase) {
    assertStopped(databasePath); // before copying, so a running app is reported at once
  } else if (!options.force) {
    throw new RestoreError(
      `There is no database at ${databasePath}. Check DATABASE_PATH; if this is a new installation or the database is lost, pass --force to restore into it.`,
    );
  }

  const appMigrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  mkdirSync(path.dirname(databasePath), { recursive: true });
  const incoming = `${databasePath}.restore-partial-${process.pid}`;
  let movedAside: string[] = [];
  try {
    copyPrivately(backupPath, incoming);
    const check = checkIncoming(incoming, backupPath);
    const known = new Set(appMigrations.map((migration) => migration.folderMillis));
    if (check.schemaVersion > appMigrations.length || check.migrationTimes.some((time) => !known.has(time))) {
      throw new RestoreError(
        `The backup has schema version ${check.schemaVersion} with migrations this app does not know (this app: ${appMigrations.length}): ` +
          `it was made by a newer version of Terminvergabe. Update this installation first, then restore.`,
      );
    }
    if (hasDatabase) {
      preserveOwner(databasePath, incoming);
      assertStopped(databasePath); // again, right before moving it: the app might have been started meanwhile
      movedAside = moveAside(databasePath, asideName(databasePath, options.now));
    }
    try {
      renameSync(incoming, databasePath);
    } catch (error) {
      undoMoveAside(databasePath, movedAside);
      throw error;
    }
    fsyncFile(path.dirname(databasePath));
    return {
      databasePath,
      backupPath,
      bytes: statSync(databasePath).size,
      schemaVersion: check.schemaVersion,
      appSchemaVersion: appMigrations.length,
      movedAside,
    };
  } finally {
    removeWithSidecars(incoming);
  }
}

function assertStopped(databasePath: string): void {
  assertNotInUse(databasePath, { task: "restore", ifDamaged: "If it is damaged, move it away yourself and restore with --force." }, (message) => new RestoreError(message));
}

function checkIncoming(incoming: string, backupPath: string): DatabaseFileCheck {
  const label = `The backup ${backupPath}`;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(incoming, { fileMustExist: true });
    return checkDatabaseFile(sqlite, label);
  } catch (error) {
    if (error instanceof BackupError) throw new RestoreError(error.message);
    throw new RestoreError(`${label} is not a usable database: ${messageOf(error)}`);
  } finally {
    sqlite?.close();
  }
}

/** Copies into a new file that is private (0600) from its creation, and flushes it to disk. */
function copyPrivately(from: string, to: string): void {
  const input = openSync(from, "r");
  try {
    const output = openSync(to, "wx", PRIVATE_FILE_MODE);
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (let read = readSync(input, buffer); read > 0; read = readSync(input, buffer)) writeSync(output, buffer, 0, read);
      fsyncSync(output);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
  chmodSync(to, PRIVATE_FILE_MODE); // in case the umask was stricter, no looser: exactly 0600
}

/** Run as root (say, from a maintenance shell), the restored file still belongs to the app's user, like the old one. */
function preserveOwner(databasePath: string, incoming: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = statSync(databasePath);
  chownSync(incoming, uid, gid);
}

/** `<name>.before-restore-20261124T070000Z`; the sidecars keep SQLite's naming so the set opens as it was. */
export function asideName(databasePath: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `${databasePath}.before-restore-${stamp}`;
}

function moveAside(databasePath: string, aside: string): string[] {
  if ([aside, ...SIDECARS.map((s) => `${aside}${s}`)].some((file) => existsSync(file))) {
    throw new RestoreError(`${aside} already exists; wait a second and try again.`);
  }
  const moved: string[] = [];
  for (const suffix of ["", ...SIDECARS]) {
    if (!existsSync(`${databasePath}${suffix}`)) continue;
    renameSync(`${databasePath}${suffix}`, `${aside}${suffix}`);
    chmodSync(`${aside}${suffix}`, PRIVATE_FILE_MODE); // it holds the same personal data
    moved.push(`${aside}${suffix}`);
  }
  return moved;
}

function undoMoveAside(databasePath: string, moved: string[]): void {
  for (const file of moved) {
    const suffix = SIDECARS.find((s) => file.endsWith(s)) ?? "";
    renameSync(file, `${databasePath}${suffix}`);
  }
}

const USAGE = "Usage: npm run restore -- <backup-file> [--force]   (restores into DATABASE_PATH; stop the app first)";

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  } catch (error) {
    console.error(`${messageOf(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  if (engineFrom(process.env) === "postgres") {
    // This tool copies the SQLite file; a PostgreSQL server has its own (README "PostgreSQL": pg_dump / pg_restore).
    console.error("DATABASE_URL points at PostgreSQL: use pg_dump and pg_restore (see README, \"PostgreSQL\"). This tool %s only the SQLite file.", "restores");
    process.exit(2);
  }
  const report = restoreDatabase({
    backupPath: parsed.positionals[0]!,
    databasePath: databasePathFrom(process.env),
    now: now(),
    force: parsed.values.force,
  });
  const pending = report.appSchemaVersion - report.schemaVersion;
  const lines = [
    `Restored ${report.backupPath}`,
    `  into ${report.databasePath}: ${formatBytes(report.bytes)}, mode 0600`,
    `  schema version ${report.schemaVersion}; this app has ${report.appSchemaVersion}` +
      (pending > 0 ? `: the app applies the ${pending} newer migration(s) when it starts.` : "."),
    report.movedAside.length > 0
      ? `Previous database moved aside: ${report.movedAside.join(", ")}\n  To undo: stop the app and rename it back to ${report.databasePath}.`
      : "There was no previous database.",
    "The backup may hold personal data that retention has removed since: start the app now, its retention job removes it again.",
  ];
  console.log(lines.join("\n"));
}

if (isEntryPoint(import.meta.url)) {
  try {
    main();
  } catch (error) {
    const refused = error instanceof RestoreError;
    console.error(`${refused ? "Restore refused" : "Restore failed"}: ${messageOf(error)}`);
    process.exit(1);
  }
}

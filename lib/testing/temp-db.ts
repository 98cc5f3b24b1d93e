import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeAppDatabase, openAppDatabase, openDatabase, type AppDatabase } from "@/db/client";
import { isPostgres } from "@/db/engine";
import { applyPgMigrations, pgMigrationsFolder } from "@/db/migrate-pg";
import { dropDatabase, onServer, withDatabase } from "./postgres-server";

export type TempDatabase = {
  db: AppDatabase;
  /** The SQLite file (SQLite only: tests of the file itself). */
  databasePath: string;
  /** Where another process finds the same database: the SQLite file, or the PostgreSQL URL (openTestDatabase). */
  address: string;
  cleanup: () => Promise<void>;
};

/**
 * A fresh, migrated database per test on the engine the test run uses (db/engine.ts): a SQLite file in a temporary
 * directory, or with `DATABASE_URL=postgres://…` a new PostgreSQL database copied from a migrated template on that
 * server. `cleanup` closes and deletes it.
 */
export async function createTempDatabase(): Promise<TempDatabase> {
  if (isPostgres) return createPostgresTempDatabase();
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-test-"));
  const databasePath = path.join(directory, "test.sqlite");
  const db = openDatabase(databasePath);
  return {
    db,
    databasePath,
    address: databasePath,
    cleanup: async () => {
      db.$client.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Opens a database another test process made (createTempDatabase's `address`), on the same engine. */
export function openTestDatabase(address: string): AppDatabase {
  return openAppDatabase(isPostgres ? { databasePath: "", databaseUrl: address } : { databasePath: address, databaseUrl: null });
}

export { closeAppDatabase as closeTestDatabase };

/**
 * The PostgreSQL server test databases are made on: the test run's DATABASE_URL as it was when this module loaded
 * (tests that point the app at their own database change DATABASE_URL afterwards).
 */
const SERVER_URL = process.env.DATABASE_URL;

function serverUrl(): string {
  if (!SERVER_URL) throw new Error("DATABASE_URL is not set");
  return SERVER_URL;
}

/**
 * Points the app's own configuration (getEnv/getDb) at a test database: DATABASE_URL on PostgreSQL, DATABASE_PATH on
 * SQLite. `dataDirectory` is where the app may keep files (on PostgreSQL the database is elsewhere).
 */
export function appEnvFor(temp: TempDatabase, dataDirectory: string): Record<string, string> {
  return isPostgres ? { DATABASE_URL: temp.address, DATABASE_PATH: path.join(dataDirectory, "unused.sqlite") } : { DATABASE_PATH: temp.databasePath };
}


/** The migrations' fingerprint: a changed migration gets a new template instead of a stale one. */
function templateName(): string {
  const folder = pgMigrationsFolder();
  const journal = readFileSync(path.join(folder, "meta", "_journal.json"));
  const hash = createHash("sha256").update(journal);
  for (const entry of (JSON.parse(journal.toString()) as { entries: { tag: string }[] }).entries) {
    hash.update(readFileSync(path.join(folder, `${entry.tag}.sql`)));
  }
  return `tv_template_${hash.digest("hex").slice(0, 12)}`;
}

const TEMPLATE_LOCK_KEY = 0x54_76_54_70; // "TvTp": test workers making the template wait for each other

let templateReady: Promise<string> | null = null;

/** Migrates the template once per server (the first test worker does it; the others wait on an advisory lock). */
function ensureTemplate(): Promise<string> {
  templateReady ??= onServer(serverUrl(), async (client) => {
    const name = templateName();
    await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE "${name}"`);
        await onServer(withDatabase(serverUrl(), name), (migrator) => applyPgMigrations(migrator));
        // Copies need a template nobody is connected to; marking it keeps clients out.
        await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
      }
      return name;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  });
  return templateReady;
}

async function createPostgresTempDatabase(): Promise<TempDatabase> {
  const template = await ensureTemplate();
  const name = `tv_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl(), (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`));
  const url = withDatabase(serverUrl(), name);
  const db = openTestDatabase(url);
  return {
    db,
    databasePath: "",
    address: url,
    cleanup: async () => {
      await closeAppDatabase(db);
      await dropDatabase(serverUrl(), name);
    },
  };
}

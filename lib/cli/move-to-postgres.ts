/**
 * `npm run db:move-to-postgres`: moves a town's data from its SQLite file (DATABASE_PATH) into an empty PostgreSQL
 * database (DATABASE_URL), for a town that leaves its own server for a county's or an IT centre's installation.
 *
 * Only for a STOPPED app: a booking made after the copy would stay behind in the file. The SQLite probe of
 * `npm run restore` (lib/cli/backup.ts `assertNotInUse`) refuses while any process has the file open. The file is
 * brought to this version's schema first (as the app's start would), PostgreSQL is migrated, and then every table is
 * copied in ONE PostgreSQL transaction: parents before children (by their foreign keys), ids kept, identity
 * sequences moved past the highest id, and the rows counted on both sides before the commit. Anything unexpected rolls
 * the whole copy back; the SQLite file is never changed beyond its migrations, so the town can go on with it.
 *
 * The target must be empty: the tool adds to nothing and overwrites nothing. Not copied: `data_revisions`, the change
 * counters cached pages compare against (PostgreSQL's own triggers count the copied rows; a counter only has to move,
 * and a new installation has no cached pages).
 */
import Database from "better-sqlite3";
import { getTableColumns, is, sql, type Table } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { getTableConfig as getPgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { engineFrom } from "@/db/engine";
import { applyMigrations } from "@/db/migrate";
import { applyPgMigrations } from "@/db/migrate-pg";
import * as pgSchema from "@/db/schema-pg";
import * as sqliteSchema from "@/db/schema/sqlite";
import { databasePathFrom } from "@/lib/env";
import { assertNotInUse, checkDatabaseFile, isEntryPoint, messageOf } from "./backup";

/** A refusal or failure with a message meant for the operator. */
export class MoveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MoveError";
  }
}

/** Tables whose rows are not carried over (see the header). */
const NOT_COPIED = new Set(["data_revisions"]);
/** Rows per INSERT: well below PostgreSQL's 65,535 parameters for the widest table (bookings, about 30 columns). */
const BATCH_ROWS = 500;

type TablePair = { name: string; source: SQLiteTable; target: PgTable; parents: string[] };
export type MoveReport = { databasePath: string; tables: { name: string; rows: number }[]; totalRows: number };

// Drizzle keeps a column's property name until a query applies the snake_case casing: apply it here too.
const columnName = (column: { name: string; keyAsName?: boolean }) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

/** Every table of the data model with its twin on PostgreSQL, parents before the tables that refer to them. */
export function tablesInCopyOrder(): TablePair[] {
  const targets = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema)) if (is(value, PgTable)) targets.set(getPgTableConfig(value).name, value);
  const pairs = new Map<string, TablePair>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getSqliteTableConfig(value);
    if (NOT_COPIED.has(config.name)) continue;
    const target = targets.get(config.name);
    if (!target) throw new MoveError(`The table ${config.name} has no PostgreSQL twin in this version.`);
    const parents = config.foreignKeys.map((key) => getSqliteTableConfig(key.reference().foreignTable).name).filter((parent) => parent !== config.name);
    pairs.set(config.name, { name: config.name, source: value, target, parents });
  }
  const ordered: TablePair[] = [];
  const placed = new Set<string>();
  // Depth first over the parents; the data model has no cycle of foreign keys (a cycle would loop here, so refuse it).
  const place = (pair: TablePair, path: string[]) => {
    if (placed.has(pair.name)) return;
    if (path.includes(pair.name)) throw new MoveError(`Foreign keys form a cycle: ${[...path, pair.name].join(" → ")}`);
    for (const parent of pair.parents) {
      const parentPair = pairs.get(parent);
      if (parentPair) place(parentPair, [...path, pair.name]);
    }
    placed.add(pair.name);
    ordered.push(pair);
  };
  for (const pair of [...pairs.values()].sort((a, b) => a.name.localeCompare(b.name))) place(pair, []);
  return ordered;
}

export async function moveToPostgres(options: { databasePath: string; databaseUrl: string }): Promise<MoveReport> {
  const databasePath = path.resolve(options.databasePath);
  if (engineFrom({ DATABASE_URL: options.databaseUrl }) !== "postgres") throw new MoveError("DATABASE_URL must be a postgres:// address: the database to move into.");
  if (!existsSync(databasePath)) throw new MoveError(`There is no SQLite database at ${databasePath}. Check DATABASE_PATH.`);
  assertNotInUse(
    databasePath,
    { task: "move it", ifDamaged: "Restore a backup (npm run restore) and move that." },
    (message) => new MoveError(message),
  );

  const file = new Database(databasePath, { fileMustExist: true });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, connectionTimeoutMillis: 5_000, application_name: "terminvergabe-move" });
  pool.on("error", () => undefined);
  try {
    checkDatabaseFile(file, `The database ${databasePath}`);
    file.pragma("foreign_keys = ON");
    applyMigrations(file);
    const source = drizzleSqlite({ client: file, casing: "snake_case" });
    // One connection, one transaction: the copy is all or nothing.
    const client = await pool.connect();
    try {
      await applyPgMigrations(client);
      const target = drizzlePg({ client, casing: "snake_case" });
      const pairs = tablesInCopyOrder();
      await client.query("BEGIN");
      try {
        await assertTargetEmpty(client, pairs);
        const tables: MoveReport["tables"] = [];
        // One read transaction on the file: every table from the same moment (the probe above also keeps writers out).
        file.exec("BEGIN");
        try {
          for (const pair of pairs) tables.push({ name: pair.name, rows: await copyTable(source, target, pair) });
        } finally {
          file.exec("COMMIT");
        }
        for (const pair of pairs) await moveIdentityPast(client, pair.target);
        await assertCounts(client, tables);
        await client.query("COMMIT");
        return { databasePath, tables, totalRows: tables.reduce((sum, table) => sum + table.rows, 0) };
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    } finally {
      client.release();
    }
  } finally {
    file.close();
    await pool.end();
  }
}

async function assertTargetEmpty(client: pg.PoolClient, pairs: TablePair[]): Promise<void> {
  const holding: string[] = [];
  for (const pair of pairs) {
    const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM "${pair.name}") AS "has"`);
    if (rows[0].has) holding.push(pair.name);
  }
  if (holding.length > 0) {
    throw new MoveError(
      `The PostgreSQL database already holds data (${holding.join(", ")}). The move goes into an empty database only: create a new one (createdb) and point DATABASE_URL at it.`,
    );
  }
}

/** Copies one table in id order, page by page (keyed on SQLite's rowid, so a large table never sits in memory whole). */
async function copyTable(source: ReturnType<typeof drizzleSqlite>, target: NodePgDatabase, pair: TablePair): Promise<number> {
  const columns = getTableColumns(pair.source as Table);
  let lastRowid = 0;
  let copied = 0;
  for (;;) {
    const page = (await source
      .select({ rowid: sql<number>`rowid`.as("copy_rowid"), ...columns })
      .from(pair.source)
      .where(sql`rowid > ${lastRowid}`)
      .orderBy(sql`rowid`)
      .limit(BATCH_ROWS)) as ({ rowid: number } & Record<string, unknown>)[];
    if (page.length === 0) return copied;
    const rows = page.map(({ rowid, ...row }) => {
      lastRowid = rowid;
      return row;
    });
    await target.insert(pair.target).values(rows);
    copied += rows.length;
  }
}

/** Ids were copied as they were: the next id PostgreSQL hands out must come after the highest one. */
async function moveIdentityPast(client: pg.PoolClient, table: PgTable): Promise<void> {
  const config = getPgTableConfig(table);
  for (const column of config.columns) {
    if (!(column as { generatedIdentity?: unknown }).generatedIdentity) continue;
    const name = columnName(column);
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max("${name}") FROM "${config.name}"), 0) + 1, false)`,
      [`"${config.name}"`, name],
    );
  }
}

async function assertCounts(client: pg.PoolClient, tables: MoveReport["tables"]): Promise<void> {
  for (const table of tables) {
    const { rows } = await client.query(`SELECT count(*)::int AS "rows" FROM "${table.name}"`);
    if (rows[0].rows !== table.rows) {
      throw new MoveError(`${table.name}: ${table.rows} row(s) read from SQLite, but ${rows[0].rows} in PostgreSQL. Nothing was moved.`);
    }
  }
}

const USAGE =
  "Usage: npm run db:move-to-postgres   (reads the SQLite database at DATABASE_PATH, writes the empty PostgreSQL database at DATABASE_URL; stop the app first)";

async function main(): Promise<void> {
  if (process.argv.length > 2) {
    console.error(USAGE);
    process.exit(2);
  }
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    console.error(`DATABASE_URL is not set.\n${USAGE}`);
    process.exit(2);
  }
  const report = await moveToPostgres({ databasePath: databasePathFrom(process.env), databaseUrl });
  const width = Math.max(...report.tables.map((table) => table.name.length));
  console.log(
    `Moved ${report.totalRows} row(s) from ${report.databasePath} into PostgreSQL, in one transaction:\n` +
      report.tables.map((table) => `  ${table.name.padEnd(width)} ${String(table.rows).padStart(8)}`).join("\n") +
      `\nStart the app with DATABASE_URL set. Keep the SQLite file (it holds personal data: private, and deleted once the ` +
      `move is confirmed and your retention period allows).`,
  );
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    const refused = error instanceof MoveError;
    console.error(`${refused ? "Move refused" : "Move failed"}: ${messageOf(error)}`);
    process.exit(1);
  });
}

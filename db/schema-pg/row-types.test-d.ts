/*
 * Compile-time guard (checked by `tsc --noEmit`, nothing runs): every table's row type (`$inferSelect`) and insert
 * type (`$inferInsert`) is the same in the SQLite schema (db/schema) and the PostgreSQL one (db/schema-pg), and both
 * export the same tables. Services written against one dialect's rows therefore compile against the other's.
 * On failure the error names the tables that differ.
 */
import type { Table } from "drizzle-orm";
import type * as pg from "./index";
import type * as sqlite from "../schema/sqlite";

/** Exact type equality (not mutual assignability, which `any` and optional properties would fool). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type TableNames<S> = { [K in keyof S]: S[K] extends Table ? K : never }[keyof S];
type SqliteTables = TableNames<typeof sqlite>;
type PgTables = TableNames<typeof pg>;

type Mismatch<Kind extends "$inferSelect" | "$inferInsert"> = {
  [K in SqliteTables & PgTables]: (typeof sqlite)[K] extends Table
    ? (typeof pg)[K] extends Table
      ? Same<(typeof sqlite)[K][Kind], (typeof pg)[K][Kind]> extends true
        ? never
        : K
      : K
    : K;
}[SqliteTables & PgTables];

/** Each of these is `true` when nothing differs; otherwise the type shows the offending table names. */
export const sameTables: Same<SqliteTables, PgTables> = true;
export const sameRows: [Mismatch<"$inferSelect">] extends [never] ? true : Mismatch<"$inferSelect"> = true;
export const sameInserts: [Mismatch<"$inferInsert">] extends [never] ? true : Mismatch<"$inferInsert"> = true;

import { SqliteError } from "better-sqlite3";
import { DrizzleQueryError } from "drizzle-orm/errors";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AdmissionTimeoutError } from "@/lib/admission";
import { waitedTooLong } from "./transaction";

/** A PostgreSQL error as node-postgres raises it, with its SQLSTATE. */
function postgresError(code: string, message = "error from the server"): pg.DatabaseError {
  const error = new pg.DatabaseError(message, 0, "error");
  error.code = code;
  return error;
}

/** As Drizzle hands it on: the driver's error is the cause. */
const viaDrizzle = (cause: Error) => new DrizzleQueryError("select pg_advisory_xact_lock($1)", [1], cause);

describe("which engine errors mean 'waited too long' (answered busy) and which stay unexpected", () => {
  it.each([
    ["lock_timeout (55P03 lock_not_available)", postgresError("55P03", "canceling statement due to lock timeout"), "55P03"],
    ["the same through Drizzle", viaDrizzle(postgresError("55P03")), "55P03"],
    ["statement_timeout (57014 query_canceled)", viaDrizzle(postgresError("57014", "canceling statement due to statement timeout")), "57014"],
    ["idle_in_transaction_session_timeout (25P03)", postgresError("25P03"), "25P03"],
    ["no pool connection in time", new Error("timeout exceeded when trying to connect"), "connection"],
    ["no write slot in this process in time", new AdmissionTimeoutError("write slot"), "write slot"],
    ["no availability slot in this process in time", new AdmissionTimeoutError("availability slot"), "availability slot"],
    ["SQLite: the file's write lock still held", new SqliteError("database is locked", "SQLITE_BUSY"), "SQLITE_BUSY"],
    ["SQLite: a snapshot too old to write from", new SqliteError("database is locked", "SQLITE_BUSY_SNAPSHOT"), "SQLITE_BUSY_SNAPSHOT"],
  ])("%s → busy", (_name, error, reason) => {
    expect(waitedTooLong(error)).toBe(reason);
  });

  it.each([
    ["a unique violation (23505)", viaDrizzle(postgresError("23505"))],
    ["a serialization failure left after the retries (40001)", postgresError("40001")],
    ["a deadlock left after the retries (40P01)", postgresError("40P01")],
    ["a missing table (42P01): a bug", viaDrizzle(postgresError("42P01"))],
    ["too many connections on the server (53300): configuration", postgresError("53300")],
    ["SQLite: a constraint", new SqliteError("UNIQUE constraint failed", "SQLITE_CONSTRAINT_UNIQUE")],
    ["SQLite: a read-only file", new SqliteError("attempt to write a readonly database", "SQLITE_READONLY")],
    ["a lost connection", new Error("Connection terminated unexpectedly")],
    ["a bug in our code", new TypeError("cannot read properties of undefined")],
    ["a message that merely mentions a timeout", new Error("the timeout exceeded the limit")],
    ["not an error at all", "timeout exceeded when trying to connect"],
    ["nothing", undefined],
  ])("%s → stays unexpected", (_name, error) => {
    expect(waitedTooLong(error)).toBeNull();
  });
});

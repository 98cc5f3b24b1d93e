import { runExclusive } from "@/db/async-database";
import { isPostgres } from "@/db/engine";
import { pgMigrationsFolder } from "@/db/migrate-pg";
import { postgresPoolOf } from "@/db/postgres";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { emailOutbox } from "@/db/schema";

/**
 * Whether this process can serve bookings (GET /readyz). Each check is cheap enough for a probe every few seconds: one
 * rolled-back write, two indexed lookups, and a journal read once per process. Answers say which check failed in fixed
 * words, never with data from the rows (no addresses, no ids).
 *
 * - database: a write is possible. The probe takes the write lock (BEGIN IMMEDIATE), rewrites the header's
 *   user_version with its own value and rolls back, so nothing changes on disk. It catches a read-only file or mount
 *   and a write lock held by someone else for longer than PROBE_BUSY_TIMEOUT_MS; it does not catch a full disk (the
 *   rolled-back page is never written).
 * - migrations: every migration in db/migrations/meta/_journal.json has been applied, by the rule db/migrate.ts
 *   applies them (a step counts as applied when its timestamp is not newer than the newest applied one).
 * - outbox (only with a mail transport; without one, mail is only kept for the dev outbox): no message is still
 *   claimed ("sending") long after its lease ran out, and no message has been due for longer than OVERDUE_AFTER_MS.
 *   Both leave a poll interval of slack, since expired claims and due messages are picked up only at the next poll.
 *   A provider outage does not fail this check: failed messages wait for their retry, they are not overdue.
 * - process: not shutting down (then balancers must stop sending before the listener closes).
 */
export const OVERDUE_AFTER_MS = 15 * 60_000;
/** How much later than its lease's end a claim counts as stuck, besides one poll interval. */
export const STUCK_CLAIM_GRACE_MS = 60_000;
/** A probe must answer quickly; the app's own writes wait up to ten seconds for the lock, the probe does not. */
const PROBE_BUSY_TIMEOUT_MS = 1_000;

export type CheckName = "database" | "migrations" | "outbox" | "process";
export type CheckResult = { status: "ok" | "failed" | "skipped"; detail?: string };
export type Readiness = { ready: boolean; checks: Record<CheckName, CheckResult> };

export type ReadinessOptions = {
  now: Date;
  /** Whether the outbox is being sent (a mail transport is configured). */
  canSendMail: boolean;
  outboxPollSeconds: number;
  shuttingDown: boolean;
  migrationsFolder?: string;
};

const OK: CheckResult = { status: "ok" };
const failed = (detail: string): CheckResult => ({ status: "failed", detail });

/** `connect` opens (or returns) the app's connection; it may throw, which fails every database-backed check. */
export async function checkReadiness(connect: () => AppDatabase, options: ReadinessOptions): Promise<Readiness> {
  const processCheck: CheckResult = options.shuttingDown ? failed("shutting down") : OK;
  let db: AppDatabase;
  try {
    db = connect();
  } catch (error) {
    const unavailable = failed(`cannot open the database (${errorCode(error)})`);
    return summarize({ database: unavailable, migrations: unavailable, outbox: unavailable, process: processCheck });
  }
  return summarize({
    database: isPostgres ? await checkPostgresWritable(db) : await runExclusive(db.$client, () => checkWritable(db)),
    migrations: await checkMigrations(db, options.migrationsFolder ?? (isPostgres ? pgMigrationsFolder() : migrationsFolder())),
    outbox: options.canSendMail ? await checkOutbox(db, options) : { status: "skipped", detail: "no mail transport" },
    process: processCheck,
  });
}

function summarize(checks: Readiness["checks"]): Readiness {
  return { ready: Object.values(checks).every((check) => check.status !== "failed"), checks };
}

/** The JSON answer: 200 when ready, else 503. Never cached: a stale "ready" is worse than none. */
export function readinessResponse(readiness: Readiness): Response {
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

const ROLLBACK = Symbol("rollback");

/** Runs between our transactions (runExclusive), so its own short write transaction never joins one of them. */
function checkWritable(db: AppDatabase): CheckResult {
  const sqlite = db.$client;
  const previousTimeout = Number(sqlite.pragma("busy_timeout", { simple: true }));
  try {
    sqlite.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
    const version = Number(sqlite.pragma("user_version", { simple: true }));
    // better-sqlite3 rolls the transaction back when its function throws.
    sqlite
      .transaction(() => {
        sqlite.pragma(`user_version = ${version}`);
        throw ROLLBACK;
      })
      .immediate();
    return OK;
  } catch (error) {
    if (error === ROLLBACK) return OK;
    return failed(`not writable (${errorCode(error)})`);
  } finally {
    try {
      sqlite.pragma(`busy_timeout = ${previousTimeout}`);
    } catch {
      // A closed connection has no timeout to restore.
    }
  }
}

/**
 * PostgreSQL: a connection from the pool that can start a read-write transaction. A server in recovery (a standby
 * after a fail-over went wrong) refuses exactly that.
 */
async function checkPostgresWritable(db: AppDatabase): Promise<CheckResult> {
  try {
    const client = await postgresPoolOf(db).connect();
    try {
      await client.query("BEGIN READ WRITE");
      await client.query("ROLLBACK");
      return OK;
    } finally {
      client.release();
    }
  } catch (error) {
    return failed(`not writable (${errorCode(error)})`);
  }
}

type JournalEntry = { when: number };
/** The journal ships with the code and does not change while the process runs. */
const journals = new Map<string, JournalEntry[]>();

async function checkMigrations(db: AppDatabase, folder: string): Promise<CheckResult> {
  let expected = journals.get(folder);
  if (!expected) {
    try {
      const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
      expected = journal.entries;
      journals.set(folder, expected);
    } catch {
      return failed("migration files not found");
    }
  }
  let applied: { count: number; newest: number | null };
  try {
    applied = isPostgres
      ? (await postgresPoolOf(db).query<typeof applied>(`SELECT count(*)::integer AS count, max(created_at) AS newest FROM "drizzle"."__drizzle_migrations"`)).rows[0]!
      : (db.$client.prepare(`SELECT count(*) AS count, max(created_at) AS newest FROM "__drizzle_migrations"`).get() as typeof applied);
  } catch {
    return failed(`0 of ${expected.length} applied`);
  }
  const newest = applied.newest === null ? -Infinity : Number(applied.newest);
  const pending = expected.filter((entry) => entry.when > newest).length;
  if (pending > 0 || applied.count < expected.length) return failed(`${Math.min(applied.count, expected.length - pending)} of ${expected.length} applied`);
  return OK;
}

async function checkOutbox(db: AppDatabase, options: ReadinessOptions): Promise<CheckResult> {
  const pollMs = options.outboxPollSeconds * 1000;
  const now = options.now.getTime();
  try {
    const stuck = (await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "sending"),
          or(isNull(emailOutbox.lockedUntil), lt(emailOutbox.lockedUntil, new Date(now - pollMs - STUCK_CLAIM_GRACE_MS))),
        ),
      )
      .limit(1))[0];
    if (stuck) return failed("a message is still claimed after its lease ended");
    const overdue = (await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lt(emailOutbox.nextAttemptAt, new Date(now - pollMs - OVERDUE_AFTER_MS))))
      .limit(1))[0];
    if (overdue) return failed(`a message has been due for more than ${OVERDUE_AFTER_MS / 60_000} minutes`);
    return OK;
  } catch (error) {
    return failed(`not readable (${errorCode(error)})`);
  }
}

/** SQLite's code (SQLITE_READONLY, SQLITE_BUSY …), never the message: messages can quote SQL and values. */
function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "unknown";
}

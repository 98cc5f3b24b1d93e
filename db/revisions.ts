import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import { currentConnection } from "./async-database";
import type { DbOrTransaction } from "./client";
import { isPostgres } from "./engine";
import { postgresIdentity, readPostgresRevisions } from "./postgres";

/**
 * The client under a database or transaction object (drizzle keeps it on the session): the SQLite connection, or on
 * PostgreSQL the pool.
 */
export function sqliteOf(db: DbOrTransaction): Database.Database {
  const withClient = db as unknown as { $client?: Database.Database; session?: { client: Database.Database } };
  return withClient.$client ?? withClient.session!.client;
}

/**
 * The connection a raw statement should run on right now: inside a transaction (or when none is open) the writer,
 * otherwise the read connection (db/async-database.ts). Statements prepared by hand are cached per this connection.
 */
export function connectionOf(db: DbOrTransaction): Database.Database {
  return currentConnection(sqliteOf(db));
}

const statements = new WeakMap<Database.Database, Database.Statement>();

function readRevisions(db: DbOrTransaction, keys: readonly string[]): Promise<Map<string, number>> {
  if (isPostgres) return readPostgresRevisions(db, keys);
  return Promise.resolve(readSqliteRevisions(connectionOf(db)));
}

function readSqliteRevisions(connection: Database.Database): Map<string, number> {
  let statement = statements.get(connection);
  if (!statement) {
    statement = connection.prepare("select key, value from data_revisions").raw(true);
    statements.set(connection, statement);
  }
  return new Map(statement.all() as [string, number][]);
}

/** The counters as read once for the running service call (withRevisionSnapshot); absent outside one. */
type Snapshot = { sqlite: Database.Database; values: Promise<Map<string, number>> | null };
/** On globalThis, like the transaction state (db/async-database.ts): every bundled copy of this module sees one scope. */
const sharedScope = globalThis as unknown as { terminvergabeRevisionSnapshot?: AsyncLocalStorage<Snapshot> };
const snapshotScope = (sharedScope.terminvergabeRevisionSnapshot ??= new AsyncLocalStorage<Snapshot>());

/**
 * Runs a read-only service call with the change counters read at most once: an availability answer consults four
 * caches (settings, catalogue, capacity rules, the answer itself), and each used to re-read the counters. The values
 * are those of the call's start, read before any data the caches keep, so an entry is never stored under a newer stamp
 * than its data; the next call reads them afresh, so a booking committed by another process before it is always seen.
 * The scope follows the call through its awaits (AsyncLocalStorage) and no further; writes inside it go through
 * inWriteTransaction, which leaves the scope.
 */
export function withRevisionSnapshot<T>(db: DbOrTransaction, work: () => Promise<T>): Promise<T> {
  if (snapshotScope.getStore()) return work();
  return snapshotScope.run({ sqlite: sqliteOf(db), values: null }, work);
}

/**
 * For a write transaction inside a snapshot scope: its own writes move the counters, so it reads them afresh, and the
 * scope reads them again after it.
 */
export async function withoutRevisionSnapshot<T>(work: () => Promise<T>): Promise<T> {
  const outer = snapshotScope.getStore();
  if (!outer) return work();
  try {
    return await snapshotScope.exit(work);
  } finally {
    outer.values = null;
  }
}

/**
 * The current values of the change counters the triggers keep (db/schema/data-revisions.ts), as one string that
 * changes whenever any of them does. Includes the database file, so caches never mix two databases in one process.
 */
export async function revisionStamp(db: DbOrTransaction, keys: readonly string[]): Promise<string> {
  const sqlite = sqliteOf(db);
  const snapshot = snapshotScope.getStore();
  let values: Map<string, number>;
  if (snapshot?.sqlite === sqlite) values = await (snapshot.values ??= readRevisions(db, keys));
  else values = await readRevisions(db, keys);
  let stamp = isPostgres ? postgresIdentity(db) : sqlite.name;
  for (const key of keys) stamp += `|${key}=${values.get(key) ?? 0}`;
  return stamp;
}

/**
 * A small least-recently-used cache whose entries are valid only for the stamp they were computed under. It keeps the
 * promise, so requests arriving while a value is being computed share that computation; a computation that fails is
 * dropped, so the next request tries again. Bounded by entry count, and optionally by a total weight (`weigh`, e.g.
 * characters of a JSON text or free times in an answer, counted once the value is there): for large values the count
 * alone does not bound the memory (2,000 availability answers of 93 days each would hold gigabytes). The newest entry
 * is always kept, whatever its weight.
 */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: Promise<V>; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly limit: { maxWeight: number; weigh: (value: V) => number } | null = null,
  ) {}

  getOrCompute(key: string, stamp: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    this.remove(key);
    const entry = { stamp, value: compute(), weight: 0 };
    this.entries.set(key, entry);
    this.evict();
    entry.value.then(
      (value) => {
        if (this.entries.get(key) !== entry || !this.limit) return;
        entry.weight = this.limit.weigh(value);
        this.totalWeight += entry.weight;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.remove(key);
      },
    );
    return entry.value;
  }

  /** Entries held and their total weight (for tests and memory figures). */
  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.totalWeight };
  }

  private evict(): void {
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || (this.limit !== null && this.totalWeight > this.limit.maxWeight))) {
      this.remove(this.entries.keys().next().value!);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalWeight -= entry.weight;
    this.entries.delete(key);
  }
}

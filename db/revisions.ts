import type Database from "better-sqlite3";
import type { DbOrTransaction } from "./client";

/** The SQLite handle under a database or transaction object (drizzle keeps it on the session). */
export function sqliteOf(db: DbOrTransaction): Database.Database {
  const withClient = db as unknown as { $client?: Database.Database; session?: { client: Database.Database } };
  return withClient.$client ?? withClient.session!.client;
}

const statements = new WeakMap<Database.Database, Database.Statement>();

function readRevisions(sqlite: Database.Database): Map<string, number> {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare("select key, value from data_revisions").raw(true);
    statements.set(sqlite, statement);
  }
  return new Map(statement.all() as [string, number][]);
}

/**
 * The counters as read once for the running service call (withRevisionSnapshot), or null outside one. A scope is
 * entered and left within one synchronous run (better-sqlite3 is synchronous), so no other request can see it.
 */
let snapshot: { sqlite: Database.Database; values: Map<string, number> | null } | null = null;

/**
 * Runs a read-only service call with the change counters read at most once: an availability answer consults four
 * caches (settings, catalogue, capacity rules, the answer itself), and each used to re-read the counters. The values
 * are those of the call's start, read before any data the caches keep, so an entry is never stored under a newer stamp
 * than its data; the next call reads them afresh, so a booking committed by another process before it is always seen.
 * `work` must be synchronous; writes inside it go through inWriteTransaction, which suspends the snapshot.
 */
export function withRevisionSnapshot<T>(db: DbOrTransaction, work: () => T): T {
  if (snapshot) return work();
  snapshot = { sqlite: sqliteOf(db), values: null };
  try {
    const result = work();
    if (result instanceof Promise) throw new Error("withRevisionSnapshot: the work must be synchronous");
    return result;
  } finally {
    snapshot = null;
  }
}

/**
 * For a write transaction inside a snapshot scope: its own writes move the counters, so it reads them afresh, and the
 * scope reads them again after it.
 */
export function withoutRevisionSnapshot<T>(work: () => T): T {
  const outer = snapshot;
  if (!outer) return work();
  snapshot = null;
  try {
    return work();
  } finally {
    outer.values = null;
    snapshot = outer;
  }
}

/**
 * The current values of the change counters the triggers keep (db/schema/data-revisions.ts), as one string that
 * changes whenever any of them does. Includes the database file, so caches never mix two databases in one process.
 */
export function revisionStamp(db: DbOrTransaction, keys: readonly string[]): string {
  const sqlite = sqliteOf(db);
  let values: Map<string, number>;
  if (snapshot?.sqlite === sqlite) values = snapshot.values ??= readRevisions(sqlite);
  else values = readRevisions(sqlite);
  let stamp = sqlite.name;
  for (const key of keys) stamp += `|${key}=${values.get(key) ?? 0}`;
  return stamp;
}

/**
 * A small least-recently-used cache whose entries are valid only for the stamp they were computed under. Bounded by
 * entry count, and optionally by a total weight (`weigh`, e.g. characters of a JSON text or free times in an answer):
 * for large values the count alone does not bound the memory (2,000 availability answers of 93 days each would hold
 * gigabytes). The newest entry is always kept, whatever its weight.
 */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly limit: { maxWeight: number; weigh: (value: V) => number } | null = null,
  ) {}

  getOrCompute(key: string, stamp: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.remove(key);
    const weight = this.limit ? this.limit.weigh(value) : 0;
    this.entries.set(key, { stamp, value, weight });
    this.totalWeight += weight;
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || (this.limit !== null && this.totalWeight > this.limit.maxWeight))) {
      this.remove(this.entries.keys().next().value!);
    }
    return value;
  }

  /** Entries held and their total weight (for tests and memory figures). */
  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.totalWeight };
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalWeight -= entry.weight;
    this.entries.delete(key);
  }
}

import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";

/**
 * Asynchronous transactions on SQLite, the step that lets PostgreSQL become a second engine (issue 14): services await
 * their queries, and a transaction's callback may await too. better-sqlite3 itself only knows synchronous
 * transactions, so this module opens and ends them by hand (`BEGIN IMMEDIATE` … `COMMIT`) and keeps what runs in
 * between apart from everything else the process does:
 *
 * - **One transaction at a time per connection**, in the order they asked (a queue): between two awaits other requests
 *   run, and a second `BEGIN` on the same connection would fail.
 * - **Everyone else reads committed data.** While a transaction is open, statements from outside it go to a second,
 *   read-only connection to the same file, which in WAL mode sees the last committed state and is never blocked. So
 *   no request sees another's half-done transaction, and a write from outside (which would silently become part of the
 *   open transaction and roll back with it) fails loudly instead: writes belong in `inWriteTransaction`.
 * - **Waiting for another process does not stop this one**: SQLite's busy handler sleeps the thread, so `BEGIN
 *   IMMEDIATE` is tried without it and retried after short pauses.
 *
 * The routing sits in a proxy in front of the writer connection, the client Drizzle is given (db/client.ts), so every
 * query, prepared statement and raw use of `$client` takes the right connection without the call sites knowing.
 */

/**
 * A transaction open in the current async context; `postgres` is its transaction object there, `revisions` the change
 * counters it has read and `movedRevisions` the ones its writes have moved since (db/postgres.ts).
 */
export type OpenTransaction = { afterCommit: (() => void)[]; postgres?: unknown; revisions?: Promise<Map<string, number>>; movedRevisions?: string[] };

type Connections = {
  writer: Database.Database;
  reader: Database.Database;
  /** Whether a transaction is open on the writer right now. */
  open: boolean;
  queue: Promise<unknown>;
  busyTimeoutMs: number;
};
/**
 * Kept on globalThis: Next.js bundles this module more than once (each route, server actions, instrumentation), and
 * every copy must find the connections the shared client was opened with and see the same open transaction.
 */
const shared = globalThis as unknown as {
  terminvergabeTransactions?: { connectionsByClient: WeakMap<object, Connections>; currentTransaction: AsyncLocalStorage<OpenTransaction> };
};
export const { connectionsByClient, currentTransaction } = (shared.terminvergabeTransactions ??= {
  connectionsByClient: new WeakMap(),
  currentTransaction: new AsyncLocalStorage(),
});

/** The client for Drizzle: the writer connection, except that statements from outside an open transaction use the reader. */
export function routedClient(writer: Database.Database, reader: Database.Database): Database.Database {
  const connections: Connections = {
    writer,
    reader,
    open: false,
    queue: Promise.resolve(),
    busyTimeoutMs: Number(writer.pragma("busy_timeout", { simple: true })),
  };
  const client = new Proxy(writer, {
    get(target, property) {
      if (property === "prepare") return (source: string) => connectionFor(connections).prepare(source);
      if (property === "close")
        return () => {
          reader.close();
          target.close();
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  connectionsByClient.set(client, connections);
  return client;
}

function connectionFor(connections: Connections): Database.Database {
  return connections.open && !currentTransaction.getStore() ? connections.reader : connections.writer;
}

function connectionsOf(client: Database.Database): Connections {
  const connections = connectionsByClient.get(client);
  if (!connections) throw new Error("this connection was not opened through openDatabase (db/client.ts)");
  return connections;
}

/** The connection a statement prepared now belongs to (prepared statements are cached per connection: db/prepared.ts). */
export function currentConnection(client: Database.Database): Database.Database {
  const connections = connectionsByClient.get(client);
  return connections ? connectionFor(connections) : client;
}

/**
 * Work that must happen only once the surrounding transaction has committed (starting the outbox, a checkpoint after
 * an erasure). Outside a transaction it runs at once. A failing hook is reported, not thrown: the write has committed.
 */
export function afterCommit(run: () => void): void {
  const open = currentTransaction.getStore();
  if (open) open.afterCommit.push(run);
  else run();
}

/** A transaction holding the write lock this long delays every other writer; worth a line in the log. */
const SLOW_TRANSACTION_MS = 200;

function isBusy(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_BUSY_SNAPSHOT");
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function beginImmediate(connections: Connections): Promise<void> {
  const { writer, busyTimeoutMs } = connections;
  // As long as the connection's busy timeout (db/client.ts), as better-sqlite3's busy handler would have kept trying.
  // Then SQLITE_BUSY goes up, and the transaction helper answers "busy" (db/transaction.ts).
  const deadline = performance.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    writer.pragma("busy_timeout = 0");
    try {
      writer.exec("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if (!isBusy(error) || performance.now() >= deadline) throw error;
    } finally {
      writer.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
    await pause(Math.min(50, 2 ** attempt) * (0.5 + Math.random() / 2));
  }
}

/** Runs `work` after every transaction and exclusive section that asked before it. */
function enqueue<T>(connections: Connections, work: () => Promise<T>): Promise<T> {
  const result = connections.queue.then(work);
  connections.queue = result.catch(() => undefined);
  return result;
}

/**
 * Runs `work` as one transaction on `client`'s writer: committed when it resolves, rolled back when it throws (and
 * the error rethrown). Called inside a transaction, `work` simply joins it (the outer one commits or rolls back).
 */
export function runTransaction<T>(client: Database.Database, work: () => Promise<T>): Promise<T> {
  if (currentTransaction.getStore()) return work();
  const connections = connectionsOf(client);
  return enqueue(connections, async () => {
    await beginImmediate(connections);
    connections.open = true;
    const open: OpenTransaction = { afterCommit: [] };
    const startedAt = performance.now();
    let result: T;
    try {
      result = await currentTransaction.run(open, work);
      connections.writer.exec("COMMIT");
    } catch (error) {
      if (connections.writer.inTransaction) connections.writer.exec("ROLLBACK");
      throw error;
    } finally {
      connections.open = false;
    }
    const heldMs = performance.now() - startedAt;
    if (heldMs > SLOW_TRANSACTION_MS) console.warn(`transaction held the write lock for ${Math.round(heldMs)} ms`);
    runAfterCommitHooks(open);
    return result;
  });
}

/** Runs a committed transaction's after-commit work. A failing hook is reported, not thrown: the write has committed. */
export function runAfterCommitHooks(open: OpenTransaction): void {
  for (const hook of open.afterCommit) {
    try {
      hook();
    } catch (error) {
      // The name only: messages may quote personal data.
      console.warn(`after-commit work failed: ${error instanceof Error ? error.name : "unknown"}`);
    }
  }
}

/**
 * For code that writes through the raw connection with transactions of its own (the rate limiter's store, the
 * readiness probe): it runs between transactions, never inside one, so its writes neither join a transaction of
 * ours nor wait on the file lock that one holds.
 */
export function runExclusive<T>(client: Database.Database, work: () => T | Promise<T>): Promise<T> {
  if (currentTransaction.getStore()) return Promise.resolve(work());
  const connections = connectionsByClient.get(client);
  if (!connections) return Promise.resolve(work());
  return enqueue(connections, async () => work());
}

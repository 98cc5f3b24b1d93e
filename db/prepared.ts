import type { DbOrTransaction } from "./client";
import { isPostgres } from "./engine";
import { postgresClientOf, STATEMENT_NAME_PREFIX } from "./postgres";
import { connectionOf } from "./revisions";

/** Statements by the connection (SQLite) or node-postgres client (pool or transaction connection) they are bound to. */
const preparedByOwner = new WeakMap<object, Map<string, unknown>>();

/**
 * The query builder renders a statement anew on every call (0.1–0.4 ms each, several per booking); the statements on
 * hot paths are built once per connection instead, with placeholders for their values, and run with
 * `.execute(values)`, which both engines have. `name` identifies the statement; one name, one SQL text.
 *
 * - SQLite: prepared once per connection (the writer or the reader, db/async-database.ts). A statement prepared
 *   through a transaction handle runs on the writer, so it is valid in any later transaction.
 * - PostgreSQL: drizzle binds a prepared query to the client it was built on, so it is built once per client the
 *   statement must run on right now (db/postgres.ts, postgresClientOf): once for the pool, whose queries take any idle
 *   connection, and once per pooled connection for use inside transactions on that connection (the pool lends the
 *   same connection objects again and again; one it closes drops its statements with it). It runs under
 *   `name`, so node-postgres has the server parse it once per connection and then only binds and executes it.
 */
export function preparedOnce<T>(db: DbOrTransaction, name: string, prepare: (db: DbOrTransaction) => T): T {
  const owner: object = isPostgres ? postgresClientOf(db) : connectionOf(db);
  let statements = preparedByOwner.get(owner);
  if (!statements) preparedByOwner.set(owner, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = prepare(db);
    if (isPostgres) nameStatement(statement, name);
    statements.set(name, statement);
  }
  return statement;
}

/**
 * drizzle's node-postgres prepared query sends its statement unnamed (parsed on every call) unless `.prepare(name)`
 * got a name; services are typed against SQLite, whose `.prepare()` takes none, so the name is set here, on the two
 * query configurations the prepared query sends (objects and array rows). Checked, so a drizzle upgrade that moves
 * them fails loudly instead of silently going back to unnamed statements (db/prepared.test.ts asserts the name).
 */
function nameStatement(statement: unknown, name: string): void {
  const query = statement as { queryConfig?: { name?: string }; rawQueryConfig?: { name?: string } };
  if (!query.queryConfig || !query.rawQueryConfig) throw new Error(`preparedOnce("${name}"): not a node-postgres prepared query`);
  query.queryConfig.name = query.rawQueryConfig.name = STATEMENT_NAME_PREFIX + name;
}

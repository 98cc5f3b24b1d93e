import type Database from "better-sqlite3";
import type { DbOrTransaction } from "./client";
import { isPostgres } from "./engine";
import { connectionOf } from "./revisions";

const preparedByConnection = new WeakMap<Database.Database, Map<string, unknown>>();

/**
 * The query builder renders and prepares a statement anew on every call (0.1–0.4 ms each, several per booking); the
 * statements on the booking path are prepared once per connection instead, with placeholders for their values. A
 * statement prepared through a transaction handle runs on the same connection, so it is valid in any later one.
 * Run them with `.execute(values)`, which both engines have.
 *
 * On PostgreSQL a prepared statement belongs to the pool connection or transaction it was made on, so it is prepared
 * anew each time (the server still parses it once per connection).
 */
export function preparedOnce<T>(db: DbOrTransaction, name: string, prepare: (db: DbOrTransaction) => T): T {
  if (isPostgres) return prepare(db);
  const connection = connectionOf(db);
  let statements = preparedByConnection.get(connection);
  if (!statements) preparedByConnection.set(connection, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, (statement = prepare(db)));
  return statement;
}

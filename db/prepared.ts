import type Database from "better-sqlite3";
import type { DbOrTransaction } from "./client";
import { connectionOf } from "./revisions";

const preparedByConnection = new WeakMap<Database.Database, Map<string, unknown>>();

/**
 * The query builder renders and prepares a statement anew on every call (0.1–0.4 ms each, several per booking); the
 * statements on the booking path are prepared once per connection instead, with placeholders for their values. A
 * statement prepared through a transaction handle runs on the same connection, so it is valid in any later one.
 */
export function preparedOnce<T>(db: DbOrTransaction, name: string, prepare: (db: DbOrTransaction) => T): T {
  const connection = connectionOf(db);
  let statements = preparedByConnection.get(connection);
  if (!statements) preparedByConnection.set(connection, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, (statement = prepare(db)));
  return statement;
}

import pg from "pg";

/*
 * Creating and dropping databases on a PostgreSQL test server. Free of Vitest, so the child processes of the race
 * tests (through temp-db.ts) load it too; lib/testing/postgres.ts adds the Vitest side.
 */

/** The same server address with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work` on one connection to `url`, closed afterwards whatever happens. */
export async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a test database, ending the connections a failed test left open (WITH FORCE). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

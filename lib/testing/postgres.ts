import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";
import { dropDatabase, onServer, withDatabase } from "./postgres-server";

/**
 * PostgreSQL for tests. The server comes from `TEST_POSTGRES_URL` (a superuser-ish role that may CREATE DATABASE);
 * `npm test` sets it from a throw-away cluster (scripts/test-postgres.mjs). Without it the PostgreSQL tests are
 * skipped on a developer machine, but fail under CI, so CI can never pass by silently skipping them.
 */
export function postgresTestUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined;
}

function ciIsSet(): boolean {
  const ci = process.env.CI;
  return Boolean(ci) && ci !== "false" && ci !== "0";
}

/** `describe` for tests that need PostgreSQL: skipped without a server locally, run (and failing) under CI. */
export function describePostgres(name: string, body: () => void): void {
  if (postgresTestUrl() || ciIsSet()) {
    describe(name, body);
  } else {
    describe.skip(`${name} (skipped: TEST_POSTGRES_URL is not set)`, body);
  }
}

function requireUrl(): string {
  const url = postgresTestUrl();
  if (!url) throw new Error("CI is set but TEST_POSTGRES_URL is not: the PostgreSQL tests must not be skipped in CI");
  return url;
}

/**
 * A fresh, empty database on the test server (CREATE DATABASE with a random name), with a small pool on it;
 * `cleanup` closes the pool and drops the database WITH (FORCE), so connections a failed test left open do not keep
 * it alive.
 */
export async function createPostgresTestDatabase(): Promise<{ pool: pg.Pool; url: string; name: string; cleanup: () => Promise<void> }> {
  const serverUrl = requireUrl();
  const name = `tv_test_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  // An idle client's error (the database dropped under it) must not crash the test process.
  pool.on("error", () => undefined);
  return {
    pool,
    url,
    name,
    cleanup: async () => {
      await pool.end();
      await dropDatabase(serverUrl, name);
    },
  };
}

// Starts the production build on a fresh database seeded with the demo data. Used by playwright.config.ts and
// playwright.postgres.config.ts: a new SQLite file at DATABASE_PATH, or with DATABASE_URL=postgres://… (the PostgreSQL
// run) a new database of that name on that server.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const databasePath = process.env.DATABASE_PATH;
if (!databasePath) throw new Error("DATABASE_PATH must be set");
const databaseUrl = process.env.DATABASE_URL?.trim();
// On PostgreSQL too: the app keeps files next to where the SQLite file would be.
mkdirSync(path.dirname(databasePath), { recursive: true });

if (databaseUrl && /^postgres(ql)?:\/\//i.test(databaseUrl)) {
  // Dropped and created from the server's maintenance database: a database cannot drop itself. FORCE ends the
  // connections a previous run's server may have left behind.
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected e2e database name: ${name}`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
} else {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(databasePath + suffix, { force: true });
}

const seed = spawnSync("npx", ["tsx", "--conditions=react-server", "db/seed-cli.ts"], { stdio: "inherit", env: process.env });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn("npx", ["tsx", "lib/http/server.ts", "--port", process.env.PORT ?? "3100", "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

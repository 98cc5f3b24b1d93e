// Starts the production build on a fresh database seeded with the demo data. Used by playwright.config.ts.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const databasePath = process.env.DATABASE_PATH;
if (!databasePath) throw new Error("DATABASE_PATH must be set");
mkdirSync(path.dirname(databasePath), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(databasePath + suffix, { force: true });

const seed = spawnSync("npx", ["tsx", "--conditions=react-server", "db/seed-cli.ts"], { stdio: "inherit", env: process.env });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn("npx", ["tsx", "lib/http/server.ts", "--port", process.env.PORT ?? "3100", "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

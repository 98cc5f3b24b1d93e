// A throw-away PostgreSQL for the tests (`npm test`, CI): `startTestPostgres()` returns { url, stop, note } or null.
//  1. TEST_POSTGRES_URL already set: use it (nothing to stop).
//  2. Something on 127.0.0.1:5432 that lets `postgres` in without a password: use it (nothing to stop).
//  3. Otherwise, if PostgreSQL's binaries are installed: initdb a cluster in a temp dir (as the `postgres` user when we
//     are root: PostgreSQL refuses to run as root), trust auth, durability off (fsync, synchronous_commit,
//     full_page_writes: the data is thrown away), listening on 127.0.0.1 on a free port; `stop()` stops it and removes
//     the directory (also on exit and on SIGINT/SIGTERM).
//  4. No PostgreSQL: null (the caller prints a note; the PG tests skip locally and fail under CI).
// TEST_POSTGRES_DURABLE=1 (the benchmark, bench/run.ts) skips 1 and 2 and starts the cluster with PostgreSQL's
// production defaults for durability (fsync, synchronous_commit and full_page_writes on): figures measured on it
// include the flush at every commit, as a real deployment pays it.
// As a command: `node scripts/test-postgres.mjs <command> [args...]` runs the command with TEST_POSTGRES_URL set and
// stops the cluster afterwards, e.g. `node scripts/test-postgres.mjs npx vitest run db/schema-pg.test.ts`.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

function answersOn(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

async function acceptsPostgresUser(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin), or null. */
function findBinDir() {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => existsSync(path.join(debian, name, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return path.join(debian, majors[0], "bin");
  }
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (existsSync(path.join(dir, "initdb"))) return dir;
  } catch {
    // no pg_config on PATH
  }
  return null;
}

export async function startTestPostgres() {
  const durable = process.env.TEST_POSTGRES_DURABLE === "1";
  if (process.env.TEST_POSTGRES_URL && !durable) {
    return { url: process.env.TEST_POSTGRES_URL, stop: () => undefined, note: "PostgreSQL from TEST_POSTGRES_URL" };
  }
  const defaultUrl = "postgres://postgres@127.0.0.1:5432/postgres";
  if (!durable && (await answersOn(5432)) && (await acceptsPostgresUser(defaultUrl))) {
    return { url: defaultUrl, stop: () => undefined, note: "PostgreSQL already running on 127.0.0.1:5432" };
  }
  const bin = findBinDir();
  if (!bin) return null;

  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-pg-"));
  let runAs = [];
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
    runAs = ["runuser", "-u", "postgres", "--"];
  }
  const exec = (tool, args) => {
    const [command, ...rest] = [...runAs, path.join(bin, tool), ...args];
    // cwd: the postgres user may not be allowed into the checkout.
    return spawnSync(command, rest, { cwd: dir, encoding: "utf8" });
  };
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };
  const fail = (step, result) => {
    const detail = `${result.stderr ?? ""}${result.stdout ?? ""}${existsSync(log) ? readFileSync(log, "utf8") : ""}`;
    stop();
    throw new Error(`test-postgres: ${step} failed:\n${detail.trim()}`);
  };

  // No locale (C): text sorts by bytes, as SQLite's default BINARY collation does.
  const init = exec("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
  if (init.status !== 0) fail("initdb", init);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  const start = exec("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "-o", options, "start"]);
  if (start.status !== 0) fail("pg_ctl start", start);

  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, note: `throw-away PostgreSQL cluster on 127.0.0.1:${port} (${bin}, ${durable ? "fsync and synchronous_commit on" : "durability off"})` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  const postgres = await startTestPostgres();
  if (!postgres) {
    console.error("test-postgres: PostgreSQL is not installed (no initdb) and TEST_POSTGRES_URL is not set");
    process.exit(1);
  }
  console.error(`test-postgres: ${postgres.note}`);
  if (!command) {
    // No command: print the URL and keep the cluster until interrupted.
    console.log(postgres.url);
    setInterval(() => undefined, 1 << 30);
  } else {
    const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: postgres.url } });
    postgres.stop();
    process.exit(result.status ?? 1);
  }
}

/**
 * `npm run bench`, on SQLite and on PostgreSQL: (a) the availability engine alone, (b) the production build under load
 * from this separate process for GET availability and POST bookings at 1, 10 and 50 connections, and (c) the same load
 * against a floor server doing the same engine call and booking transaction without the framework, and (d) a slot
 * release: polls of the newly opened days and bookings of them at once, against the production build. The production
 * build runs twice per engine, as one process and as WEB_CONCURRENCY=BENCH_WORKERS (default 2) cluster workers, each
 * on its own copy of the prepared database; per scenario every server of both engines takes its turn (so whatever else
 * the shared machine does weighs on all alike); the resident memory of each of their processes is taken after the last
 * 50-connection run. Each engine's database is prepared and (a) measured by bench/prepare-engine.ts in a process of
 * that engine (one process never mixes engines, db/engine.ts).
 *
 * PostgreSQL: BENCH_POSTGRES_URL (a server URL whose user may create databases; the bench creates and drops its own),
 * else a throw-away cluster with durability on (scripts/test-postgres.mjs, TEST_POSTGRES_DURABLE=1); without
 * PostgreSQL installed it measures SQLite only and says so. Prints the tables and writes bench/results/latest.{json,md}.
 * Not part of the test suite: it takes about eight minutes and wants an idle machine.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, openSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import pg from "pg";
import os from "node:os";
import path from "node:path";
import { addDays, instantToZoned, isoWeekday, zonedToInstant } from "@/lib/domain/zoned-time";
import type { EngineResult } from "./engine";
import { BENCH } from "./prepare-db";
import type { BookingTiming, PreparedEngine } from "./prepare-engine";
import { summarize, type Summary } from "./stats";
import { createHash, randomBytes } from "node:crypto";

type EngineName = "sqlite" | "postgres";
/** App, floor and cluster ports per engine. */
const PORTS: Record<EngineName, { app: number; floor: number; cluster: number }> = {
  sqlite: { app: 3200, floor: 3201, cluster: 3202 },
  postgres: { app: 3210, floor: 3211, cluster: 3212 },
};
const ENGINE_LABEL: Record<EngineName, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONNECTIONS = [1, 10, 50];
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TZ = "Europe/Berlin";
/** BENCH_ONLY=release measures only the slot release (d), e.g. while working on it; its report goes to the console only. */
const ONLY_RELEASE = process.env.BENCH_ONLY === "release";
const LOCATIONS = ["rathaus", "nordstadt", "suedstadt"];
const CONCERN_SETS = ["personalausweis:1", "reisepass:2,personalausweis:1", "anmeldung:1", "meldebescheinigung:1,beglaubigung:2"];

/**
 * `latency` covers requests on established connections. Each connection's first request is kept apart in
 * `firstOnConnection`: a busy Node.js server accepts one new connection per event-loop turn (libuv ≥ 1.45), so when
 * the load generator opens 50 connections at once against a saturated server, the last ones wait seconds to be
 * accepted. That start-up queue is real but belongs to opening connections, not to handling requests; a reverse proxy
 * in front of the app keeps its connections open.
 */
type LoadResult = { requests: number; perSecond: number; ok: number; refused: number; busy: number; errors: number; latency: Summary; firstOnConnection: Summary };
type Row = { scenario: string; connections: number; app: LoadResult; floor: LoadResult; cluster?: LoadResult };
/** One process of a server under test: the primary or a worker of a cluster, or the single server process. */
type ProcessMemory = { pid: number; role: string; rssMb: number };

function startProcess(command: string, args: string[], env: Record<string, string>, stdout: "ignore" | number = "ignore"): ChildProcess {
  return spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", stdout, "ignore"], detached: true });
}

/**
 * The production server as the systemd unit starts it (node with tsx's loader, no npx/tsx launcher processes whose
 * memory would be counted), its output in a file: the cluster's workers say there when they listen.
 */
function startApp(port: number, workers: number, env: Record<string, string>, logPath: string) {
  const log = openSync(logPath, "w");
  const child = startProcess(process.execPath, ["--import", "tsx", "lib/http/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], { ...env, PORT: String(port), WEB_CONCURRENCY: String(workers) }, log);
  closeSync(log);
  return child;
}

/** Until every worker listens: the cluster hands connections only to those that do, and each run opens new ones. */
async function waitForListening(logPath: string, workers: number) {
  for (let i = 0; i < 480; i++) {
    if ((readFileSync(logPath, "utf8").match(/Terminvergabe listening on /g) ?? []).length >= workers) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${workers} worker(s) did not come up: ${logPath}`);
}

function stopGroup(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

/**
 * The resident memory of every process in the group started by `startProcess` (detached: its pid is the group id),
 * read from /proc (Linux). The role comes from the environment the cluster's primary gives its workers.
 */
function groupMemory(groupId: number, leaderRole: string): ProcessMemory[] {
  const found: ProcessMemory[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces, in parentheses): state ppid pgrp …
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== groupId) continue;
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      const role = environ.find((line) => line.startsWith("TERMINVERGABE_WORKER_ROLE="))?.split("=")[1];
      found.push({ pid: Number(entry), role: role ? `worker (${role})` : Number(entry) === groupId ? leaderRole : "other", rssMb: rssKb / 1024 });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found.sort((a, b) => a.pid - b.pid);
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status > 0 && status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** One load run; latencies and statuses come from every single response, so percentiles are exact. */
async function load(
  baseUrl: string,
  connections: number,
  seconds: number,
  next: () => { method: "GET" | "POST"; path: string; body?: string },
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  const firstLatencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let busy = 0;
  let errors = 0;
  await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const r = next();
          return { ...request, method: r.method, path: r.path, body: r.body, headers: { "content-type": "application/json", ...headers } };
        },
      },
    ],
    setupClient: (client) => {
      let first = true;
      client.on("response", (status, _bytes, time) => {
        (first ? firstLatencies : latencies).push(time);
        first = false;
        if (status < 300) ok += 1;
        else if (status < 500) refused += 1;
        else if (status === 503) busy += 1;
        else errors += 1;
      });
    },
  });
  const requests = latencies.length + firstLatencies.length;
  return { requests, perSecond: requests / seconds, ok, refused, busy, errors, latency: summarize(latencies), firstOnConnection: summarize(firstLatencies) };
}

function availabilityRequests(prefix: string, today: string) {
  let i = 0;
  return () => {
    const location = LOCATIONS[i % LOCATIONS.length]!;
    const concerns = CONCERN_SETS[i % CONCERN_SETS.length]!;
    const from = addDays(today, 1 + (i % 14));
    i += 1;
    return { method: "GET" as const, path: `${prefix}?location=${location}&concerns=${concerns}&from=${from}&to=${addDays(from, 13)}` };
  };
}

/** Weekdays `first` to `last` days ahead of `today`. */
function weekdaysAhead(today: string, first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, i) => addDays(today, first + i)).filter((day) => isoWeekday(day) <= 5);
}

function bookingRequests(path: string, today: string, tag: string, days = weekdaysAhead(today, 10, 55), locations = LOCATIONS) {
  // Every weekday slot of `days` at every location, visited round-robin: each visit takes one of 40 seats.
  const starts: { location: string; start: string }[] = [];
  for (const day of days) {
    for (let minute = 8 * 60; minute < 18 * 60; minute += 10) {
      for (const location of locations) starts.push({ location, start: zonedToInstant(day, minute, TZ).toISOString() });
    }
  }
  let i = 0;
  return () => {
    const target = starts[(i * 7919) % starts.length]!;
    i += 1;
    return {
      method: "POST" as const,
      path,
      body: JSON.stringify({
        location: target.location,
        concerns: [{ concern: "meldebescheinigung", quantity: 1 }],
        start: target.start,
        citizen: { name: `Last ${tag} ${i}`, email: `load-${tag}-${i}@example.org` },
        language: "de",
        consent: true,
      }),
    };
  };
}

/**
 * A slot release, as a Land sees it when a new week opens: bots and people poll the free times of the newly opened
 * days at one location while others book those days there, all at once. Every booking changes what the polls see, so
 * the cached free times are recomputed again and again, and every booking queues for the same location's lock.
 */
const RELEASE = { location: "rathaus", firstDay: 50, lastDay: 55, pollingConnections: 40, bookingConnections: 10 } as const;
type ReleaseRow = { processes: number; polls: LoadResult; bookings: LoadResult };

async function slotRelease(baseUrl: string, today: string, apiKey: string, tag: string): Promise<{ polls: LoadResult; bookings: LoadResult }> {
  const days = weekdaysAhead(today, RELEASE.firstDay, RELEASE.lastDay);
  const poll = () => ({
    method: "GET" as const,
    path: `/api/v1/availability?location=${RELEASE.location}&concerns=personalausweis:1&from=${days[0]}&to=${days.at(-1)}`,
  });
  const [polls, bookings] = await Promise.all([
    load(baseUrl, RELEASE.pollingConnections, DURATION_SECONDS, poll),
    load(baseUrl, RELEASE.bookingConnections, DURATION_SECONDS, bookingRequests("/api/v1/bookings", today, tag, days, [RELEASE.location]), { "x-api-key": apiKey }),
  ]);
  return { polls, bookings };
}

function releaseMarkdown(runs: Pick<EngineRun, "name" | "release">[]): string {
  const lines = [
    `| engine | processes | polls req/s | polls p50 / p95 / p99 ms | polls errors | bookings made/s (req/s) | bookings p50 / p95 / p99 ms | slot taken (409) | busy (503) | other errors |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const run of runs) {
    for (const r of run.release) {
      const { polls: p, bookings: b } = r;
      lines.push(
        `| ${ENGINE_LABEL[run.name]} | ${r.processes} | ${p.perSecond.toFixed(0)} | ${ms(p.latency.p50)} / ${ms(p.latency.p95)} / ${ms(p.latency.p99)} | ${p.errors} | ${(b.ok / DURATION_SECONDS).toFixed(0)} (${b.perSecond.toFixed(0)}) | ${ms(b.latency.p50)} / ${ms(b.latency.p95)} / ${ms(b.latency.p99)} | ${b.refused} | ${b.busy} | ${b.errors - b.busy} |`,
      );
    }
  }
  return lines.join("\n");
}

function clusterColumns(r: Row): string {
  const c = r.cluster;
  if (!c) return "– | – | – | – | – | – | – | –";
  return `${c.perSecond.toFixed(0)} | ${(c.ok / DURATION_SECONDS).toFixed(0)} | ${ms(c.latency.p50)} | ${ms(c.latency.p95)} | ${ms(c.latency.p99)} | ${ratio(c.perSecond, r.app.perSecond)} | ${ratio(c.perSecond, r.floor.perSecond)} | ${c.errors}`;
}

function memoryList(processes: ProcessMemory[]): string {
  const total = processes.reduce((sum, p) => sum + p.rssMb, 0);
  return `${processes.map((p) => `${p.role} ${p.rssMb.toFixed(0)} MB`).join(", ")} (total ${total.toFixed(0)} MB)`;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
const ratio = (ours: number, floor: number) => (floor > 0 ? `${Math.round((ours / floor) * 100)} %` : "–");

type Memory = { single: ProcessMemory[]; cluster: ProcessMemory[] };
type EngineRun = { name: EngineName; prepared: PreparedEngine; rows: Row[]; release: ReleaseRow[]; memory: Memory };

/** One engine's tables: (a), the booking transaction alone, (b, c), memory and the targets. */
function engineMarkdown({ name, prepared, rows, memory }: EngineRun): string {
  const engine: EngineResult = prepared.engine;
  const booking: BookingTiming = prepared.bookingTransaction;
  const label = ENGINE_LABEL[name];
  const lines = [
    `### ${label}`,
    "",
    `Prepared in ${prepared.prepareSeconds.toFixed(1)} s (seed, 10,000 bookings).`,
    "",
    `**(a) Engine alone** – ${engine.days}-day horizon, ${BENCH.concerns} concerns, ${BENCH.locations} locations, ${engine.bookingsInScope} existing bookings in range, one two-concern request per location:`,
    "",
    "| measurement | mean ms | p50 ms | p95 ms | p99 ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| engine only, per location | ${ms(engine.pure.mean)} | ${ms(engine.pure.p50)} | ${ms(engine.pure.p95)} | ${ms(engine.pure.p99)} |`,
    `| engine with its database reads | ${ms(engine.withDatabase.mean)} | ${ms(engine.withDatabase.p50)} | ${ms(engine.withDatabase.p95)} | ${ms(engine.withDatabase.p99)} |`,
    `| one booking through the booking service, one after another in one process (one write transaction each; ${booking.bookings} timed, ${booking.slotTaken} slot taken) | ${ms(booking.milliseconds.mean)} | ${ms(booking.milliseconds.p50)} | ${ms(booking.milliseconds.p95)} | ${ms(booking.milliseconds.p99)} |`,
    "",
    `Write lock held per booking ≤ the booking's time above, so one database serialises at most ≈ 1000 / ${ms(booking.milliseconds.mean)} ≈ ${(1000 / booking.milliseconds.mean).toFixed(0)} bookings/s (mean).${booking.statementsPerBooking === null || booking.statementsPerBooking === undefined ? "" : ` ${booking.statementsPerBooking.toFixed(1)} statements per booking, each a round trip to the server.`}`,
    "",
    `**(b, c) Production build vs. floor under load** – ${DURATION_SECONDS} s per run, load generated by a separate process on loopback. "ok" counts 2xx; for bookings that is bookings made. Percentiles cover requests on open connections; each connection's first request (which includes waiting to be accepted) is shown apart as "first on conn. max". "app" is one server process (WEB_CONCURRENCY=1); the "${WORKERS} proc." columns are the same build with WEB_CONCURRENCY=${WORKERS} (node:cluster workers), the same requests, on its own copy of the database, run in turn with "app" and the floor.`,
    "",
    `| scenario | conns | app req/s | app ok/s | app p50 ms | app p95 ms | app p99 ms | app first on conn. max ms | floor req/s | floor p95 ms | floor p99 ms | floor first on conn. max ms | throughput vs. floor | errors (app/floor) | ${WORKERS} proc. req/s | ${WORKERS} proc. ok/s | ${WORKERS} proc. p50 ms | ${WORKERS} proc. p95 ms | ${WORKERS} proc. p99 ms | ${WORKERS} proc. vs. 1 | ${WORKERS} proc. vs. floor | ${WORKERS} proc. errors |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.connections} | ${r.app.perSecond.toFixed(0)} | ${(r.app.ok / DURATION_SECONDS).toFixed(0)} | ${ms(r.app.latency.p50)} | ${ms(r.app.latency.p95)} | ${ms(r.app.latency.p99)} | ${ms(r.app.firstOnConnection.max)} | ${r.floor.perSecond.toFixed(0)} | ${ms(r.floor.latency.p95)} | ${ms(r.floor.latency.p99)} | ${ms(r.floor.firstOnConnection.max)} | ${ratio(r.app.perSecond, r.floor.perSecond)} | ${r.app.errors}/${r.floor.errors} | ${clusterColumns(r)} |`,
    ),
    "",
    `Resident memory (RSS) after the last 50-connection run, per process: one process ${memoryList(memory.single)}; ${WORKERS} workers ${memoryList(memory.cluster)}.${name === "postgres" ? " PostgreSQL's own processes are not counted." : ""}`,
  ];
  // Issue 14's targets, on the best of one process and the cluster, as an operator would configure the better one.
  const availabilityBest = best(rows, "GET availability", (r) => r.perSecond);
  const bookingsBest = best(rows, "POST bookings", (r) => r.ok / DURATION_SECONDS);
  if (availabilityBest && bookingsBest) {
    lines.push(
      "",
      `Targets (issue 14, ${label}, load generator on the same cores):`,
      `- availability ≥ 1,000 requests/s: ${availabilityBest.value.toFixed(0)}/s (${availabilityBest.label}) → ${availabilityBest.value >= 1000 ? "met" : "missed"}; ${ratio(availabilityBest.value, availabilityBest.floor)} of the floor (≥ 60 %: ${availabilityBest.value >= 0.6 * availabilityBest.floor ? "met" : "missed"})`,
      `- bookings ≥ 400/s: ${bookingsBest.value.toFixed(0)}/s (${bookingsBest.label}) → ${bookingsBest.value >= 400 ? "met" : "missed"}; ${ratio(bookingsBest.value, bookingsBest.floor)} of the floor (≥ 60 %: ${bookingsBest.value >= 0.6 * bookingsBest.floor ? "met" : "missed"})`,
    );
  }
  return lines.join("\n");
}

function best(rows: Row[], scenario: string, of: (r: LoadResult) => number) {
  return rows
    .filter((r) => r.scenario === scenario)
    .flatMap((r) => [
      { label: `1 proc., ${r.connections} conns`, value: of(r.app), floor: of(r.floor) },
      ...(r.cluster ? [{ label: `${WORKERS} proc., ${r.connections} conns`, value: of(r.cluster), floor: of(r.floor) }] : []),
    ])
    .sort((a, b) => b.value - a.value)[0];
}

/** Both engines side by side: engine × processes × connections. */
function summaryMarkdown(runs: EngineRun[]): string {
  const workersOf = (processes: ProcessMemory[]) => processes.filter((p) => p.role.startsWith("worker") || p.role === "server");
  const perProcess = (processes: ProcessMemory[]) => workersOf(processes).map((p) => p.rssMb.toFixed(0)).join(" + ");
  const lines = [
    `| engine | processes | conns | availability req/s | availability p50 / p95 ms | bookings ok/s (req/s) | bookings p50 / p95 ms | floor availability req/s | floor bookings ok/s | RSS per serving process MB |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const run of runs) {
    for (const processes of [1, WORKERS]) {
      for (const connections of CONNECTIONS) {
        const availability = run.rows.find((r) => r.scenario === "GET availability" && r.connections === connections)!;
        const bookings = run.rows.find((r) => r.scenario === "POST bookings" && r.connections === connections)!;
        const a = processes === 1 ? availability.app : availability.cluster!;
        const b = processes === 1 ? bookings.app : bookings.cluster!;
        const memory = connections === 50 ? perProcess(processes === 1 ? run.memory.single : run.memory.cluster) : "";
        lines.push(
          `| ${ENGINE_LABEL[run.name]} | ${processes} | ${connections} | ${a.perSecond.toFixed(0)} | ${ms(a.latency.p50)} / ${ms(a.latency.p95)} | ${(b.ok / DURATION_SECONDS).toFixed(0)} (${b.perSecond.toFixed(0)}) | ${ms(b.latency.p50)} / ${ms(b.latency.p95)} | ${availability.floor.perSecond.toFixed(0)} | ${(bookings.floor.ok / DURATION_SECONDS).toFixed(0)} | ${memory} |`,
        );
      }
    }
  }
  return lines.join("\n");
}

/** Runs a command to its end, its output passed through; throws on failure. */
function runToEnd(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/**
 * The PostgreSQL server for the run: BENCH_POSTGRES_URL, or a throw-away cluster with durability on started by
 * scripts/test-postgres.mjs (in a child that keeps it until stopped), or null when PostgreSQL is not installed.
 */
async function startPostgres(): Promise<{ url: string; note: string; stop: () => void } | { url: null; note: string }> {
  if (process.env.BENCH_POSTGRES_URL) return { url: process.env.BENCH_POSTGRES_URL, note: "PostgreSQL from BENCH_POSTGRES_URL (its durability settings are the server's)", stop: () => undefined };
  const child = spawn(process.execPath, ["scripts/test-postgres.mjs"], { env: { ...process.env, TEST_POSTGRES_DURABLE: "1", TEST_POSTGRES_URL: "" }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string | null>((resolve) => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve(stdout.split("\n")[0]!.trim());
    });
    child.once("exit", () => resolve(null));
  });
  if (!url) return { url: null, note: `PostgreSQL not measured: ${stderr.trim() || "scripts/test-postgres.mjs gave no server"}` };
  // The child stops the cluster and removes its directory on SIGTERM.
  return { url, note: stderr.replace(/^test-postgres: /, "").trim(), stop: () => child.kill("SIGTERM") };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

type Servers = { name: EngineName; app: ChildProcess; cluster: ChildProcess; floor: ChildProcess; urls: { app: string; cluster: string; floor: string } };

function startServers(name: EngineName, env: Record<string, string>, clusterEnv: Record<string, string>, directory: string): Servers {
  const ports = PORTS[name];
  const appLog = path.join(directory, `${name}-app.log`);
  const clusterLog = path.join(directory, `${name}-cluster.log`);
  return {
    name,
    app: startApp(ports.app, 1, env, appLog),
    cluster: startApp(ports.cluster, WORKERS, clusterEnv, clusterLog),
    floor: startProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/floor-server.ts"], { ...env, PORT: String(ports.floor) }),
    urls: { app: `http://127.0.0.1:${ports.app}`, cluster: `http://127.0.0.1:${ports.cluster}`, floor: `http://127.0.0.1:${ports.floor}` },
  };
}

async function waitForServers(servers: Servers, directory: string) {
  await Promise.all([
    waitForListening(path.join(directory, `${servers.name}-app.log`), 1),
    waitForListening(path.join(directory, `${servers.name}-cluster.log`), WORKERS),
    waitFor(`${servers.urls.app}/api/v1/locations`),
    waitFor(`${servers.urls.floor}/`),
  ]);
}

async function main() {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-bench-"));
  const now = new Date();
  const today = instantToZoned(now, TZ).date;
  // The load generator books as a trusted client (an administrator's API key): the proof of work that anonymous
  // clients solve per booking is the client's cost, not the server's, and is left out of this measurement.
  const apiKey = `tv_${randomBytes(32).toString("base64url")}`;
  const common = {
    RATE_LIMIT_SCALE: "1000000",
    NEXT_TELEMETRY_DISABLED: "1",
    TERMINVERGABE_MODE: "demo",
    OUTBOX_POLL_SECONDS: "3600",
    // One secret for every process (demo mode would otherwise write one next to the database or in ./data).
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BENCH_NOW: now.toISOString(),
    BENCH_API_KEY_HASH: createHash("sha256").update(apiKey).digest("hex"),
  };
  const tsxArgs = ["--conditions=react-server", "--import", "tsx", "bench/prepare-engine.ts"];
  const started: Servers[] = [];
  const postgres = await startPostgres();
  const pgDatabases: string[] = [];
  const stop = () => {
    started.forEach((s) => [s.app, s.cluster, s.floor].forEach((child) => stopGroup(child)));
    started.length = 0;
  };
  process.on("exit", () => {
    stop();
    if (postgres.url) postgres.stop();
  });
  try {
    // SQLite: a file, and a copy for the cluster (sharing it would leave the cluster the seats the first run took).
    const sqlitePath = path.join(directory, "bench.sqlite");
    console.log(`SQLite: preparing ${sqlitePath} …`);
    await runToEnd(process.execPath, [...tsxArgs, path.join(directory, "sqlite.json")], { ...common, DATABASE_PATH: sqlitePath, DATABASE_URL: "" });
    const sqliteClusterPath = path.join(directory, "bench-cluster.sqlite");
    copyFileSync(sqlitePath, sqliteClusterPath);
    const engines: { name: EngineName; env: Record<string, string>; clusterEnv: Record<string, string> }[] = [
      { name: "sqlite", env: { ...common, DATABASE_PATH: sqlitePath, DATABASE_URL: "" }, clusterEnv: { ...common, DATABASE_PATH: sqliteClusterPath, DATABASE_URL: "" } },
    ];

    // PostgreSQL: a database of our own, and a copy for the cluster made from it as a template.
    if (postgres.url) {
      const base = `tv_bench_${process.pid}`;
      console.log(`PostgreSQL (${postgres.note}): preparing ${base} …`);
      await adminQuery(postgres.url, `create database ${base}`);
      pgDatabases.push(base);
      // DATABASE_PATH only gives the process a data directory of its own; the data is in PostgreSQL.
      const pgEnv = { ...common, DATABASE_URL: databaseUrl(postgres.url, base), DATABASE_PATH: path.join(directory, "pg-app", "unused.sqlite") };
      await runToEnd(process.execPath, [...tsxArgs, path.join(directory, "postgres.json")], pgEnv);
      await adminQuery(postgres.url, `create database ${base}_cluster template ${base}`);
      pgDatabases.push(`${base}_cluster`);
      engines.push({ name: "postgres", env: pgEnv, clusterEnv: { ...pgEnv, DATABASE_URL: databaseUrl(postgres.url, `${base}_cluster`), DATABASE_PATH: path.join(directory, "pg-cluster", "unused.sqlite") } });
    } else {
      console.log(postgres.note);
    }

    for (const engine of engines) started.push(startServers(engine.name, engine.env, engine.clusterEnv, directory));
    await Promise.all(started.map((servers) => waitForServers(servers, directory)));
    console.log("warming up …");
    for (const servers of started) {
      await load(servers.urls.app, 10, 3, availabilityRequests("/api/v1/availability", today));
      await load(servers.urls.cluster, 10, 3, availabilityRequests("/api/v1/availability", today));
      await load(servers.urls.floor, 10, 3, availabilityRequests("/availability", today));
    }
    const loadAverageBefore = os.loadavg()[0]!;

    // Every server of both engines takes its turn per scenario (the idle ones only wait), so that whatever else the
    // shared machine does at that moment weighs on all of them alike.
    const rows = new Map<EngineName, Row[]>(started.map((s) => [s.name, []]));
    for (const connections of ONLY_RELEASE ? [] : CONNECTIONS) {
      for (const servers of started) {
        console.log(`(b, c) ${ENGINE_LABEL[servers.name]}: GET availability, ${connections} connections …`);
        rows.get(servers.name)!.push({
          scenario: "GET availability",
          connections,
          app: await load(servers.urls.app, connections, DURATION_SECONDS, availabilityRequests("/api/v1/availability", today)),
          cluster: await load(servers.urls.cluster, connections, DURATION_SECONDS, availabilityRequests("/api/v1/availability", today)),
          floor: await load(servers.urls.floor, connections, DURATION_SECONDS, availabilityRequests("/availability", today)),
        });
      }
    }
    const release = new Map<EngineName, ReleaseRow[]>(started.map((s) => [s.name, []]));
    for (const servers of started) {
      console.log(`(d) ${ENGINE_LABEL[servers.name]}: slot release, ${RELEASE.pollingConnections} polling and ${RELEASE.bookingConnections} booking connections …`);
      release.get(servers.name)!.push({ processes: 1, ...(await slotRelease(servers.urls.app, today, apiKey, "release-app")) });
      release.get(servers.name)!.push({ processes: WORKERS, ...(await slotRelease(servers.urls.cluster, today, apiKey, "release-cluster")) });
    }
    if (ONLY_RELEASE) {
      console.log(releaseMarkdown(started.map((servers) => ({ name: servers.name, release: release.get(servers.name)! }))));
      return;
    }
    for (const connections of CONNECTIONS) {
      for (const servers of started) {
        console.log(`(b, c) ${ENGINE_LABEL[servers.name]}: POST bookings, ${connections} connections …`);
        rows.get(servers.name)!.push({
          scenario: "POST bookings",
          connections,
          app: await load(servers.urls.app, connections, DURATION_SECONDS, bookingRequests("/api/v1/bookings", today, `app${connections}`), { "x-api-key": apiKey }),
          cluster: await load(servers.urls.cluster, connections, DURATION_SECONDS, bookingRequests("/api/v1/bookings", today, `cluster${connections}`), { "x-api-key": apiKey }),
          floor: await load(servers.urls.floor, connections, DURATION_SECONDS, bookingRequests("/bookings", today, `floor${connections}`)),
        });
      }
    }
    const runs: EngineRun[] = started.map((servers) => ({
      name: servers.name,
      prepared: JSON.parse(readFileSync(path.join(directory, `${servers.name}.json`), "utf8")) as PreparedEngine,
      rows: rows.get(servers.name)!,
      release: release.get(servers.name)!,
      memory: { single: groupMemory(servers.app.pid!, "server"), cluster: groupMemory(servers.cluster.pid!, "primary") },
    }));
    const loadAverage = `load average (1 min) ${loadAverageBefore.toFixed(1)} before the runs, ${os.loadavg()[0]!.toFixed(1)} after`;
    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}, ${loadAverage}`;
    const report = [
      `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine}`,
      "",
      `Engines: SQLite (WAL, synchronous=NORMAL); ${postgres.note}.`,
      "",
      `**Both engines**, production build (1 process and the cluster), ${DURATION_SECONDS}-s runs as below; bookings are the ones made (2xx) per second, requests in brackets; memory after the last 50-connection run:`,
      "",
      summaryMarkdown(runs),
      "",
      `**(d) Slot release**: for ${DURATION_SECONDS} s, ${RELEASE.pollingConnections} connections poll the free times of the weekdays ${RELEASE.firstDay}–${RELEASE.lastDay} days ahead at ${RELEASE.location} (one concern) while ${RELEASE.bookingConnections} connections book those days there (a trusted client, as above); 1 process and the cluster, each on its own database, after the availability runs and before the booking runs:`,
      "",
      releaseMarkdown(runs),
      "",
      ...runs.map((run) => engineMarkdown(run) + "\n"),
    ].join("\n");
    console.log(`\n${report}\n`);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/latest.md", report + "\n");
    writeFileSync("bench/results/latest.json", JSON.stringify({ machine, postgres: postgres.note, engines: runs }, null, 2));
  } finally {
    stop();
    // The servers close their pools as they stop; FORCE ends any connection still open.
    for (const database of pgDatabases.reverse()) {
      await adminQuery(postgres.url!, `drop database if exists ${database} with (force)`).catch((error: unknown) => console.warn(`could not drop ${database}: ${String(error)}`));
    }
    if (postgres.url) postgres.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

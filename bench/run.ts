/**
 * `npm run bench`: (a) the availability engine alone, (b) the production build under load from this separate process
 * for GET availability and POST bookings at 1, 10 and 50 connections, and (c) the same load against a floor server
 * doing the same engine call and booking transaction without the framework. The production build runs twice, as one
 * process and as WEB_CONCURRENCY=BENCH_WORKERS (default 2) cluster workers, each on its own copy of the prepared
 * database, taking turns with the floor per scenario; the resident memory of each of their processes is taken after
 * the last 50-connection run. Prints a table
 * with ratios and writes bench/results/latest.{json,md}. Not part of the test suite: it takes a few minutes and wants an idle machine.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, openSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, instantToZoned, isoWeekday, zonedToInstant } from "@/lib/domain/zoned-time";
import { benchmarkEngine, type EngineResult } from "./engine";
import { BENCH, prepareBenchDatabase } from "./prepare-db";
import { summarize, type Summary } from "./stats";
import { createHash, randomBytes } from "node:crypto";
import { apiKeys } from "@/db/schema";

const APP_PORT = 3200;
const FLOOR_PORT = 3201;
const CLUSTER_PORT = 3202;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONNECTIONS = [1, 10, 50];
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TZ = "Europe/Berlin";
const LOCATIONS = ["rathaus", "nordstadt", "suedstadt"];
const CONCERN_SETS = ["personalausweis:1", "reisepass:2,personalausweis:1", "anmeldung:1", "meldebescheinigung:1,beglaubigung:2"];

/**
 * `latency` covers requests on established connections. Each connection's first request is kept apart in
 * `firstOnConnection`: a busy Node.js server accepts one new connection per event-loop turn (libuv ≥ 1.45), so when
 * the load generator opens 50 connections at once against a saturated server, the last ones wait seconds to be
 * accepted. That start-up queue is real but belongs to opening connections, not to handling requests; a reverse proxy
 * in front of the app keeps its connections open.
 */
type LoadResult = { requests: number; perSecond: number; ok: number; refused: number; errors: number; latency: Summary; firstOnConnection: Summary };
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
        else errors += 1;
      });
    },
  });
  const requests = latencies.length + firstLatencies.length;
  return { requests, perSecond: requests / seconds, ok, refused, errors, latency: summarize(latencies), firstOnConnection: summarize(firstLatencies) };
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

function bookingRequests(path: string, today: string, tag: string) {
  // Every weekday slot 10 to 55 days ahead at every location, visited round-robin: each visit takes one of 40 seats.
  const starts: { location: string; start: string }[] = [];
  for (let d = 10; d <= 55; d++) {
    const day = addDays(today, d);
    if (isoWeekday(day) > 5) continue;
    for (let minute = 8 * 60; minute < 18 * 60; minute += 10) {
      for (const location of LOCATIONS) starts.push({ location, start: zonedToInstant(day, minute, TZ).toISOString() });
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

function markdown(engine: EngineResult, rows: Row[], machine: string, memory: { single: ProcessMemory[]; cluster: ProcessMemory[] }): string {
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine}`,
    "",
    `**(a) Engine alone** – ${engine.days}-day horizon, ${BENCH.concerns} concerns, ${BENCH.locations} locations, ${engine.bookingsInScope} existing bookings in range, one two-concern request per location:`,
    "",
    "| measurement | mean ms | p50 ms | p95 ms | p99 ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| engine only, per location | ${ms(engine.pure.mean)} | ${ms(engine.pure.p50)} | ${ms(engine.pure.p95)} | ${ms(engine.pure.p99)} |`,
    `| engine with its database reads | ${ms(engine.withDatabase.mean)} | ${ms(engine.withDatabase.p50)} | ${ms(engine.withDatabase.p95)} | ${ms(engine.withDatabase.p99)} |`,
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
    `Resident memory (RSS) after the last 50-connection run, per process: one process ${memoryList(memory.single)}; ${WORKERS} workers ${memoryList(memory.cluster)}.`,
  ];
  const availability50 = rows.find((r) => r.scenario === "GET availability" && r.connections === 50);
  const bookingBest = rows.filter((r) => r.scenario === "POST bookings").sort((a, b) => b.app.ok - a.app.ok)[0];
  if (availability50 && bookingBest) {
    lines.push(
      "",
      "Targets:",
      `- availability p95 ≤ 50 ms at 50 connections: ${ms(availability50.app.latency.p95)} ms → ${availability50.app.latency.p95 <= 50 ? "met" : "missed"}`,
      `- at least 200 bookings/s sustained: ${(bookingBest.app.ok / DURATION_SECONDS).toFixed(0)}/s at ${bookingBest.connections} connections → ${bookingBest.app.ok / DURATION_SECONDS >= 200 ? "met" : "missed"}`,
      `- both at ≥ 50 % of the floor: availability ${ratio(availability50.app.perSecond, availability50.floor.perSecond)}, bookings ${ratio(bookingBest.app.ok, bookingBest.floor.ok)}`,
    );
  }
  // Issue 14's targets, on the best of one process and the cluster, as an operator would configure the better one.
  const best = (scenario: string, of: (r: LoadResult) => number) =>
    rows
      .filter((r) => r.scenario === scenario)
      .flatMap((r) => [
        { label: `1 proc., ${r.connections} conns`, value: of(r.app), floor: of(r.floor) },
        ...(r.cluster ? [{ label: `${WORKERS} proc., ${r.connections} conns`, value: of(r.cluster), floor: of(r.floor) }] : []),
      ])
      .sort((a, b) => b.value - a.value)[0];
  const availabilityBest = best("GET availability", (r) => r.perSecond);
  const bookingsBest = best("POST bookings", (r) => r.ok / DURATION_SECONDS);
  if (availabilityBest && bookingsBest) {
    lines.push(
      "",
      "Targets (issue 14, load generator on the same cores):",
      `- availability ≥ 1,000 requests/s: ${availabilityBest.value.toFixed(0)}/s (${availabilityBest.label}) → ${availabilityBest.value >= 1000 ? "met" : "missed"}; ${ratio(availabilityBest.value, availabilityBest.floor)} of the floor (≥ 60 %: ${availabilityBest.value >= 0.6 * availabilityBest.floor ? "met" : "missed"})`,
      `- bookings ≥ 400/s: ${bookingsBest.value.toFixed(0)}/s (${bookingsBest.label}) → ${bookingsBest.value >= 400 ? "met" : "missed"}; ${ratio(bookingsBest.value, bookingsBest.floor)} of the floor (≥ 60 %: ${bookingsBest.value >= 0.6 * bookingsBest.floor ? "met" : "missed"})`,
    );
  }
  return lines.join("\n");
}

async function main() {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-bench-"));
  const databasePath = path.join(directory, "bench.sqlite");
  const now = new Date();
  const today = instantToZoned(now, TZ).date;
  console.log(`Preparing ${databasePath} …`);
  const db = await prepareBenchDatabase(databasePath, now);
  console.log("(a) engine …");
  const engine = await benchmarkEngine(db, now);
  // The load generator books as a trusted client (an administrator's API key): the proof of work that anonymous
  // clients solve per booking is the client's cost, not the server's, and is left out of this measurement.
  const apiKey = `tv_${randomBytes(32).toString("base64url")}`;
  await db.insert(apiKeys).values({ label: "benchmark", keyHash: createHash("sha256").update(apiKey).digest("hex"), keyPrefix: apiKey.slice(3, 11), createdAt: now });
  db.$client.close();
  // The cluster gets the same starting state; sharing the file would leave it the seats the first run took.
  const clusterDatabasePath = path.join(directory, "bench-cluster.sqlite");
  copyFileSync(databasePath, clusterDatabasePath);

  const env = { DATABASE_PATH: databasePath, RATE_LIMIT_SCALE: "1000000", NEXT_TELEMETRY_DISABLED: "1", TERMINVERGABE_MODE: "demo", OUTBOX_POLL_SECONDS: "3600" };
  const appLog = path.join(directory, "app.log");
  const clusterLog = path.join(directory, "cluster.log");
  const app = startApp(APP_PORT, 1, env, appLog);
  const cluster = startApp(CLUSTER_PORT, WORKERS, { ...env, DATABASE_PATH: clusterDatabasePath }, clusterLog);
  const floor = startProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/floor-server.ts"], { ...env, PORT: String(FLOOR_PORT) });
  const stop = () => [app, floor, cluster].forEach((child) => stopGroup(child));
  process.on("exit", stop);
  try {
    await Promise.all([
      waitForListening(appLog, 1),
      waitForListening(clusterLog, WORKERS),
      waitFor(`http://127.0.0.1:${APP_PORT}/api/v1/locations`),
      waitFor(`http://127.0.0.1:${FLOOR_PORT}/`),
    ]);
    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    const clusterUrl = `http://127.0.0.1:${CLUSTER_PORT}`;
    const floorUrl = `http://127.0.0.1:${FLOOR_PORT}`;
    console.log("warming up …");
    await load(appUrl, 10, 3, availabilityRequests("/api/v1/availability", today));
    await load(clusterUrl, 10, 3, availabilityRequests("/api/v1/availability", today));
    await load(floorUrl, 10, 3, availabilityRequests("/availability", today));
    const loadAverageBefore = os.loadavg()[0]!;

    // One process, the cluster and the floor take turns per scenario (the idle ones only wait), so that whatever else
    // the shared machine does at that moment weighs on all three alike.
    const rows: Row[] = [];
    for (const connections of CONNECTIONS) {
      console.log(`(b, c) GET availability, ${connections} connections …`);
      rows.push({
        scenario: "GET availability",
        connections,
        app: await load(appUrl, connections, DURATION_SECONDS, availabilityRequests("/api/v1/availability", today)),
        cluster: await load(clusterUrl, connections, DURATION_SECONDS, availabilityRequests("/api/v1/availability", today)),
        floor: await load(floorUrl, connections, DURATION_SECONDS, availabilityRequests("/availability", today)),
      });
    }
    for (const connections of CONNECTIONS) {
      console.log(`(b, c) POST bookings, ${connections} connections …`);
      rows.push({
        scenario: "POST bookings",
        connections,
        app: await load(appUrl, connections, DURATION_SECONDS, bookingRequests("/api/v1/bookings", today, `app${connections}`), { "x-api-key": apiKey }),
        cluster: await load(clusterUrl, connections, DURATION_SECONDS, bookingRequests("/api/v1/bookings", today, `cluster${connections}`), { "x-api-key": apiKey }),
        floor: await load(floorUrl, connections, DURATION_SECONDS, bookingRequests("/bookings", today, `floor${connections}`)),
      });
    }
    const memory = { single: groupMemory(app.pid!, "server"), cluster: groupMemory(cluster.pid!, "primary") };
    const loadAverage = `load average (1 min) ${loadAverageBefore.toFixed(1)} before the runs, ${os.loadavg()[0]!.toFixed(1)} after`;
    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}, ${loadAverage}`;
    const report = markdown(engine, rows, machine, memory);
    console.log(`\n${report}\n`);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/latest.md", report + "\n");
    writeFileSync("bench/results/latest.json", JSON.stringify({ machine, engine, rows, memory }, null, 2));
  } finally {
    stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

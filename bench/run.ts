/**
 * `npm run bench`: (a) the availability engine alone, (b) the production build under load from this separate process
 * for GET availability and POST bookings at 1, 10 and 50 connections, and (c) the same load against a floor server
 * doing the same engine call and booking transaction without the framework. Prints a table with ratios and writes
 * bench/results/latest.{json,md}. Not part of the test suite: it takes a few minutes and wants an idle machine.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
type Row = { scenario: string; connections: number; app: LoadResult; floor: LoadResult };

function startProcess(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: { ...process.env, ...env }, stdio: "ignore", detached: true });
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

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
const ratio = (ours: number, floor: number) => (floor > 0 ? `${Math.round((ours / floor) * 100)} %` : "–");

function markdown(engine: EngineResult, rows: Row[], machine: string): string {
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
    `**(b, c) Production build vs. floor under load** – ${DURATION_SECONDS} s per run, load generated by a separate process on loopback. "ok" counts 2xx; for bookings that is bookings made. Percentiles cover requests on open connections; each connection's first request (which includes waiting to be accepted) is shown apart as "first on conn. max".`,
    "",
    "| scenario | conns | app req/s | app ok/s | app p50 ms | app p95 ms | app p99 ms | app first on conn. max ms | floor req/s | floor p95 ms | floor p99 ms | floor first on conn. max ms | throughput vs. floor | errors (app/floor) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.connections} | ${r.app.perSecond.toFixed(0)} | ${(r.app.ok / DURATION_SECONDS).toFixed(0)} | ${ms(r.app.latency.p50)} | ${ms(r.app.latency.p95)} | ${ms(r.app.latency.p99)} | ${ms(r.app.firstOnConnection.max)} | ${r.floor.perSecond.toFixed(0)} | ${ms(r.floor.latency.p95)} | ${ms(r.floor.latency.p99)} | ${ms(r.floor.firstOnConnection.max)} | ${ratio(r.app.perSecond, r.floor.perSecond)} | ${r.app.errors}/${r.floor.errors} |`,
    ),
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
  const engine = benchmarkEngine(db, now);
  // The load generator books as a trusted client (an administrator's API key): the proof of work that anonymous
  // clients solve per booking is the client's cost, not the server's, and is left out of this measurement.
  const apiKey = `tv_${randomBytes(32).toString("base64url")}`;
  db.insert(apiKeys).values({ label: "benchmark", keyHash: createHash("sha256").update(apiKey).digest("hex"), keyPrefix: apiKey.slice(3, 11), createdAt: now }).run();
  db.$client.close();

  const env = { DATABASE_PATH: databasePath, RATE_LIMIT_SCALE: "1000000", NEXT_TELEMETRY_DISABLED: "1", TERMINVERGABE_MODE: "demo", OUTBOX_POLL_SECONDS: "3600" };
  const app = startProcess("npx", ["tsx", "lib/http/server.ts", "--port", String(APP_PORT), "--hostname", "127.0.0.1"], { ...env, PORT: String(APP_PORT) });
  const floor = startProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/floor-server.ts"], { ...env, PORT: String(FLOOR_PORT) });
  const stop = () =>
    [app, floor].forEach((child) => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    });
  process.on("exit", stop);
  try {
    await Promise.all([waitFor(`http://127.0.0.1:${APP_PORT}/api/v1/locations`), waitFor(`http://127.0.0.1:${FLOOR_PORT}/`)]);
    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    const floorUrl = `http://127.0.0.1:${FLOOR_PORT}`;
    console.log("warming up …");
    await load(appUrl, 10, 3, availabilityRequests("/api/v1/availability", today));
    await load(floorUrl, 10, 3, availabilityRequests("/availability", today));

    const rows: Row[] = [];
    for (const connections of CONNECTIONS) {
      console.log(`(b, c) GET availability, ${connections} connections …`);
      rows.push({
        scenario: "GET availability",
        connections,
        app: await load(appUrl, connections, DURATION_SECONDS, availabilityRequests("/api/v1/availability", today)),
        floor: await load(floorUrl, connections, DURATION_SECONDS, availabilityRequests("/availability", today)),
      });
    }
    for (const connections of CONNECTIONS) {
      console.log(`(b, c) POST bookings, ${connections} connections …`);
      rows.push({
        scenario: "POST bookings",
        connections,
        app: await load(appUrl, connections, DURATION_SECONDS, bookingRequests("/api/v1/bookings", today, `app${connections}`), { "x-api-key": apiKey }),
        floor: await load(floorUrl, connections, DURATION_SECONDS, bookingRequests("/bookings", today, `floor${connections}`)),
      });
    }
    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
    const report = markdown(engine, rows, machine);
    console.log(`\n${report}\n`);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/latest.md", report + "\n");
    writeFileSync("bench/results/latest.json", JSON.stringify({ machine, engine, rows }, null, 2));
  } finally {
    stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npx tsx --conditions=react-server bench/compare.ts label=dir[,NAME=value…] label=dir …`: two or more production
 * builds (each `dir` a checkout with `npm run build` done, e.g. main exported with `git archive` and this branch)
 * measured in the same minutes. Each variant gets its own copy of one benchmark database and its own server; load runs
 * of COMPARE_SECONDS (default 5) alternate between the variants for COMPARE_ROUNDS rounds (default 5), in a different
 * order each round, so a busy neighbour on a shared machine slows all of them alike. Reports per variant the median
 * over the rounds of requests/s and of each run's p50/p95. Figures only; judges nothing. COMPARE_ONLY=availability or
 * COMPARE_ONLY=bookings runs one scenario (e.g. for a CPU profile: a variant with NODE_OPTIONS=--cpu-prof).
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiKeys } from "@/db/schema";
import { addDays, instantToZoned, isoWeekday, zonedToInstant } from "@/lib/domain/zoned-time";
import { prepareBenchDatabase } from "./prepare-db";
import { summarize } from "./stats";

const SECONDS = Number(process.env.COMPARE_SECONDS ?? 5);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.COMPARE_CONNECTIONS ?? 10);
const TZ = "Europe/Berlin";
const LOCATIONS = ["rathaus", "nordstadt", "suedstadt"];
const CONCERN_SETS = ["personalausweis:1", "reisepass:2,personalausweis:1", "anmeldung:1", "meldebescheinigung:1,beglaubigung:2"];

type Variant = { label: string; dir: string; env: Record<string, string>; port: number; child?: ChildProcess };
type Run = { perSecond: number; okPerSecond: number; p50: number; p95: number };
type Request = { method: "GET" | "POST"; path: string; body?: string };

async function load(port: number, next: () => Request, headers: Record<string, string>): Promise<Run> {
  const latencies: number[] = [];
  let ok = 0;
  await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, ...next(), headers: { "content-type": "application/json", ...headers } }) }],
    setupClient: (client) =>
      client.on("response", (status, _bytes, time) => {
        latencies.push(time);
        if (status < 300) ok += 1;
      }),
  });
  const summary = summarize(latencies);
  return { perSecond: latencies.length / SECONDS, okPerSecond: ok / SECONDS, p50: summary.p50, p95: summary.p95 };
}

function availability(today: string): () => Request {
  let i = 0;
  return () => {
    const from = addDays(today, 1 + (i % 14));
    const request = { method: "GET" as const, path: `/api/v1/availability?location=${LOCATIONS[i % 3]}&concerns=${CONCERN_SETS[i % 4]}&from=${from}&to=${addDays(from, 13)}` };
    i += 1;
    return request;
  };
}

function bookings(today: string, tag: string): () => Request {
  const starts: { location: string; start: string }[] = [];
  for (let d = 10; d <= 55; d++) {
    const day = addDays(today, d);
    if (isoWeekday(day) > 5) continue;
    for (let minute = 8 * 60; minute < 18 * 60; minute += 10) for (const location of LOCATIONS) starts.push({ location, start: zonedToInstant(day, minute, TZ).toISOString() });
  }
  let i = 0;
  return () => {
    const target = starts[(i * 7919) % starts.length]!;
    i += 1;
    const body = { location: target.location, concerns: [{ concern: "meldebescheinigung", quantity: 1 }], start: target.start, citizen: { name: `Compare ${tag} ${i}`, email: `compare-${tag}-${i}@example.org` }, language: "de", consent: true };
    return { method: "POST", path: "/api/v1/bookings", body: JSON.stringify(body) };
  };
}

const median = (values: number[]) => summarize(values).p50;

async function main() {
  const variants: Variant[] = process.argv.slice(2).map((argument, index) => {
    const [label, rest] = argument.split(/=(.*)/s) as [string, string];
    const [dir, ...settings] = rest.split(",");
    return { label, dir: path.resolve(dir!), env: Object.fromEntries(settings.map((s) => s.split(/=(.*)/s) as [string, string])), port: 3220 + index };
  });
  if (variants.length < 2) throw new Error("give at least two variants: label=dir[,NAME=value…]");
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-compare-"));
  const now = new Date();
  const today = instantToZoned(now, TZ).date;
  const template = path.join(directory, "template.sqlite");
  const db = await prepareBenchDatabase(template, now);
  const apiKey = `tv_${randomBytes(32).toString("base64url")}`;
  await db.insert(apiKeys).values({ label: "benchmark", keyHash: createHash("sha256").update(apiKey).digest("hex"), keyPrefix: apiKey.slice(3, 11), createdAt: now });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();

  const stop = () => {
    for (const variant of variants) {
      try {
        if (variant.child?.pid) process.kill(-variant.child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
  };
  process.on("exit", stop);
  try {
    for (const variant of variants) {
      const databasePath = path.join(directory, `${variant.label}.sqlite`);
      copyFileSync(template, databasePath);
      variant.child = spawn(process.execPath, ["--import", "tsx", "lib/http/server.ts", "--port", String(variant.port), "--hostname", "127.0.0.1"], {
        cwd: variant.dir,
        env: { ...process.env, DATABASE_PATH: databasePath, RATE_LIMIT_SCALE: "1000000", NEXT_TELEMETRY_DISABLED: "1", TERMINVERGABE_MODE: "demo", OUTBOX_POLL_SECONDS: "3600", ...variant.env },
        stdio: "ignore",
        detached: true,
      });
    }
    for (const variant of variants) {
      for (let i = 0; i < 240; i++) {
        if ((await fetch(`http://127.0.0.1:${variant.port}/api/v1/locations`).then((r) => r.status, () => 0)) === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await load(variant.port, availability(today), {});
    }
    const results = new Map<string, Map<string, Run[]>>();
    type Scenario = { name: string; next: (v: Variant) => () => Request; headers: Record<string, string> };
    const allScenarios: Scenario[] = [
      { name: "GET availability", next: () => availability(today), headers: {} },
      { name: "POST bookings", next: (v: Variant) => bookings(today, v.label), headers: { "x-api-key": apiKey } },
    ];
    const scenarios = allScenarios.filter((scenario) => !process.env.COMPARE_ONLY || scenario.name.toLowerCase().includes(process.env.COMPARE_ONLY.toLowerCase()));
    for (const scenario of scenarios) {
      const generators = new Map(variants.map((v) => [v.label, scenario.next(v)]));
      for (let round = 0; round < ROUNDS; round++) {
        const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
        for (const variant of order) {
          const run = await load(variant.port, generators.get(variant.label)!, scenario.headers);
          const byScenario = results.get(scenario.name) ?? new Map<string, Run[]>();
          results.set(scenario.name, byScenario.set(variant.label, [...(byScenario.get(variant.label) ?? []), run]));
          console.log(`${scenario.name} round ${round + 1} ${variant.label}: ${run.perSecond.toFixed(0)} req/s, p95 ${run.p95.toFixed(1)} ms`);
        }
      }
    }
    const lines = [
      `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${CONNECTIONS} connections · ${ROUNDS} rounds of ${SECONDS} s per variant, interleaved · load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(", ")}`,
      "",
      "| scenario | variant | req/s (median) | ok/s (median) | p50 ms (median) | p95 ms (median) | req/s per round |",
      "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ];
    for (const [scenario, byVariant] of results) {
      for (const [label, runs] of byVariant) {
        lines.push(
          `| ${scenario} | ${label} | ${median(runs.map((r) => r.perSecond)).toFixed(0)} | ${median(runs.map((r) => r.okPerSecond)).toFixed(0)} | ${median(runs.map((r) => r.p50)).toFixed(1)} | ${median(runs.map((r) => r.p95)).toFixed(1)} | ${runs.map((r) => r.perSecond.toFixed(0)).join(", ")} |`,
        );
      }
    }
    console.log(`\n${lines.join("\n")}\n`);
  } finally {
    stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

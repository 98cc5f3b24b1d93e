/**
 * `npm run bench:memory` (after `npm run build`): where the server's memory goes. Starts the production server as
 * deploy/terminvergabe.service does (`node --import tsx lib/http/server.ts`) on the benchmark database, with a probe
 * preloaded (bench/memory-probe.mjs), and reports after start-up, after availability load and after booking load (50
 * connections each, BENCH_SECONDS, default 10): the resident memory of the server and of its helper processes
 * (/proc smaps_rollup: anonymous vs. file-backed), and the server's own view (V8 heap used/total per space, external
 * and array buffers), each as is and after a full collection. MEMORY_PROBE_SNAPSHOT=1 also writes heap snapshots to
 * the temporary directory (kept, path printed). Results: bench/results/memory.{md,json} (not committed).
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiKeys } from "@/db/schema";
import { addDays, instantToZoned, isoWeekday, zonedToInstant } from "@/lib/domain/zoned-time";
import { prepareBenchDatabase } from "./prepare-db";

const PORT = 3210;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TZ = "Europe/Berlin";
const LOCATIONS = ["rathaus", "nordstadt", "suedstadt"];
const CONCERN_SETS = ["personalausweis:1", "reisepass:2,personalausweis:1", "anmeldung:1", "meldebescheinigung:1,beglaubigung:2"];
const MB = 2 ** 20;

type ProcessMemory = { pid: number; command: string; rssMb: number; anonymousMb: number; fileMb: number };
type V8Figures = {
  memoryUsage: NodeJS.MemoryUsage;
  heap: { total_heap_size: number; used_heap_size: number; heap_size_limit: number; malloced_memory: number; external_memory: number };
  spaces: { space_name: string; space_size: number; space_used_size: number }[];
};
type Sample = { phase: string; processes: ProcessMemory[]; asIs: V8Figures; afterGc?: V8Figures; snapshot?: string };

function descendants(pid: number): number[] {
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function processMemory(pid: number): ProcessMemory {
  const rollup = Object.fromEntries(
    readFileSync(`/proc/${pid}/smaps_rollup`, "utf8")
      .split("\n")
      .map((line) => line.match(/^(\w+):\s+(\d+) kB/))
      .filter((match) => match !== null)
      .map((match) => [match[1], Number(match[2]) / 1024]),
  );
  const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim().slice(0, 80);
  return { pid, command, rssMb: rollup.Rss ?? 0, anonymousMb: rollup.Anonymous ?? 0, fileMb: (rollup.Rss ?? 0) - (rollup.Anonymous ?? 0) };
}

async function probe(pid: number, file: string): Promise<Omit<Sample, "phase" | "processes">> {
  rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 600 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return JSON.parse(readFileSync(file, "utf8"));
}

async function load(next: () => { method: "GET" | "POST"; path: string; body?: string }, headers: Record<string, string> = {}) {
  let ok = 0;
  let other = 0;
  await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, ...next(), headers: { "content-type": "application/json", ...headers } }) }],
    setupClient: (client) => client.on("response", (status) => (status < 300 ? (ok += 1) : (other += 1))),
  });
  return { ok, other };
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

function markdown(samples: Sample[], machine: string): string {
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine} · ${CONNECTIONS} connections, ${SECONDS} s per load`,
    "",
    "| phase | server RSS MB | of it anonymous | of it file-backed | helper processes RSS MB | V8 heap used / total MB | after full GC used / total MB | new space MB | old space used MB | code MB | external MB (array buffers) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const sample of samples) {
    const [server, ...helpers] = sample.processes;
    const space = (figures: V8Figures, name: string) => figures.spaces.find((s) => s.space_name === name);
    const { asIs, afterGc } = sample;
    lines.push(
      `| ${sample.phase} | ${server!.rssMb.toFixed(1)} | ${server!.anonymousMb.toFixed(1)} | ${server!.fileMb.toFixed(1)} | ${helpers.map((h) => h.rssMb.toFixed(1)).join(" + ") || "–"} | ${mb(asIs.heap.used_heap_size)} / ${mb(asIs.heap.total_heap_size)} | ${afterGc ? `${mb(afterGc.heap.used_heap_size)} / ${mb(afterGc.heap.total_heap_size)}` : "–"} | ${mb(space(asIs, "new_space")?.space_size ?? 0)} | ${mb(space(asIs, "old_space")?.space_used_size ?? 0)} | ${mb((space(asIs, "code_space")?.space_size ?? 0) + (space(asIs, "code_large_object_space")?.space_size ?? 0))} | ${mb(asIs.memoryUsage.external)} (${mb(asIs.memoryUsage.arrayBuffers)}) |`,
    );
  }
  const last = samples.at(-1)!;
  lines.push("", `Processes at the end: ${last.processes.map((p) => `${p.command} (${p.rssMb.toFixed(1)} MB)`).join("; ")}`);
  return lines.join("\n");
}

async function main() {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-memory-"));
  const databasePath = path.join(directory, "bench.sqlite");
  const probeFile = path.join(directory, "probe.json");
  const now = new Date();
  const today = instantToZoned(now, TZ).date;
  const db = await prepareBenchDatabase(databasePath, now);
  const apiKey = `tv_${randomBytes(32).toString("base64url")}`;
  await db.insert(apiKeys).values({ label: "benchmark", keyHash: createHash("sha256").update(apiKey).digest("hex"), keyPrefix: apiKey.slice(3, 11), createdAt: now });
  db.$client.close();

  const server = spawn(process.execPath, ["--expose-gc", "--import", "./bench/memory-probe.mjs", "--import", "tsx", "lib/http/server.ts", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      RATE_LIMIT_SCALE: "1000000",
      NEXT_TELEMETRY_DISABLED: "1",
      TERMINVERGABE_MODE: "demo",
      OUTBOX_POLL_SECONDS: "3600",
      PORT: String(PORT),
      MEMORY_PROBE_FILE: probeFile,
    },
    stdio: "ignore",
    detached: true,
  });
  const pid = server.pid!;
  const stop = () => {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  process.on("exit", stop);
  const samples: Sample[] = [];
  const sample = async (phase: string) => {
    const processes = [pid, ...descendants(pid)].map(processMemory);
    samples.push({ phase, processes, ...(await probe(pid, probeFile)) });
    console.log(`${phase}: server RSS ${processes[0]!.rssMb.toFixed(1)} MB`);
  };
  try {
    for (let i = 0; i < 240; i++) {
      const status = await fetch(`http://127.0.0.1:${PORT}/api/v1/locations`).then((r) => r.status, () => 0);
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await sample("started, one request served");

    let i = 0;
    await load(() => {
      const from = addDays(today, 1 + (i % 14));
      const pathAndQuery = `/api/v1/availability?location=${LOCATIONS[i % 3]}&concerns=${CONCERN_SETS[i % 4]}&from=${from}&to=${addDays(from, 13)}`;
      i += 1;
      return { method: "GET", path: pathAndQuery };
    });
    await sample(`after ${SECONDS} s of availability`);

    const starts: { location: string; start: string }[] = [];
    for (let d = 10; d <= 55; d++) {
      const day = addDays(today, d);
      if (isoWeekday(day) > 5) continue;
      for (let minute = 8 * 60; minute < 18 * 60; minute += 10) for (const location of LOCATIONS) starts.push({ location, start: zonedToInstant(day, minute, TZ).toISOString() });
    }
    let j = 0;
    await load(
      () => {
        const target = starts[(j * 7919) % starts.length]!;
        j += 1;
        const body = { location: target.location, concerns: [{ concern: "meldebescheinigung", quantity: 1 }], start: target.start, citizen: { name: `Memory ${j}`, email: `memory-${j}@example.org` }, language: "de", consent: true };
        return { method: "POST", path: "/api/v1/bookings", body: JSON.stringify(body) };
      },
      { "x-api-key": apiKey },
    );
    await sample(`after ${SECONDS} s of bookings`);

    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, Node ${process.version}`;
    const report = markdown(samples, machine);
    console.log(`\n${report}\n`);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/memory.md", report + "\n");
    writeFileSync("bench/results/memory.json", JSON.stringify({ machine, samples }, null, 2));
  } finally {
    stop();
    if (process.env.MEMORY_PROBE_SNAPSHOT === "1") console.log(`heap snapshots kept in ${directory}`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import cluster, { type Worker } from "node:cluster";
import { performance } from "node:perf_hooks";
import { WORKER_ROLE_ENV, type WorkerRole } from "@/lib/ops/worker-role";

/**
 * The primary of `npm start` with several processes (WEB_CONCURRENCY > 1; lib/http/server.ts decides). One Node
 * process uses one core; several workers, each a complete server (lib/http/server.ts: its own Next.js app, client
 * address proof, request drain), share the listening port through node:cluster, which hands new connections to them
 * in turn (round-robin on Linux). All of them work on the one database: bookings serialise in its write transaction,
 * rate limits, the outbox's leases and the change counters behind the caches live there too.
 *
 * The primary serves no requests and opens no database; the caller has applied the migrations before. It
 * - forks the workers; the first gets the "jobs" role, which alone runs the background timers (lib/ops/worker-role.ts);
 * - forks a worker again, with the same role, when one dies unexpectedly: after 1 s, doubling for every further death
 *   within a minute of its start, at most 30 s apart, so a crash loop does not spin;
 * - gives up (exit 1) when a worker dies before it ever served at the first start: a port in use or a broken build
 *   will not heal by retrying, and the supervisor (systemd, container runtime) should see the failure;
 * - passes SIGTERM/SIGINT on to every worker, whose own shutdown drains its requests (about 13 s, see server.ts), and
 *   exits 0 when all have ended; a worker still running after STOP_TIMEOUT_MS is killed, and the exit code is 1.
 */

/** Below the 30 s that systemd (TimeoutStopSec) and `docker stop -t 30` allow, above the workers' own ~13 s. */
export const STOP_TIMEOUT_MS = 25_000;
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long before it died was not part of a crash loop: its replacement starts after the first delay. */
const STABLE_AFTER_MS = 60_000;

type Slot = {
  role: WorkerRole;
  worker: Worker | null;
  startedAt: number;
  /** A worker of this slot has listened once: later deaths are restarted, not a reason to give up. */
  hasServed: boolean;
  /** Deaths in a row, each within STABLE_AFTER_MS of its start. */
  quickDeaths: number;
  restart: ReturnType<typeof setTimeout> | null;
};

export type PrimaryLog = Pick<Console, "info" | "warn" | "error">;

/** The delay before the replacement of a worker that died after running `livedMs`, given the quick deaths before it. */
export function restartDelay(livedMs: number, quickDeathsBefore: number): { delayMs: number; quickDeaths: number } {
  const quickDeaths = livedMs >= STABLE_AFTER_MS ? 0 : quickDeathsBefore + 1;
  return { delayMs: Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** Math.max(0, quickDeaths - 1)), quickDeaths };
}

export function runPrimary(options: { workers: number; log?: PrimaryLog }): void {
  const log = options.log ?? console;
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({
    role: index === 0 ? "jobs" : "web",
    worker: null,
    startedAt: 0,
    hasServed: false,
    quickDeaths: 0,
    restart: null,
  }));
  let stopping = false;
  let exitCode = 0;

  const fork = (slot: Slot) => {
    slot.restart = null;
    // Elapsed time, not the date: a monotonic clock, untouched by TERMINVERGABE_CLOCK or clock changes.
    slot.startedAt = performance.now();
    const worker = cluster.fork({ [WORKER_ROLE_ENV]: slot.role });
    slot.worker = worker;
    log.info(`worker ${worker.process.pid} started (${slot.role})`);
    worker.once("listening", () => {
      slot.hasServed = true;
    });
    worker.once("exit", (code, signal) => {
      slot.worker = null;
      if (stopping) return finishWhenAllEnded();
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!slot.hasServed) {
        log.error(`worker ${worker.process.pid} (${slot.role}) ended with ${how} before it could serve: stopping`);
        exitCode = 1;
        return stop("SIGTERM");
      }
      const next = restartDelay(performance.now() - slot.startedAt, slot.quickDeaths);
      slot.quickDeaths = next.quickDeaths;
      log.error(`worker ${worker.process.pid} (${slot.role}) ended unexpectedly with ${how}; a new one starts in ${next.delayMs / 1000} s`);
      slot.restart = setTimeout(() => fork(slot), next.delayMs);
    });
  };

  let killTimer: ReturnType<typeof setTimeout> | null = null;
  const finishWhenAllEnded = () => {
    if (slots.some((slot) => slot.worker !== null)) return;
    if (killTimer) clearTimeout(killTimer);
    log.info(`Terminvergabe stopped (${options.workers} workers)`);
    process.exit(exitCode);
  };

  // A second signal changes nothing: a terminal's Ctrl+C reaches the workers itself as well, systemd may repeat.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping ${slots.filter((slot) => slot.worker).length} worker(s)`);
    for (const slot of slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.restart = null;
      slot.worker?.process.kill(signal);
    }
    killTimer = setTimeout(() => {
      for (const slot of slots) {
        if (!slot.worker) continue;
        log.error(`worker ${slot.worker.process.pid} still running after ${STOP_TIMEOUT_MS / 1000} s: killed`);
        slot.worker.process.kill("SIGKILL");
      }
      exitCode = 1;
    }, STOP_TIMEOUT_MS);
    finishWhenAllEnded();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));

  for (const slot of slots) fork(slot);
}

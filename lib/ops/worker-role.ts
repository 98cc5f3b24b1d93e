/**
 * Which part a server process plays when `npm start` runs several (lib/http/cluster.ts). The cluster's primary gives
 * each worker its role in this environment variable when it forks it:
 * - "jobs": exactly one worker; it runs the timers of the background work (outbox poll, reminders, waiting-list round,
 *   retention; lib/services/background-jobs.ts). When it dies, the worker forked in its place gets the role.
 * - "web": every other worker; it answers requests and only kicks the outbox after its own commits.
 * Unset: a single process (WEB_CONCURRENCY=1, or a process not started by our primary) does everything itself.
 *
 * No imports and no `server-only`: the primary (run by tsx) and the app (bundled by Next.js) both read it.
 */
export const WORKER_ROLE_ENV = "TERMINVERGABE_WORKER_ROLE";

export type WorkerRole = "jobs" | "web";

/** Whether this process runs the background jobs' timers: the jobs worker, or a process that is the whole server. */
export function runsBackgroundJobs(source: Record<string, string | undefined> = process.env): boolean {
  return source[WORKER_ROLE_ENV] !== "web";
}

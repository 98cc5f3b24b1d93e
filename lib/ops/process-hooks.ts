/**
 * Where the HTTP server (lib/http/server.ts, run by tsx) and the app (bundled by Next.js, with its own copies of every
 * module) meet inside their one process. They share no module instance, only globalThis, so what one side must reach
 * on the other is kept here, on one global object with one type, instead of as loose globals in several files.
 *
 * No `server-only` and no imports: the server loads this file without the react-server condition.
 */
export type ProcessHooks = {
  /** Set by the server when SIGTERM/SIGINT arrives; /readyz answers 503 from then on, so balancers stop sending. */
  shuttingDown: boolean;
  /**
   * Registered by the app when it starts its background jobs (lib/services/background-jobs.ts): clears their timers
   * and waits, at most `timeoutMs`, for a running outbox pass. Resolves to whether that pass finished in time.
   */
  stopBackgroundJobs?: (timeoutMs: number) => Promise<boolean>;
};

const holder = globalThis as unknown as { terminvergabeProcess?: ProcessHooks };

export function processHooks(): ProcessHooks {
  return (holder.terminvergabeProcess ??= { shuttingDown: false });
}

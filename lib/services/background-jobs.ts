import "server-only";
import { claimJobRun } from "./job-runs";
import { getDb } from "@/db/client";
import { processOutbox } from "@/lib/email/outbox";
import { createMailTransport, type MailTransport, type SmtpTransport } from "@/lib/email/transport";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { processHooks } from "@/lib/ops/process-hooks";
import { anonymizeExpiredBookings } from "./bookings";
import { appContext } from "./context";
import { queueDueReminders } from "./reminders";
import { runWaitingListRound } from "./waiting-list/offers";

/**
 * Work that runs inside the app's processes: sending the e-mail outbox (polled, and kicked right after a booking), the
 * reminder e-mails (lib/services/reminders.ts), the waiting list's round (holds that end, offers of free times) and
 * the retention job.
 *
 * With several server processes (`npm start` with WEB_CONCURRENCY > 1, lib/http/cluster.ts) only the one worker with
 * the "jobs" role runs the timers (lib/ops/worker-role.ts, decided in lib/server-start.ts): N workers polling the
 * same outbox and running the same rounds every minute would only multiply the work and the lock waits, as each pass
 * covers the whole database. Every worker still kicks the outbox right after its own commit (kickOutbox), so a
 * confirmation leaves at once whichever worker took the booking; two passes at once are safe, as each claims its
 * messages with a lease before sending (lib/email/outbox.ts). The same claims keep separate instances apart, and the
 * periodic rounds (retention, reminders, waiting list) claim each run in the database first (lib/services/job-runs.ts),
 * so with several instances each still runs once per interval.
 *
 * The state lives on globalThis: Next.js bundles this module more than once (instrumentation, each route), and all
 * copies must share one set of timers and know of one running pass. The HTTP server, which cannot import this module
 * (it is `server-only`), stops the jobs on shutdown through lib/ops/process-hooks.ts.
 */
type JobState = {
  started: boolean;
  stopped: boolean;
  again: boolean;
  transport: MailTransport | null;
  timers: ReturnType<typeof setInterval>[];
  /** The outbox pass now running, if any: at most one per process. */
  outboxPass: Promise<void> | null;
  retentionPass: Promise<void> | null;
  reminderPass: Promise<void> | null;
  waitingListPass: Promise<void> | null;
};
const globalJobs = globalThis as unknown as { terminvergabeJobs?: JobState };
const state: JobState = (globalJobs.terminvergabeJobs ??= {
  started: false,
  stopped: false,
  again: false,
  transport: null,
  timers: [],
  outboxPass: null,
  retentionPass: null,
  reminderPass: null,
  waitingListPass: null,
});

const RETENTION_INTERVAL_MS = 60 * 60_000;
/** Holds end on time to the minute, and new capacity reaches the waiting list within one. */
const WAITING_LIST_INTERVAL_MS = 60_000;
/**
 * How long shutdown waits for a running pass. An outbox pass can span several send waves of up to 20 s each; cut off,
 * its claimed messages are taken up again when their lease ends, and the idempotency key (Resend) or the stable
 * Message-ID (SMTP) of each message keeps a second attempt recognisable as a duplicate.
 */
export const STOP_TIMEOUT_MS = 5_000;

function runOutbox(): Promise<void> {
  if (!state.transport || state.stopped) return Promise.resolve();
  if (state.outboxPass) {
    state.again = true;
    return state.outboxPass;
  }
  // `.finally` runs after this assignment even when the pass fails at once, so the slot is always freed.
  state.outboxPass = sendDueMail(state.transport).finally(() => {
    state.outboxPass = null;
    if (state.again && !state.stopped) {
      state.again = false;
      setImmediate(() => void runOutbox());
    }
  });
  return state.outboxPass;
}

async function sendDueMail(transport: MailTransport): Promise<void> {
  try {
    const env = getEnv();
    await processOutbox(getDb(), transport, { from: env.mail.from, replyTo: env.mail.replyTo }, now);
  } catch (error) {
    console.error("outbox run failed:", error instanceof Error ? error.name : "unknown");
  }
}

function runRetention(): Promise<void> {
  if (state.stopped) return Promise.resolve();
  state.retentionPass ??= removeExpiredPersonalData().finally(() => {
    state.retentionPass = null;
  });
  return state.retentionPass;
}

async function removeExpiredPersonalData(): Promise<void> {
  try {
    const context = await appContext();
    // Shutdown may have begun while the context was made: the database is about to be closed.
    if (state.stopped) return;
    if (!(await claimJobRun(context.db, "retention", context.now(), RETENTION_INTERVAL_MS))) return;
    const removed = await anonymizeExpiredBookings(context);
    if (removed > 0) console.info(`retention: removed personal data from ${removed} past booking(s)`);
  } catch (error) {
    console.error("retention run failed:", error instanceof Error ? error.name : "unknown");
  }
}

/**
 * Reminders are looked for once a minute, or as often as the outbox is polled if that is more often: a reminder waits
 * for the next outbox pass anyway, and finding none due is one indexed query.
 */
const REMINDER_INTERVAL_MS = 60_000;

function reminderIntervalMs(): number {
  return Math.min(REMINDER_INTERVAL_MS, getEnv().outboxPollSeconds * 1000);
}

function runReminders(): Promise<void> {
  if (state.stopped) return Promise.resolve();
  state.reminderPass ??= queueReminders().finally(() => {
    state.reminderPass = null;
  });
  return state.reminderPass;
}

async function queueReminders(): Promise<void> {
  try {
    const context = await appContext();
    if (state.stopped) return;
    if (!(await claimJobRun(context.db, "reminders", context.now(), reminderIntervalMs()))) return;
    if (await queueDueReminders(context) > 0) kickOutbox();
  } catch (error) {
    console.error("reminder run failed:", error instanceof Error ? error.name : "unknown");
  }
}

function runWaitingList(): Promise<void> {
  if (state.stopped) return Promise.resolve();
  state.waitingListPass ??= waitingListRound().finally(() => {
    state.waitingListPass = null;
  });
  return state.waitingListPass;
}

async function waitingListRound(): Promise<void> {
  try {
    const context = await appContext();
    if (state.stopped) return;
    if (!(await claimJobRun(context.db, "waiting-list", context.now(), WAITING_LIST_INTERVAL_MS))) return;
    const round = await runWaitingListRound(context);
    if (round.offers > 0) kickOutbox();
  } catch (error) {
    console.error("waiting-list run failed:", error instanceof Error ? error.name : "unknown");
  }
}

/**
 * Prepares the outbox for kicks and, with `timers`, starts the periodic work (and one pass of each at once, for what
 * became due while no process ran them). Without `timers` the process only sends what its own commits queued.
 */
export function startBackgroundJobs(options: { timers: boolean }): void {
  if (state.started) return;
  state.started = true;
  const env = getEnv();
  state.transport = createMailTransport(env.mail.transport);
  processHooks().stopBackgroundJobs = stopBackgroundJobs;
  if (!options.timers) return;
  state.timers.push(setInterval(() => void runOutbox(), env.outboxPollSeconds * 1000).unref());
  state.timers.push(setInterval(() => void runRetention(), RETENTION_INTERVAL_MS).unref());
  state.timers.push(setInterval(() => void runReminders(), reminderIntervalMs()).unref());
  state.timers.push(setInterval(() => void runWaitingList(), WAITING_LIST_INTERVAL_MS).unref());
  // Says which process has the timers: with several workers, exactly one line of this kind per start of the jobs worker.
  console.info(`background jobs: running in process ${process.pid} (outbox every ${env.outboxPollSeconds} s, reminders, waiting list, retention)`);
  void runRetention();
  void runReminders();
  void runOutbox();
}

/**
 * Stops the timers and waits, at most `timeoutMs`, for a running pass to finish. Resolves to whether everything
 * finished in time. Nothing starts afterwards, not even a kick after a booking: that message stays queued for the next
 * start (or another process).
 */
export async function stopBackgroundJobs(timeoutMs: number = STOP_TIMEOUT_MS): Promise<boolean> {
  state.stopped = true;
  state.again = false;
  for (const timer of state.timers.splice(0)) clearInterval(timer);
  const running = [state.outboxPass, state.retentionPass, state.reminderPass, state.waitingListPass].filter((pass): pass is Promise<void> => pass !== null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return running.length === 0 ? true : await Promise.race([Promise.all(running).then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
    // SMTP keeps a pool of connections open: close the idle ones now, a busy one once its message is done.
    (state.transport as Partial<SmtpTransport> | null)?.close?.();
  }
}

/** Send what was just queued without waiting for the next poll. */
export function kickOutbox(): void {
  setImmediate(() => void runOutbox());
}

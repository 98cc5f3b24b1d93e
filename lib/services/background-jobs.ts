import "server-only";
import { getDb } from "@/db/client";
import { processOutbox } from "@/lib/email/outbox";
import { createResendTransport, type MailTransport } from "@/lib/email/transport";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { anonymizeExpiredBookings } from "./bookings";
import { appContext } from "./context";

/**
 * Work that runs inside each app process: sending the e-mail outbox (polled, and kicked right after a booking) and
 * the retention job. Several processes may run it at once: claims and transactions keep them apart.
 */
type JobState = { started: boolean; running: boolean; again: boolean; transport: MailTransport | null };
const globalJobs = globalThis as unknown as { terminvergabeJobs?: JobState };
const state: JobState = (globalJobs.terminvergabeJobs ??= { started: false, running: false, again: false, transport: null });

const RETENTION_INTERVAL_MS = 60 * 60_000;

async function runOutbox(): Promise<void> {
  if (!state.transport) return;
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    const env = getEnv();
    await processOutbox(getDb(), state.transport, { from: env.mail.from, replyTo: env.mail.replyTo }, now);
  } catch (error) {
    console.error("outbox run failed:", error instanceof Error ? error.name : "unknown");
  } finally {
    state.running = false;
    if (state.again) {
      state.again = false;
      setImmediate(() => void runOutbox());
    }
  }
}

async function runRetention(): Promise<void> {
  try {
    const removed = anonymizeExpiredBookings(await appContext());
    if (removed > 0) console.info(`retention: removed personal data from ${removed} past booking(s)`);
  } catch (error) {
    console.error("retention run failed:", error instanceof Error ? error.name : "unknown");
  }
}

export function startBackgroundJobs(): void {
  if (state.started) return;
  state.started = true;
  const env = getEnv();
  state.transport = env.mail.resendApiKey ? createResendTransport(env.mail.resendApiKey) : null;
  setInterval(() => void runOutbox(), env.outboxPollSeconds * 1000).unref();
  setInterval(() => void runRetention(), RETENTION_INTERVAL_MS).unref();
  void runRetention();
  void runOutbox();
}

/** Send what was just queued without waiting for the next poll. */
export function kickOutbox(): void {
  setImmediate(() => void runOutbox());
}

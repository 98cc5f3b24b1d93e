import { and, asc, eq, inArray, isNull, lte, lt, or, sql, type SQL } from "drizzle-orm";
import { isPostgres } from "@/db/engine";
import { checkpointBetweenTransactions, type AppDatabase, type DbOrTransaction } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { bookings, emailOutbox, type OutboxAttachment, type OutboxMessage } from "@/db/schema";
import type { EmailKind } from "@/lib/domain/enums";
import type { RenderedEmail } from "./templates";
import { isMailTransportError, sendTimeoutError, type MailTransport, type OutgoingEmail } from "./transport";
import { inWriteTransaction } from "@/db/transaction";

/*
 * How long the outbox tries, decided here and nowhere else:
 * - Each send gets SEND_TIMEOUT_MS. A provider that has not answered by then is aborted (the request is closed, not
 *   left open) and counted as a temporary failure: a hanging provider must not stall the mail of the whole office.
 * - Temporary failures are retried with `retryDelayMs` (30 s doubling, at most one hour apart) for RETRY_WINDOW_MS
 *   after the message was queued. Provider outages of a day or a weekend happen; a confirmation given up after an
 *   hour (as before) was lost for good, since its body, with the only copy of the manage link, is erased.
 * - A message about an appointment is given up earlier when its next attempt would come only after the appointment
 *   has started: then it is of no use to the citizen, and staff must know now, not later.
 * - Permanent errors (the provider rejects the address) are given up at once: trying again changes nothing.
 * A given-up message ("failed") is shown to staff, who can send it again (lib/services/staff/undelivered.ts).
 */
export const SEND_TIMEOUT_MS = 20_000;
export const RETRY_WINDOW_MS = 72 * 60 * 60_000;
/** Messages sent at the same time: a hanging provider holds up one wave for one timeout, not each message in turn. */
export const SEND_CONCURRENCY = 4;
/**
 * A claim lasts one send timeout plus this margin (the writes after the send, a busy event loop): no wave outlives its
 * lease, so no other process takes over a message that is still being sent.
 */
const CLAIM_MARGIN_MS = 100_000;

/**
 * Queues a message inside the caller's transaction: it exists exactly when the booking change does. Without a mail
 * transport (demo) it is kept for the dev outbox page instead of being sent. Returns the new row's id.
 */
export async function enqueueEmail(
  tx: DbOrTransaction,
  message: { kind: EmailKind; bookingId: number | null; recipient: string; email: RenderedEmail; attachments: OutboxAttachment[] },
  options: { now: Date; canSend: boolean },
): Promise<number> {
  const [inserted] = await insertMessage(tx).execute({
    kind: message.kind,
    bookingId: message.bookingId,
    recipient: message.recipient,
    subject: message.email.subject,
    html: message.email.html,
    text: message.email.text,
    attachments: message.attachments,
    status: options.canSend ? "pending" : "kept",
    nextAttemptAt: options.now,
    createdAt: options.now,
  });
  return inserted!.id;
}

const COLUMNS_SET_ON_ENQUEUE = ["kind", "bookingId", "recipient", "subject", "html", "text", "attachments", "status", "nextAttemptAt", "createdAt"] as const;

/** Every booking change queues a message: prepared once per connection (db/prepared.ts). */
function insertMessage(db: DbOrTransaction) {
  return preparedOnce(db, "insert-outbox-message", (d) =>
    d
      .insert(emailOutbox)
      .values(Object.fromEntries(COLUMNS_SET_ON_ENQUEUE.map((column) => [column, sql.placeholder(column)])) as unknown as typeof emailOutbox.$inferInsert)
      .returning({ id: emailOutbox.id })
      .prepare(),
  );
}

/**
 * Once a message is sent or given up, its body is erased: it holds the manage link (whose token is otherwise kept only
 * as a hash) and the citizen's appointment details, and nothing needs them any more. What remains records that a
 * message of this kind went (or failed) to this address, until retention removes it with the booking's personal data.
 */
const ERASED_BODY = { html: "", text: "", attachments: [] as OutboxAttachment[] };

/** 30 s, 1, 2, 4 … minutes, capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/**
 * After a failed attempt: when to try next, or null to give up (see the rules at the top). `appointmentStartsAt` is
 * null for a message that belongs to no booking.
 */
export function nextAttemptAfterFailure(
  failure: { attempts: number; retryable: boolean; queuedAt: Date; appointmentStartsAt: Date | null },
  now: Date,
): Date | null {
  if (!failure.retryable) return null;
  const next = now.getTime() + retryDelayMs(failure.attempts);
  const deadline = Math.min(failure.queuedAt.getTime() + RETRY_WINDOW_MS, failure.appointmentStartsAt?.getTime() ?? Infinity);
  return next < deadline ? new Date(next) : null;
}

function isDue(now: Date) {
  return or(
    and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)),
    // A worker that died mid-send left its claim behind; it expires.
    and(eq(emailOutbox.status, "sending"), or(isNull(emailOutbox.lockedUntil), lt(emailOutbox.lockedUntil, now))),
  );
}

/**
 * Claims due messages atomically, so two server processes or instances never send the same row. The claim is a lease
 * until `lockedUntil`, and that instant is also the claim's token: the writes after the send require it, so a worker
 * whose lease ran out cannot overwrite what the worker that took the message over records (markSent, markFailed).
 *
 * SQLite: select and update in one write transaction. PostgreSQL: one statement that locks the due rows it picks and
 * skips rows another instance is claiming right now (FOR UPDATE SKIP LOCKED), so claims neither wait for each other
 * nor for the write lock bookings take.
 */
async function claimDueMessages(db: AppDatabase, now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  if (isPostgres) {
    const due = (db.select({ id: emailOutbox.id }).from(emailOutbox).where(isDue(now)).orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id)).limit(limit) as unknown as {
      for: (strength: "update", config: { skipLocked: true }) => SQL;
    }).for("update", { skipLocked: true });
    const claimed = await db.update(emailOutbox).set({ status: "sending", lockedUntil }).where(inArray(emailOutbox.id, due)).returning();
    return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
  }
  return inWriteTransaction(db, async (tx) => {
    const due = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(isDue(now)).orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id)).limit(limit);
    if (due.length === 0) return [];
    return await tx
      .update(emailOutbox)
      .set({ status: "sending", lockedUntil })
      .where(inArray(emailOutbox.id, due.map((row) => row.id)))
      .returning();
  });
}

/** The row as this worker claimed it: still "sending" under the lease it took (see claimDueMessages). */
function stillClaimedBy(message: OutboxMessage) {
  return and(eq(emailOutbox.id, message.id), eq(emailOutbox.status, "sending"), message.lockedUntil ? eq(emailOutbox.lockedUntil, message.lockedUntil) : isNull(emailOutbox.lockedUntil));
}

export type OutboxRunResult = { sent: number; retrying: number; failed: number };

export type OutboxRunOptions = {
  /** Messages handled per run at most. */
  limit?: number;
  sendTimeoutMs?: number;
  concurrency?: number;
};

type MailSender = { from: string; replyTo: string | null };

/**
 * Sends what is due. Safe to call from several processes and repeatedly; never throws for a failed send.
 *
 * Messages go out in waves of `concurrency`, each claimed right before it is sent: a wave lasts at most one send
 * timeout, so its lease (timeout plus margin) covers it, and one hanging send delays the others by one timeout at most.
 */
export async function processOutbox(
  db: AppDatabase,
  transport: MailTransport,
  mail: MailSender,
  now: () => Date,
  options: OutboxRunOptions = {},
): Promise<OutboxRunResult> {
  const { limit = 20, sendTimeoutMs = SEND_TIMEOUT_MS, concurrency = SEND_CONCURRENCY } = options;
  const result: OutboxRunResult = { sent: 0, retrying: 0, failed: 0 };
  let handled = 0;
  while (handled < limit) {
    const wave = await claimDueMessages(db, now(), Math.min(concurrency, limit - handled), sendTimeoutMs + CLAIM_MARGIN_MS);
    if (wave.length === 0) break;
    handled += wave.length;
    const outcomes = await Promise.all(wave.map((message) => sendMessage(db, transport, mail, now, message, sendTimeoutMs)));
    for (const outcome of outcomes) result[outcome] += 1;
  }
  // Sent and given-up messages had their bodies (manage links) erased; once per batch, not per row.
  if (result.sent + result.failed > 0) await checkpointBetweenTransactions(db);
  return result;
}

async function sendMessage(
  db: AppDatabase,
  transport: MailTransport,
  mail: MailSender,
  now: () => Date,
  message: OutboxMessage,
  sendTimeoutMs: number,
): Promise<keyof OutboxRunResult> {
  const attempts = message.attempts + 1;
  try {
    const { providerMessageId } = await sendWithTimeout(
      transport,
      {
        from: mail.from,
        replyTo: mail.replyTo,
        to: message.recipient,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments,
        // Row id and queue time: ids repeat after a database is restored from a backup; a provider must not take a new
        // mail for a duplicate of one it sent before the restore.
        idempotencyKey: `outbox-${message.id}-${message.createdAt.getTime()}`,
      },
      sendTimeoutMs,
    );
    await inWriteTransaction(db, (tx) => tx.update(emailOutbox)
      .set({ status: "sent", attempts, sentAt: now(), providerMessageId, lockedUntil: null, lastError: null, ...ERASED_BODY })
      .where(stillClaimedBy(message)));
    return "sent";
  } catch (error) {
    const retryable = !isMailTransportError(error) || error.retryable;
    const lastError = error instanceof Error ? error.message.slice(0, 200) : "unknown error";
    const failedAt = now();
    const nextAttemptAt = nextAttemptAfterFailure({ attempts, retryable, queuedAt: message.createdAt, appointmentStartsAt: await appointmentStart(db, message) }, failedAt);
    const giveUp = nextAttemptAt === null;
    await inWriteTransaction(db, (tx) => tx.update(emailOutbox)
      .set({
        status: giveUp ? "failed" : "pending",
        attempts,
        lockedUntil: null,
        lastError,
        // A failed row is never attempted again: its nextAttemptAt records when it was given up (shown to staff).
        nextAttemptAt: nextAttemptAt ?? failedAt,
        ...(giveUp ? ERASED_BODY : {}),
      })
      .where(stillClaimedBy(message)));
    console.warn(`outbox: message ${message.id} not sent (attempt ${attempts}): ${lastError}${giveUp ? "; giving up" : ""}`);
    return giveUp ? "failed" : "retrying";
  }
}

/**
 * One send, bounded in time for any transport: the signal aborts the transport's request, and the worker stops waiting
 * at the same moment even if a transport ignored the signal.
 */
async function sendWithTimeout(transport: MailTransport, email: OutgoingEmail, timeoutMs: number): Promise<{ providerMessageId: string }> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = sendTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([transport.send(email, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function appointmentStart(db: AppDatabase, message: OutboxMessage): Promise<Date | null> {
  if (message.bookingId === null) return null;
  return (await db.select({ startsAt: bookings.startsAt }).from(bookings).where(eq(bookings.id, message.bookingId)))[0]?.startsAt ?? null;
}

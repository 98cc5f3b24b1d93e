import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from "drizzle-orm";
import type { AppDatabase, DbOrTransaction } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { emailOutbox, type OutboxAttachment, type OutboxMessage } from "@/db/schema";
import type { EmailKind } from "@/lib/domain/enums";
import type { RenderedEmail } from "./templates";
import { MailTransportError, type MailTransport } from "./transport";

export const MAX_ATTEMPTS = 8;
const CLAIM_MINUTES = 2;

/**
 * Queues a message inside the caller's transaction: it exists exactly when the booking change does. Without a mail
 * transport (demo) it is kept for the dev outbox page instead of being sent.
 */
export function enqueueEmail(
  tx: DbOrTransaction,
  message: { kind: EmailKind; bookingId: number | null; recipient: string; email: RenderedEmail; attachments: OutboxAttachment[] },
  options: { now: Date; canSend: boolean },
): void {
  insertMessage(tx).run({
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
}

const COLUMNS_SET_ON_ENQUEUE = ["kind", "bookingId", "recipient", "subject", "html", "text", "attachments", "status", "nextAttemptAt", "createdAt"] as const;

/** Every booking change queues a message: prepared once per connection (db/prepared.ts). */
function insertMessage(db: DbOrTransaction) {
  return preparedOnce(db, "insert-outbox-message", (d) =>
    d
      .insert(emailOutbox)
      .values(Object.fromEntries(COLUMNS_SET_ON_ENQUEUE.map((column) => [column, sql.placeholder(column)])) as unknown as typeof emailOutbox.$inferInsert)
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

/** Claims due messages atomically, so two server processes never send the same row. */
function claimDueMessages(db: AppDatabase, now: Date, limit: number): OutboxMessage[] {
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(
          or(
            and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)),
            // A worker that died mid-send left its claim behind; it expires.
            and(eq(emailOutbox.status, "sending"), or(isNull(emailOutbox.lockedUntil), lt(emailOutbox.lockedUntil, now))),
          ),
        )
        .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
        .limit(limit)
        .all();
      if (due.length === 0) return [];
      const lockedUntil = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
      return tx
        .update(emailOutbox)
        .set({ status: "sending", lockedUntil })
        .where(inArray(emailOutbox.id, due.map((row) => row.id)))
        .returning()
        .all();
    },
    { behavior: "immediate" },
  );
}

export type OutboxRunResult = { sent: number; retrying: number; failed: number };

/** Sends what is due. Safe to call from several processes and repeatedly; never throws for a failed send. */
export async function processOutbox(
  db: AppDatabase,
  transport: MailTransport,
  mail: { from: string; replyTo: string | null },
  now: () => Date,
  limit = 20,
): Promise<OutboxRunResult> {
  const result: OutboxRunResult = { sent: 0, retrying: 0, failed: 0 };
  for (const message of claimDueMessages(db, now(), limit)) {
    const attempts = message.attempts + 1;
    try {
      const { providerMessageId } = await transport.send({
        from: mail.from,
        replyTo: mail.replyTo,
        to: message.recipient,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments,
        idempotencyKey: `outbox-${message.id}`,
      });
      db.update(emailOutbox)
        .set({ status: "sent", attempts, sentAt: now(), providerMessageId, lockedUntil: null, lastError: null, ...ERASED_BODY })
        .where(eq(emailOutbox.id, message.id))
        .run();
      result.sent += 1;
    } catch (error) {
      const retryable = !(error instanceof MailTransportError) || error.retryable;
      const lastError = error instanceof Error ? error.message.slice(0, 200) : "unknown error";
      const giveUp = !retryable || attempts >= MAX_ATTEMPTS;
      db.update(emailOutbox)
        .set({
          status: giveUp ? "failed" : "pending",
          attempts,
          lockedUntil: null,
          lastError,
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)),
          ...(giveUp ? ERASED_BODY : {}),
        })
        .where(eq(emailOutbox.id, message.id))
        .run();
      if (giveUp) result.failed += 1;
      else result.retrying += 1;
      console.warn(`outbox: message ${message.id} not sent (attempt ${attempts}): ${lastError}${giveUp ? "; giving up" : ""}`);
    }
  }
  return result;
}

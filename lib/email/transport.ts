import { Resend } from "resend";
import type { OutboxAttachment } from "@/db/schema";

export type OutgoingEmail = {
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  attachments: OutboxAttachment[];
  /** The same key for every attempt of one outbox row, so a retry after a lost answer is not sent twice. */
  idempotencyKey: string;
};

/**
 * Marks our transport errors across bundles: the worker's state lives on globalThis, so a transport made by one copy
 * of this module (the server's start-up code) can throw to the worker of another (a server action's kick), where
 * `instanceof` would say no and a permanent refusal would be retried for days.
 */
const TRANSPORT_ERROR = Symbol.for("terminvergabe.MailTransportError");

/** A failed send. `retryable` is false for answers that will not change on retry (bad address, bad key). */
export class MailTransportError extends Error {
  readonly [TRANSPORT_ERROR] = true;
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "MailTransportError";
  }
}

export function isMailTransportError(error: unknown): error is MailTransportError {
  return typeof error === "object" && error !== null && (error as { [TRANSPORT_ERROR]?: unknown })[TRANSPORT_ERROR] === true;
}

/**
 * Sends one message. The worker (lib/email/outbox.ts) aborts `signal` when the send's time is up; a transport must pass
 * it on to its request, so nothing lingers after the worker has moved on. The worker stops waiting then in any case.
 */
export interface MailTransport {
  send(email: OutgoingEmail, signal: AbortSignal): Promise<{ providerMessageId: string }>;
}

const TIMEOUT_PREFIX = "timeout";
const NETWORK_PREFIX = "network error";

/** The error a send that ran out of time ends with: temporary, as a slow provider usually recovers. */
export function sendTimeoutError(timeoutMs: number): MailTransportError {
  return new MailTransportError(`${TIMEOUT_PREFIX} after ${timeoutMs} ms`, true);
}

const PERMANENT_ERRORS = new Set(["validation_error", "invalid_from_address", "invalid_attachment", "invalid_parameter", "missing_required_field"]);

/** Resend over its SDK. The client is built on first use: the SDK throws without a key, and reads RESEND_BASE_URL then. */
export function createResendTransport(apiKey: string): MailTransport {
  let client: Resend | undefined;
  return {
    async send(email, signal) {
      client ??= new Resend(apiKey);
      let response: Awaited<ReturnType<Resend["emails"]["send"]>>;
      try {
        response = await client.emails.send(
          {
            from: email.from,
            to: email.to,
            replyTo: email.replyTo ?? undefined,
            subject: email.subject,
            html: email.html,
            text: email.text,
            attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.contentBase64, contentType: a.contentType })),
          },
          // The SDK hands `signal` to fetch: a timeout really closes the connection instead of leaving it open.
          { idempotencyKey: email.idempotencyKey, signal },
        );
      } catch (error) {
        if (signal.aborted) throw abortReason(signal);
        throw new MailTransportError(`${NETWORK_PREFIX}: ${error instanceof Error ? error.name : "unknown"}`, true);
      }
      if (response.error) {
        // The SDK answers an aborted request with a generic "application_error"; say what it really was.
        if (signal.aborted) throw abortReason(signal);
        // Only the error class and status go into our records: provider messages may echo addresses.
        const { name, statusCode } = response.error;
        throw new MailTransportError(`${name} (${statusCode ?? "no status"})`, !PERMANENT_ERRORS.has(name));
      }
      return { providerMessageId: response.data?.id ?? "" };
    },
  };
}

function abortReason(signal: AbortSignal): MailTransportError {
  return isMailTransportError(signal.reason) ? signal.reason : new MailTransportError(TIMEOUT_PREFIX, true);
}

/** Why a message could not be sent, in categories staff can act on (texts: staff.undelivered.reasonValue.*). */
export type SendFailureReason = "rejected" | "configuration" | "timeout" | "unavailable" | "unknown";

const CONFIGURATION_ERRORS = new Set(["invalid_from_address", "invalid_api_key", "restricted_api_key", "missing_api_key", "invalid_access"]);

/**
 * Reads an outbox row's `lastError` (written from the errors above: "<provider error name> (<status>)", "timeout …",
 * "network error: …") back into a category. Kept beside the code that writes those texts, so the two change together.
 */
export function sendFailureReason(lastError: string | null): SendFailureReason {
  if (!lastError) return "unknown";
  if (lastError.startsWith(TIMEOUT_PREFIX)) return "timeout";
  if (lastError.startsWith(NETWORK_PREFIX)) return "unavailable";
  const name = /^([a-z_]+) \(/.exec(lastError)?.[1];
  if (!name) return "unknown";
  if (CONFIGURATION_ERRORS.has(name)) return "configuration";
  // The provider refused this message as it is: with a well-formed sender and key that is almost always the address.
  if (PERMANENT_ERRORS.has(name)) return "rejected";
  return "unavailable";
}

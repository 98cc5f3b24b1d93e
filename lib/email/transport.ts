import { createHash } from "node:crypto";
import { domainToASCII } from "node:url";
import MailComposer from "nodemailer/lib/mail-composer";
import { Resend } from "resend";
import type { OutboxAttachment } from "@/db/schema";
import { now as clockNow } from "@/lib/clock";
import type { MailTransportSettings, SmtpSettings } from "@/lib/env";
import { DEFAULT_SMTP_POOL_OPTIONS, SmtpConnectionPool, type SmtpError, type SmtpPoolOptions } from "./smtp-pool";

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

/**
 * The one place that turns configuration into a transport (lib/services/background-jobs.ts): Resend and SMTP go through
 * the same outbox, with the same retries, timeouts and idempotency key. Null (nothing configured) keeps mail in the
 * dev outbox.
 */
export function createMailTransport(settings: MailTransportSettings): MailTransport | null {
  if (settings === null) return null;
  return settings.kind === "resend" ? createResendTransport(settings.apiKey) : createSmtpTransport(settings);
}

export type SmtpTransport = MailTransport & {
  /** Closes the pooled connections (idle ones now, busy ones once their message is done). */
  close(): void;
};

/**
 * SMTP to the town's own mail server or its IT centre's relay, over a small pool of connections (lib/email/smtp-pool.ts).
 * DKIM, SPF and DMARC are that server's job: it signs and sends in the town's name. Headers are kept to what a
 * transactional message needs: no X-Mailer (it names software and version), no List-Unsubscribe (nobody subscribed),
 * and Auto-Submitted so that autoresponders stay quiet (RFC 3834).
 */
export function createSmtpTransport(
  settings: SmtpSettings,
  options: { now?: () => Date; pool?: Partial<SmtpPoolOptions> } = {},
): SmtpTransport {
  const { kind: _kind, ...endpoint } = settings;
  const pool = new SmtpConnectionPool(endpoint, { ...DEFAULT_SMTP_POOL_OPTIONS, ...options.pool });
  const now = options.now ?? clockNow;
  return {
    async send(email, signal) {
      const messageId = smtpMessageId(email);
      let envelope: ReturnType<ReturnType<MailComposer["compile"]>["getEnvelope"]>;
      let raw: Buffer;
      try {
        const message = new MailComposer({
          from: email.from,
          to: email.to,
          replyTo: email.replyTo ?? undefined,
          subject: email.subject,
          text: email.text,
          html: email.html,
          attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.contentBase64, encoding: "base64", contentType: a.contentType })),
          messageId,
          date: now(),
          headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply" },
          // Everything is inline content: never read a file or fetch a URL named in a message.
          disableFileAccess: true,
          disableUrlAccess: true,
        }).compile();
        envelope = message.getEnvelope();
        raw = await message.build();
      } catch {
        throw new MailTransportError("smtp_invalid_message (no status)", false);
      }
      try {
        // SIZE lets the server refuse an oversized message before it is transmitted.
        const info = await pool.send({ ...envelope, size: raw.length }, raw, signal);
        return { providerMessageId: serverQueueId(info.response) ?? messageId.slice(1, -1) };
      } catch (error) {
        if (signal.aborted) throw abortReason(signal);
        throw smtpFailure(error as SmtpError);
      }
    },
    close: () => pool.close(),
  };
}

/**
 * A stable Message-ID per outbox row: every attempt of one message carries the same one, so a retry after a lost
 * answer (the server had queued it, the reply never came) is recognisable as a duplicate by servers and mail clients.
 * The digest makes it unique beyond the row id: a database restored from a backup hands out row ids again, and two
 * different messages with one Message-ID may be dropped as duplicates. It covers the row's fixed content (the text
 * holds the manage link, unique per message), is one-way, and says nothing about the recipient.
 */
export function smtpMessageId(email: Pick<OutgoingEmail, "from" | "to" | "subject" | "text" | "idempotencyKey">): string {
  const domain = domainToASCII(senderDomain(email.from)) || "localhost";
  const digest = createHash("sha256").update([domain, email.idempotencyKey, email.to, email.subject, email.text].join("\n")).digest("hex").slice(0, 16);
  return `<${email.idempotencyKey}.${digest}@${domain}>`;
}

function senderDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf("@") + 1).trim().toLowerCase();
}

/** The server's queue id from its final reply (Postfix "queued as 4dXy…", Exim "id=1rAb…"); the reply text itself is not kept. */
function serverQueueId(response: string): string | null {
  const match = /queued as ([\w.-]+)/i.exec(response) ?? /\bid=([\w.-]+)/i.exec(response);
  return match?.[1]?.slice(0, 100) ?? null;
}

/** Failures that concern every message (login, sender, TLS, a server that will not talk to us): staff tell IT. */
const SMTP_CONFIGURATION_ERRORS = new Set(["smtp_auth_failed", "smtp_sender_rejected", "smtp_tls_failed", "smtp_refused"]);
/** Failures of this one message: in practice the citizen's address. */
const SMTP_REJECTIONS = new Set(["smtp_recipient_rejected", "smtp_message_rejected", "smtp_invalid_message"]);

/**
 * An SMTP failure as the outbox records it: a name, the reply code and enhanced status (RFC 3463), or the error
 * code. Never the server's reply text, which often repeats the address ("<erika@…>: Recipient address rejected").
 * 4xx replies and everything below the protocol (connection, DNS, TLS, timeouts) are temporary; 5xx replies are final.
 */
function smtpFailure(error: SmtpError): MailTransportError {
  const code = typeof error?.code === "string" ? error.code : "unknown";
  const reply = typeof error?.responseCode === "number" ? error.responseCode : null;
  const enhanced = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(error?.response ?? "")?.[1];
  const status = reply === null ? code : [reply, enhanced].filter(Boolean).join(" ");
  const command = error?.command ?? "";
  if (reply !== null && reply >= 400 && reply < 500) return new MailTransportError(`smtp_temporary_failure (${status})`, true);
  if (reply !== null && reply >= 500) return new MailTransportError(`${permanentSmtpName(code, command)} (${status})`, false);
  switch (code) {
    case "EAUTH":
      // Missing or unsupported login (no reply code): a configuration matter that retrying does not change.
      return new MailTransportError(`smtp_auth_failed (${status})`, false);
    case "EMESSAGE":
      return new MailTransportError(`smtp_message_rejected (${status})`, false);
    case "EENVELOPE":
      return new MailTransportError(`${/sender/i.test(error.message) ? "smtp_sender_rejected" : "smtp_recipient_rejected"} (${status})`, false);
    case "ETLS":
      // A certificate the server renews tomorrow, a CA added: worth retrying, but staff should hear "configuration".
      return new MailTransportError(`smtp_tls_failed (${error.tlsReason ?? status})`, true);
    case "ETIMEDOUT":
      return new MailTransportError(`${TIMEOUT_PREFIX}: smtp`, true);
    default:
      return new MailTransportError(`${NETWORK_PREFIX}: smtp ${code}`, true);
  }
}

function permanentSmtpName(code: string, command: string): string {
  if (code === "EAUTH" || command.startsWith("AUTH")) return "smtp_auth_failed";
  // STARTTLS required but refused: the message (and the password) must not go out unencrypted.
  if (code === "ETLS" || command === "STARTTLS") return "smtp_tls_failed";
  if (command === "MAIL FROM") return "smtp_sender_rejected";
  if (command === "RCPT TO") return "smtp_recipient_rejected";
  if (command === "DATA" || code === "EMESSAGE") return "smtp_message_rejected";
  // Refused at the greeting, EHLO or STARTTLS: the server will not take mail from us at all.
  return "smtp_refused";
}

/** Why a message could not be sent, in categories staff can act on (texts: staff.undelivered.reasonValue.*). */
export type SendFailureReason = "rejected" | "configuration" | "timeout" | "unavailable" | "unknown";

const CONFIGURATION_ERRORS = new Set(["invalid_from_address", "invalid_api_key", "restricted_api_key", "missing_api_key", "invalid_access"]);

/**
 * Reads an outbox row's `lastError` (written from the errors above: "<provider error name> (<status>)", "smtp_… (<reply
 * code>)", "timeout …", "network error: …") back into a category. Kept beside the code that writes those texts, so the
 * two change together.
 */
export function sendFailureReason(lastError: string | null): SendFailureReason {
  if (!lastError) return "unknown";
  if (lastError.startsWith(TIMEOUT_PREFIX)) return "timeout";
  if (lastError.startsWith(NETWORK_PREFIX)) return "unavailable";
  const name = /^([a-z_]+) \(/.exec(lastError)?.[1];
  if (!name) return "unknown";
  if (CONFIGURATION_ERRORS.has(name) || SMTP_CONFIGURATION_ERRORS.has(name)) return "configuration";
  // The provider refused this message as it is: with a well-formed sender and key that is almost always the address.
  if (PERMANENT_ERRORS.has(name) || SMTP_REJECTIONS.has(name)) return "rejected";
  return "unavailable";
}

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

/** A failed send. `retryable` is false for answers that will not change on retry (bad address, bad key). */
export class MailTransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "MailTransportError";
  }
}

export interface MailTransport {
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}

const PERMANENT_ERRORS = new Set(["validation_error", "invalid_from_address", "invalid_attachment", "invalid_parameter", "missing_required_field"]);

/** Resend over its SDK. The client is built on first use: the SDK throws without a key, and reads RESEND_BASE_URL then. */
export function createResendTransport(apiKey: string): MailTransport {
  let client: Resend | undefined;
  return {
    async send(email) {
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
          { idempotencyKey: email.idempotencyKey },
        );
      } catch (error) {
        throw new MailTransportError(`network error: ${error instanceof Error ? error.name : "unknown"}`, true);
      }
      if (response.error) {
        // Only the error class and status go into our records: provider messages may echo addresses.
        const { name, statusCode } = response.error;
        throw new MailTransportError(`${name} (${statusCode ?? "no status"})`, !PERMANENT_ERRORS.has(name));
      }
      return { providerMessageId: response.data?.id ?? "" };
    },
  };
}

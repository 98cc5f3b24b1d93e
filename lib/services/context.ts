import { getDb, type AppDatabase } from "@/db/client";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";

/**
 * What services need from the outside world, passed in so tests control it: the database, the clock, where links
 * point, and whether mail can actually be sent (otherwise it is kept for the dev outbox).
 */
export type ServiceContext = {
  db: AppDatabase;
  now: () => Date;
  publicUrl: string;
  canSendMail: boolean;
  secret: string;
};

/** The running app's context, built from the validated configuration; tests build their own. */
export async function appContext(): Promise<ServiceContext> {
  const env = getEnv();
  return {
    db: getDb(),
    now,
    publicUrl: env.publicUrl,
    canSendMail: env.mail.transport !== null,
    secret: env.authSecret,
  };
}

export function manageUrl(context: Pick<ServiceContext, "publicUrl">, token: string): string {
  return `${context.publicUrl}/termin/verwalten/${token}`;
}

/** The page that asks before it cancels: e-mails link here, never to anything that cancels on a GET. */
export function cancelUrl(context: Pick<ServiceContext, "publicUrl">, token: string): string {
  return `${manageUrl(context, token)}/absagen`;
}

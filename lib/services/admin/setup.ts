import { and, count, eq, gt, or } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { getSettings } from "@/db/queries/settings";
import { capacityWindows, concernLocations, concerns, locations, openingHours, settings } from "@/db/schema";
import { insertSampleCatalogue } from "@/db/seed";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { createMailTransport, isMailTransportError, sendFailureReason, type SendFailureReason } from "@/lib/email/transport";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAudit } from "../audit";
import { inWriteTransaction } from "@/db/transaction";

/**
 * The first steps of a new installation, as the setup checklist shows them (/staff/admin/einrichtung). Each step is "done"
 * by what is in the database, never by a flag someone ticked: a location removed later makes its step open again.
 */
export type SetupStep = "office" | "location" | "openingHours" | "capacity" | "concerns" | "review" | "mail";
export type SetupChecklist = { steps: { step: SetupStep; done: boolean }[]; complete: boolean; catalogueEmpty: boolean };

export async function setupChecklist(access: StaffAccess): Promise<SetupChecklist> {
  const db = authorize(access, "admin").db;
  const office = await getSettings(db);
  const activeLocations = await db.select({ id: locations.id }).from(locations).where(eq(locations.active, true));
  const every = async (has: (locationId: number) => Promise<boolean>) =>
    activeLocations.length > 0 && (await Promise.all(activeLocations.map((l) => has(l.id)))).every(Boolean);
  const concernCount = (await db.select({ n: count() }).from(concerns).limit(1))[0]?.n ?? 0;
  const steps: SetupChecklist["steps"] = [
    { step: "office", done: [office.contactPhone, office.contactEmail, office.operatorName, office.operatorCity].every((v) => v.trim() !== "") },
    { step: "location", done: activeLocations.length > 0 },
    { step: "openingHours", done: await every(async (id) => hasRow(db, openingHours, id)) },
    { step: "capacity", done: await every(async (id) => hasCapacity(db, id)) },
    { step: "concerns", done: await hasBookableConcern(db) },
    { step: "review", done: concernCount > 0 && !(await db.select({ id: concerns.id }).from(concerns).where(eq(concerns.reviewPending, true)))[0] },
    { step: "mail", done: office.mailTestedAt !== null },
  ];
  return { steps, complete: steps.every((s) => s.done), catalogueEmpty: concernCount === 0 };
}

/**
 * A new installation may start from the sample catalogue: categories, documents, forms and concerns of the demo's
 * Musterstadt, offered at every active location, switched off and marked "to review" (fees and documents differ from
 * town to town). Only into an empty catalogue, so nothing is doubled.
 */
export async function importSampleCatalogue(access: StaffAccess): Promise<number> {
  const { db, actor } = authorize(access, "admin");
  return inWriteTransaction(db, async (tx) => {
    if (((await tx.select({ n: count() }).from(concerns).limit(1))[0]?.n ?? 0) > 0) throw new AppError("conflict", "the catalogue is not empty");
    const locationIds = (await tx.select({ id: locations.id }).from(locations).where(eq(locations.active, true))).map((l) => l.id);
    const imported = await insertSampleCatalogue(tx, { locationIdsFor: () => locationIds, asTemplate: true });
    await recordAudit(tx, actor, { action: "catalogue.import_sample", entityType: "concern", after: { concerns: imported.size } });
    return imported.size;
  });
}

const TEST_MAIL_TIMEOUT_MS = 20_000;

/**
 * Sends a test e-mail to the signed-in administrator through the configured transport, directly (not through the
 * outbox: the answer is wanted now), and records success. Without a transport (demo) the mail has nowhere to go.
 */
export async function sendTestMail(access: StaffAccess): Promise<{ ok: true; kept: boolean } | { ok: false; reason: SendFailureReason }> {
  authorize(access, "admin");
  const env = getEnv();
  const transport = createMailTransport(env.mail.transport);
  if (!transport) {
    await recordMailTest(access);
    return { ok: true, kept: true };
  }
  const office = await getSettings(access.db);
  const signal = AbortSignal.timeout(TEST_MAIL_TIMEOUT_MS);
  try {
    await transport.send(
      {
        from: env.mail.from,
        replyTo: env.mail.replyTo,
        to: access.user.email,
        subject: `Test-E-Mail / test e-mail – ${office.officeName}`,
        text: TEST_MAIL_TEXT,
        html: `<p>${TEST_MAIL_TEXT.replaceAll("\n\n", "</p><p>")}</p>`,
        attachments: [],
        idempotencyKey: `mail-test-${access.now().getTime()}`,
      },
      signal,
    );
  } catch (error) {
    return { ok: false, reason: isMailTransportError(error) ? sendFailureReason(error.message) : "unknown" };
  } finally {
    if ("close" in transport && typeof transport.close === "function") transport.close();
  }
  await recordMailTest(access);
  return { ok: true, kept: false };
}

const TEST_MAIL_TEXT =
  "Diese E-Mail hat die Terminvergabe zum Test des E-Mail-Versands geschickt. Wenn Sie sie lesen, kommen Terminbestätigungen an.\n\n" +
  "This e-mail was sent by the appointment booking service to test sending e-mail. If you can read it, confirmations arrive.";

/** Records that a test mail went out, which completes the checklist's last step. */
async function recordMailTest(access: StaffAccess): Promise<void> {
  const { db, actor } = authorize(access, "admin");
  await inWriteTransaction(db, async (tx) => {
    await tx.update(settings).set({ mailTestedAt: access.now() }).where(eq(settings.id, 1));
    await recordAudit(tx, actor, { action: "settings.mail_test", entityType: "settings", entityId: 1 });
  });
}

async function hasRow(db: DbOrTransaction, table: typeof openingHours, locationId: number): Promise<boolean> {
  return (await db.select({ id: table.id }).from(table).where(eq(table.locationId, locationId)))[0] !== undefined;
}

async function hasCapacity(db: DbOrTransaction, locationId: number): Promise<boolean> {
  return (
    (await db
      .select({ id: capacityWindows.id })
      .from(capacityWindows)
      .where(and(eq(capacityWindows.locationId, locationId), or(gt(capacityWindows.onlineCounters, 0), gt(capacityWindows.staffCounters, 0)))))[0] !== undefined
  );
}

/** At least one active concern offered at an active location: something a citizen can choose. */
async function hasBookableConcern(db: DbOrTransaction): Promise<boolean> {
  return (
    (await db
      .select({ id: concerns.id })
      .from(concerns)
      .innerJoin(concernLocations, eq(concernLocations.concernId, concerns.id))
      .innerJoin(locations, eq(locations.id, concernLocations.locationId))
      .where(and(eq(concerns.active, true), eq(locations.active, true))))[0] !== undefined
  );
}

import type { DbOrTransaction } from "@/db/client";
import { auditLog } from "@/db/schema";

/** Who did something: a signed-in staff member, or the system itself (CLI, scheduled jobs, citizens via their link). */
export type Actor = { userId: number | null; label: string };

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };
export const CITIZEN_ACTOR: Actor = { userId: null, label: "citizen" };

/**
 * Writes one audit entry inside the caller's transaction, so the entry exists exactly when the change does. Returns
 * its id; `at` is the service's clock (the column's default reads the app clock).
 */
export async function recordAudit(
  tx: DbOrTransaction,
  actor: Actor,
  entry: { action: string; entityType: string; entityId?: string | number | null; before?: unknown; after?: unknown; at?: Date },
): Promise<number> {
  const result = await tx
    .insert(auditLog)
    .values({
      ...(entry.at ? { at: entry.at } : {}),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .returning({ id: auditLog.id });
  return result[0]!.id;
}

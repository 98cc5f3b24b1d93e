/**
 * The single settings row: booking rules (lead time, horizon, slot grid, cancellation cut-off, limit per e-mail),
 * retention, and the office's public contact and legal data shown in the imprint, privacy and accessibility pages.
 * Changed rules apply from the next request on; existing appointments keep their times.
 */
import { eq } from "drizzle-orm";
import { getSettings } from "@/db/queries/settings";
import { settings, type Settings } from "@/db/schema";
import { settingsSchema, type SettingsInput } from "@/lib/validation/admin-catalogue";
import { recordAudit } from "../audit";
import { changedFields, parseAdminInput } from "./catalogue/shared";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";

export function settingsFormValues(row: Settings): SettingsInput {
  return {
    leadTimeMinutes: String(row.leadTimeMinutes),
    horizonDays: String(row.horizonDays),
    slotGridMinutes: String(row.slotGridMinutes),
    cancellationCutoffMinutes: String(row.cancellationCutoffMinutes),
    maxActiveBookingsPerEmail: String(row.maxActiveBookingsPerEmail),
    noShowLimit: String(row.noShowLimit),
    noShowWindowMonths: String(row.noShowWindowMonths),
    offerHoldHours: String(row.offerHoldHours),
    bookingConfirmationMinutes: String(row.bookingConfirmationMinutes),
    retentionDays: String(row.retentionDays),
    officeName: row.officeName,
    operatorName: row.operatorName,
    operatorStreet: row.operatorStreet,
    operatorPostalCode: row.operatorPostalCode,
    operatorCity: row.operatorCity,
    operatorRepresentative: row.operatorRepresentative,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    accessibilityContactEmail: row.accessibilityContactEmail,
    dataProtectionOfficer: row.dataProtectionOfficer,
    supervisoryAuthority: row.supervisoryAuthority,
    vatId: row.vatId,
    frameAncestors: row.frameAncestors,
  };
}

/** The settings hold the office's published contact and legal data only, so the whole change goes into the audit. */
function auditView(row: Settings) {
  const { updatedAt: _updated, id: _id, ...rest } = row;
  return rest;
}

export async function updateSettings(access: StaffAccess, input: SettingsInput): Promise<Settings> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(settingsSchema, input, "settings");
  return inWriteTransaction(db, async (tx) => {
    const before = await getSettings(tx);
    const updated = (await tx.update(settings).set(values).where(eq(settings.id, 1)).returning())[0]!;
    const diff = changedFields(auditView(before), auditView(updated));
    if (diff) await recordAudit(tx, actor, { action: "settings.update", entityType: "settings", entityId: 1, ...diff });
    return updated;
  });
}

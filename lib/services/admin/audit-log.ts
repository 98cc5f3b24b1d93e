import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import { auditLog, type AuditEntry } from "@/db/schema";
import { AUDIT_PAGE_SIZE } from "@/lib/validation/admin-people";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";

export type AuditFilter = { page: number; entityType: string | null; actor: string | null };

export type AuditPage = {
  entries: AuditEntry[];
  total: number;
  /** The page shown: the requested one, or the last one if the request was beyond it. */
  page: number;
  pageCount: number;
  pageSize: number;
};

/** Newest first; the id breaks ties between entries written in the same millisecond (one transaction). */
export async function listAuditEntries(access: StaffAccess, filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const db = authorize(access, "admin").db;
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.actor) conditions.push(eq(auditLog.actorLabel, filter.actor));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const total = (await db.select({ n: count() }).from(auditLog).where(where))[0]?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(filter.page)), pageCount);
  const entries = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { entries, total, page, pageCount, pageSize };
}

/** The values the filters can take: entity types and actors that occur in the log. */
export async function auditFilterOptions(access: StaffAccess): Promise<{ entityTypes: string[]; actors: string[] }> {
  const db = authorize(access, "admin").db;
  const entityTypes = (await db
    .selectDistinct({ value: auditLog.entityType })
    .from(auditLog)
    .orderBy(asc(auditLog.entityType)))
    .map((row) => row.value);
  const actors = (await db
    .selectDistinct({ value: auditLog.actorLabel })
    .from(auditLog)
    .orderBy(asc(auditLog.actorLabel)))
    .map((row) => row.value);
  return { entityTypes, actors };
}

export type FieldChange = { field: string; before: unknown; after: unknown; changed: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Before and after of one entry, field by field, for a readable table: every field of either state, in the order
 * they were written, marked changed when its value differs. A creation has only "after", a deletion only "before";
 * a state that is not an object (rare) becomes a single row with an empty field name.
 */
export function compareAuditStates(before: unknown, after: unknown): FieldChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return [{ field: "", before: before ?? null, after: after ?? null, changed: !sameValue(before ?? null, after ?? null) }];
  }
  const old = (before ?? {}) as Record<string, unknown>;
  const next = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  return fields.map((field) => {
    const was = field in old ? old[field] : null;
    const is = field in next ? next[field] : null;
    // A field missing on one side counts as changed, also when the other side is null: it appeared or vanished.
    const changed = !(field in old && field in next) || !sameValue(was, is);
    return { field, before: hasBefore ? was : null, after: hasAfter ? is : null, changed: hasBefore && hasAfter ? changed : true };
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

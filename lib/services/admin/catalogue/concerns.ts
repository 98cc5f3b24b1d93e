/**
 * Administration of the concern catalogue: concerns (what a citizen can book), where they are offered, what to bring
 * and which forms belong to them. Every write is one synchronous BEGIN IMMEDIATE transaction that validates again
 * (the service is the authority, whoever calls it), checks references and uniqueness inside the transaction and
 * writes its audit entry there too.
 *
 * Bookings are never touched: each booking keeps its own end time and a snapshot of its items (duration, fee), so a
 * changed duration or fee applies to new bookings only, and a retired concern is deactivated rather than deleted.
 */
import { and, asc, eq, inArray, max, ne } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { loadCatalogue, type CatalogueEntry } from "@/db/queries/catalogue";
import {
  concernCategories,
  concernDocuments,
  concernForms,
  concernLocations,
  concerns,
  documents,
  forms,
  locations,
  type Concern,
  type ConcernCategory,
  type DocumentRow,
} from "@/db/schema";
import type { Language } from "@/lib/domain/enums";
import { NotFoundError, ValidationError } from "@/lib/errors";
import {
  concernSchema,
  formatFeeInput,
  DEFAULT_DOCUMENT_SCOPE,
  TICKED,
  type ConcernInput,
  type ConcernValues,
} from "@/lib/validation/admin-catalogue";
import { recordAudit } from "../../audit";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";
import { changedFields, parseAdminInput, resolveUniqueSlug, withoutTimestamps } from "./shared";
import { categoriesInOrder } from "./categories";

export type ConcernGroup = { category: ConcernCategory; concerns: CatalogueEntry[] };

/** Every category in display order (also empty ones) with all its concerns, active or not. */
export function listConcernGroups(access: StaffAccess): ConcernGroup[] {
  const db = authorize(access, "admin").db;
  const entries = loadCatalogue(db, { includeInactive: true });
  return categoriesInOrder(db).map((category) => ({
    category,
    concerns: entries.filter((entry) => entry.categoryId === category.id),
  }));
}

export function findConcernEntry(access: StaffAccess, id: number): CatalogueEntry | undefined {
  const db = authorize(access, "admin").db;
  return loadCatalogue(db, { includeInactive: true }).find((entry) => entry.id === id);
}

/**
 * The concern form's starting values. The documents table lists every document of the shared catalogue: the ones the
 * concern asks for first, in their order, then the others alphabetically.
 */
export function concernFormValues(entry: CatalogueEntry | null, documentCatalogue: readonly DocumentRow[], language: Language): ConcernInput {
  const chosen = entry?.documents ?? [];
  const chosenIds = chosen.map((d) => d.document.id);
  const others = documentCatalogue.filter((d) => !chosenIds.includes(d.id));
  const rows = [
    ...chosen.map((d, index) => ({
      documentId: String(d.document.id),
      selected: TICKED,
      scope: d.scope,
      count: String(d.count),
      conditionDe: d.condition?.de ?? "",
      conditionEn: d.condition?.en ?? "",
      position: String(index + 1),
    })),
    ...others.map((d) => ({
      documentId: String(d.id),
      selected: false,
      scope: DEFAULT_DOCUMENT_SCOPE,
      count: "1",
      conditionDe: "",
      conditionEn: "",
      position: "",
    })),
  ];
  return {
    nameDe: entry?.nameDe ?? "",
    nameEn: entry?.nameEn ?? "",
    slug: entry?.slug ?? "",
    categoryId: entry ? String(entry.categoryId) : "",
    descriptionDe: entry?.descriptionDe ?? "",
    descriptionEn: entry?.descriptionEn ?? "",
    durationMinutes: entry ? String(entry.durationMinutes) : "",
    fee: entry ? formatFeeInput(entry.feeCents, language) : "",
    feeNoteDe: entry?.feeNoteDe ?? "",
    feeNoteEn: entry?.feeNoteEn ?? "",
    maxQuantity: entry ? String(entry.maxQuantity) : "1",
    leikaKey: entry?.leikaKey ?? "",
    active: entry ? (entry.active ? TICKED : false) : TICKED,
    position: entry ? String(entry.position) : "",
    locationIds: (entry?.locationIds ?? []).map(String),
    documents: rows,
    formIds: (entry?.forms ?? []).map((f) => String(f.id)),
  };
}

/** What the audit log keeps of a concern: the row without timestamps, plus where it is offered and what it needs. */
function concernAuditView(tx: DbOrTransaction, concern: Concern) {
  const locationIds = tx
    .select({ id: concernLocations.locationId })
    .from(concernLocations)
    .where(eq(concernLocations.concernId, concern.id))
    .all()
    .map((row) => row.id)
    .sort((a, b) => a - b);
  const documentLinks = tx
    .select({
      documentId: concernDocuments.documentId,
      scope: concernDocuments.scope,
      count: concernDocuments.count,
      conditionDe: concernDocuments.conditionDe,
      conditionEn: concernDocuments.conditionEn,
    })
    .from(concernDocuments)
    .where(eq(concernDocuments.concernId, concern.id))
    .orderBy(asc(concernDocuments.position))
    .all();
  const formIds = tx
    .select({ id: concernForms.formId })
    .from(concernForms)
    .where(eq(concernForms.concernId, concern.id))
    .all()
    .map((row) => row.id)
    .sort((a, b) => a - b);
  return { ...withoutTimestamps(concern), locationIds, documents: documentLinks, formIds };
}

/** Ids chosen in the form must exist; a stale page (someone deleted a document meanwhile) is told so at the field. */
function requireExistingReferences(tx: DbTransaction, values: ConcernValues): void {
  const problems: Record<string, string[]> = {};
  if (!tx.select({ id: concernCategories.id }).from(concernCategories).where(eq(concernCategories.id, values.categoryId)).get()) {
    problems.categoryId = ["unknown_reference"];
  }
  const missing = (table: typeof locations | typeof documents | typeof forms, ids: number[]) => {
    if (ids.length === 0) return false;
    const found = tx.select({ id: table.id }).from(table).where(inArray(table.id, ids)).all();
    return found.length !== ids.length;
  };
  if (missing(locations, values.locationIds)) problems.locationIds = ["unknown_reference"];
  const documentIds = [...new Set(values.documents.filter((row) => row.selected).map((row) => row.documentId))];
  if (missing(documents, documentIds)) problems.documents = ["unknown_reference"];
  if (missing(forms, values.formIds)) problems.formIds = ["unknown_reference"];
  if (Object.keys(problems).length > 0) throw new ValidationError("unknown references", problems);
}

function nextConcernPosition(tx: DbTransaction, categoryId: number): number {
  const row = tx.select({ value: max(concerns.position) }).from(concerns).where(eq(concerns.categoryId, categoryId)).get();
  return (row?.value ?? 0) + 1;
}

function concernSlugTaken(tx: DbTransaction, exceptId: number | null) {
  return (slug: string) =>
    tx
      .select({ id: concerns.id })
      .from(concerns)
      .where(exceptId === null ? eq(concerns.slug, slug) : and(eq(concerns.slug, slug), ne(concerns.id, exceptId)))
      .get() !== undefined;
}

/** Replaces where a concern is offered, what to bring (in the chosen order) and which forms belong to it. */
function writeConcernLinks(tx: DbTransaction, concernId: number, values: ConcernValues): void {
  tx.delete(concernLocations).where(eq(concernLocations.concernId, concernId)).run();
  if (values.locationIds.length > 0) {
    tx.insert(concernLocations)
      .values(values.locationIds.map((locationId) => ({ concernId, locationId })))
      .run();
  }

  tx.delete(concernDocuments).where(eq(concernDocuments.concernId, concernId)).run();
  const seen = new Set<number>();
  const chosen = values.documents
    .map((row, index) => ({ ...row, index }))
    .filter((row) => row.selected && !seen.has(row.documentId) && seen.add(row.documentId))
    // Rows without a number keep their place after the numbered ones, in table order.
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.index - b.index);
  if (chosen.length > 0) {
    tx.insert(concernDocuments)
      .values(
        chosen.map((row, index) => ({
          concernId,
          documentId: row.documentId,
          scope: row.scope,
          count: row.count,
          conditionDe: row.condition?.de ?? null,
          conditionEn: row.condition?.en ?? null,
          position: index + 1,
        })),
      )
      .run();
  }

  tx.delete(concernForms).where(eq(concernForms.concernId, concernId)).run();
  if (values.formIds.length > 0) {
    tx.insert(concernForms)
      .values(values.formIds.map((formId) => ({ concernId, formId })))
      .run();
  }
}

function concernColumns(values: ConcernValues) {
  return {
    categoryId: values.categoryId,
    nameDe: values.nameDe,
    nameEn: values.nameEn,
    descriptionDe: values.descriptionDe,
    descriptionEn: values.descriptionEn,
    durationMinutes: values.durationMinutes,
    feeCents: values.fee,
    feeNoteDe: values.feeNoteDe,
    feeNoteEn: values.feeNoteEn,
    maxQuantity: values.maxQuantity,
    leikaKey: values.leikaKey,
    active: values.active,
  };
}

export function createConcern(access: StaffAccess, input: ConcernInput): Concern {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(concernSchema, input, "concern");
  return inWriteTransaction(db, (tx) => {
    requireExistingReferences(tx, values);
    const slug = resolveUniqueSlug(values.slug, values.nameDe, "anliegen", concernSlugTaken(tx, null), "slug", "slug_taken");
    const concern = tx
      .insert(concerns)
      .values({ ...concernColumns(values), slug, position: values.position ?? nextConcernPosition(tx, values.categoryId) })
      .returning()
      .get();
    writeConcernLinks(tx, concern.id, values);
    recordAudit(tx, actor, { action: "concern.create", entityType: "concern", entityId: concern.id, after: concernAuditView(tx, concern) });
    return concern;
  });
}

/**
 * Saves the whole concern form. Unticking "active" is how a concern is retired: bookings keep referring to it, it just
 * cannot be chosen any more. A changed duration or fee applies to new bookings only (bookings keep their snapshot).
 */
export function updateConcern(access: StaffAccess, id: number, input: ConcernInput): Concern {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(concernSchema, input, "concern");
  return inWriteTransaction(db, (tx) => {
    const existing = tx.select().from(concerns).where(eq(concerns.id, id)).get();
    if (!existing) throw new NotFoundError("concern");
    requireExistingReferences(tx, values);
    const before = concernAuditView(tx, existing);
    const slug = resolveUniqueSlug(values.slug, values.nameDe, "anliegen", concernSlugTaken(tx, id), "slug", "slug_taken");
    const position =
      values.position ?? (values.categoryId === existing.categoryId ? existing.position : nextConcernPosition(tx, values.categoryId));
    const updated = tx
      .update(concerns)
      // Saving the form is the review of a concern taken over from the sample catalogue.
      .set({ ...concernColumns(values), slug, position, reviewPending: false })
      .where(eq(concerns.id, id))
      .returning()
      .get();
    writeConcernLinks(tx, id, values);
    const diff = changedFields(before, concernAuditView(tx, updated));
    if (diff) recordAudit(tx, actor, { action: "concern.update", entityType: "concern", entityId: id, ...diff });
    return updated;
  });
}

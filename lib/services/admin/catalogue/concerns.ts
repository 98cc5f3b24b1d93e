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
export async function listConcernGroups(access: StaffAccess): Promise<ConcernGroup[]> {
  const db = authorize(access, "admin").db;
  const entries = await loadCatalogue(db, { includeInactive: true });
  return (await categoriesInOrder(db)).map((category) => ({
    category,
    concerns: entries.filter((entry) => entry.categoryId === category.id),
  }));
}

export async function findConcernEntry(access: StaffAccess, id: number): Promise<CatalogueEntry | undefined> {
  const db = authorize(access, "admin").db;
  return (await loadCatalogue(db, { includeInactive: true })).find((entry) => entry.id === id);
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
async function concernAuditView(tx: DbOrTransaction, concern: Concern) {
  const locationIds = (await tx
    .select({ id: concernLocations.locationId })
    .from(concernLocations)
    .where(eq(concernLocations.concernId, concern.id)))
    .map((row) => row.id)
    .sort((a, b) => a - b);
  const documentLinks = await tx
    .select({
      documentId: concernDocuments.documentId,
      scope: concernDocuments.scope,
      count: concernDocuments.count,
      conditionDe: concernDocuments.conditionDe,
      conditionEn: concernDocuments.conditionEn,
    })
    .from(concernDocuments)
    .where(eq(concernDocuments.concernId, concern.id))
    .orderBy(asc(concernDocuments.position));
  const formIds = (await tx
    .select({ id: concernForms.formId })
    .from(concernForms)
    .where(eq(concernForms.concernId, concern.id)))
    .map((row) => row.id)
    .sort((a, b) => a - b);
  return { ...withoutTimestamps(concern), locationIds, documents: documentLinks, formIds };
}

/** Ids chosen in the form must exist; a stale page (someone deleted a document meanwhile) is told so at the field. */
async function requireExistingReferences(tx: DbTransaction, values: ConcernValues): Promise<void> {
  const problems: Record<string, string[]> = {};
  if (!(await tx.select({ id: concernCategories.id }).from(concernCategories).where(eq(concernCategories.id, values.categoryId)))[0]) {
    problems.categoryId = ["unknown_reference"];
  }
  const missing = async (table: typeof locations | typeof documents | typeof forms, ids: number[]) => {
    if (ids.length === 0) return false;
    const found = await tx.select({ id: table.id }).from(table).where(inArray(table.id, ids));
    return found.length !== ids.length;
  };
  if (await missing(locations, values.locationIds)) problems.locationIds = ["unknown_reference"];
  const documentIds = [...new Set(values.documents.filter((row) => row.selected).map((row) => row.documentId))];
  if (await missing(documents, documentIds)) problems.documents = ["unknown_reference"];
  if (await missing(forms, values.formIds)) problems.formIds = ["unknown_reference"];
  if (Object.keys(problems).length > 0) throw new ValidationError("unknown references", problems);
}

async function nextConcernPosition(tx: DbTransaction, categoryId: number): Promise<number> {
  const row = (await tx.select({ value: max(concerns.position) }).from(concerns).where(eq(concerns.categoryId, categoryId)))[0];
  return (row?.value ?? 0) + 1;
}

function concernSlugTaken(tx: DbTransaction, exceptId: number | null) {
  return async (slug: string) =>
    (await tx
      .select({ id: concerns.id })
      .from(concerns)
      .where(exceptId === null ? eq(concerns.slug, slug) : and(eq(concerns.slug, slug), ne(concerns.id, exceptId))))[0] !== undefined;
}

/** Replaces where a concern is offered, what to bring (in the chosen order) and which forms belong to it. */
async function writeConcernLinks(tx: DbTransaction, concernId: number, values: ConcernValues): Promise<void> {
  await tx.delete(concernLocations).where(eq(concernLocations.concernId, concernId));
  if (values.locationIds.length > 0) {
    await tx.insert(concernLocations)
      .values(values.locationIds.map((locationId) => ({ concernId, locationId })));
  }

  await tx.delete(concernDocuments).where(eq(concernDocuments.concernId, concernId));
  const seen = new Set<number>();
  const chosen = values.documents
    .map((row, index) => ({ ...row, index }))
    .filter((row) => row.selected && !seen.has(row.documentId) && seen.add(row.documentId))
    // Rows without a number keep their place after the numbered ones, in table order.
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.index - b.index);
  if (chosen.length > 0) {
    await tx.insert(concernDocuments)
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
      );
  }

  await tx.delete(concernForms).where(eq(concernForms.concernId, concernId));
  if (values.formIds.length > 0) {
    await tx.insert(concernForms)
      .values(values.formIds.map((formId) => ({ concernId, formId })));
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

export async function createConcern(access: StaffAccess, input: ConcernInput): Promise<Concern> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(concernSchema, input, "concern");
  return inWriteTransaction(db, async (tx) => {
    await requireExistingReferences(tx, values);
    const slug = await resolveUniqueSlug(values.slug, values.nameDe, "anliegen", concernSlugTaken(tx, null), "slug", "slug_taken");
    const concern = (await tx
      .insert(concerns)
      .values({ ...concernColumns(values), slug, position: values.position ?? await nextConcernPosition(tx, values.categoryId) })
      .returning())[0]!;
    await writeConcernLinks(tx, concern.id, values);
    await recordAudit(tx, actor, { action: "concern.create", entityType: "concern", entityId: concern.id, after: await concernAuditView(tx, concern) });
    return concern;
  });
}

/**
 * Saves the whole concern form. Unticking "active" is how a concern is retired: bookings keep referring to it, it just
 * cannot be chosen any more. A changed duration or fee applies to new bookings only (bookings keep their snapshot).
 */
export async function updateConcern(access: StaffAccess, id: number, input: ConcernInput): Promise<Concern> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(concernSchema, input, "concern");
  return inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(concerns).where(eq(concerns.id, id)))[0];
    if (!existing) throw new NotFoundError("concern");
    await requireExistingReferences(tx, values);
    const before = await concernAuditView(tx, existing);
    const slug = await resolveUniqueSlug(values.slug, values.nameDe, "anliegen", concernSlugTaken(tx, id), "slug", "slug_taken");
    const position =
      values.position ?? (values.categoryId === existing.categoryId ? existing.position : await nextConcernPosition(tx, values.categoryId));
    const updated = (await tx
      .update(concerns)
      // Saving the form is the review of a concern taken over from the sample catalogue.
      .set({ ...concernColumns(values), slug, position, reviewPending: false })
      .where(eq(concerns.id, id))
      .returning())[0]!;
    await writeConcernLinks(tx, id, values);
    const diff = changedFields(before, await concernAuditView(tx, updated));
    if (diff) await recordAudit(tx, actor, { action: "concern.update", entityType: "concern", entityId: id, ...diff });
    return updated;
  });
}

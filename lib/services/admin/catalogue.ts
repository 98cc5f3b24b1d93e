/**
 * Administration of the concern catalogue: concerns, their categories, the shared documents catalogue and downloadable
 * forms. Every write is one synchronous BEGIN IMMEDIATE transaction that validates again (the service is the authority,
 * whoever calls it), checks references and uniqueness inside the transaction and writes its audit entry there too.
 *
 * Bookings are never touched: each booking keeps its own end time and a snapshot of its items (duration, fee), so a
 * changed duration or fee applies to new bookings only, and a retired concern is deactivated rather than deleted.
 */
import { and, asc, count, eq, inArray, max, ne } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { loadCatalogue, type CatalogueEntry } from "@/db/queries/catalogue";
import {
  concernCategories,
  concernDocuments,
  documentAlternatives,
  concernForms,
  concernLocations,
  concerns,
  documents,
  forms,
  locations,
  type Concern,
  type ConcernCategory,
  type DocumentRow,
  type FormRow,
} from "@/db/schema";
import type { Language } from "@/lib/domain/enums";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  categorySchema,
  concernSchema,
  documentSchema,
  formatFeeInput,
  formSchema,
  DEFAULT_DOCUMENT_SCOPE,
  TICKED,
  type CategoryInput,
  type ConcernInput,
  type ConcernValues,
  type DocumentInput,
  type FormInput,
} from "@/lib/validation/admin-catalogue";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import { recordAudit } from "../audit";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";

// ---------------------------------------------------------------------------
// Shared helpers (also used by the location and settings services)
// ---------------------------------------------------------------------------

/** Parses with the form's schema; field problems become a ValidationError the form shows next to each field. */
export function parseAdminInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(`invalid ${what}`, fieldErrorsFrom(parsed.error));
  return parsed.data;
}

/** "Führungszeugnis beantragen" → "fuehrungszeugnis-beantragen": German letters spelled out, the rest reduced to a-z0-9. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** A record's slug or key is part of links and seeds; a clash is a conflict the form shows at that field. */
export class DuplicateKeyError extends AppError {
  constructor(field: string, reason: "slug_taken" | "key_taken") {
    super("conflict", `${field} already in use`, { field, reason });
    this.name = "DuplicateKeyError";
  }
}

/**
 * An explicit slug must be free; an empty one is derived from the name and numbered ("-2", "-3") until it is free, so
 * an administrator never has to invent one.
 */
export function resolveUniqueSlug(
  explicit: string | null,
  name: string,
  fallback: string,
  isTaken: (slug: string) => boolean,
  field: string,
  reason: "slug_taken" | "key_taken",
): string {
  if (explicit) {
    if (isTaken(explicit)) throw new DuplicateKeyError(field, reason);
    return explicit;
  }
  const base = slugify(name, fallback);
  if (!isTaken(base)) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base.slice(0, 56)}-${n}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new DuplicateKeyError(field, reason);
}

/** Only what changed, for the audit log; null when nothing did. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T & string>;
  const changed = [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<T>,
  };
}

/** Timestamps say nothing an audit entry's own time does not. */
function withoutTimestamps<T extends { createdAt?: Date; updatedAt?: Date }>(row: T): Omit<T, "createdAt" | "updatedAt"> {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row;
  return rest;
}

// ---------------------------------------------------------------------------
// Reads for the admin pages
// ---------------------------------------------------------------------------

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

export function listCategoriesInOrder(access: StaffAccess): ConcernCategory[] {
  return categoriesInOrder(authorize(access, "admin").db);
}

function categoriesInOrder(db: DbOrTransaction): ConcernCategory[] {
  return db.select().from(concernCategories).orderBy(asc(concernCategories.position), asc(concernCategories.id)).all();
}

export function findCategory(access: StaffAccess, id: number): ConcernCategory | undefined {
  const db = authorize(access, "admin").db;
  return db.select().from(concernCategories).where(eq(concernCategories.id, id)).get();
}

export type WithUsage<T> = T & { usedBy: number };

/** The shared documents, alphabetically, each with the number of concerns that ask for it. */
export function listDocumentsWithUsage(access: StaffAccess): WithUsage<DocumentRow>[] {
  const db = authorize(access, "admin").db;
  const usage = new Map(
    db
      .select({ id: concernDocuments.documentId, n: count() })
      .from(concernDocuments)
      .groupBy(concernDocuments.documentId)
      .all()
      .map((row) => [row.id, row.n]),
  );
  return db
    .select()
    .from(documents)
    .orderBy(asc(documents.nameDe), asc(documents.id))
    .all()
    .map((row) => ({ ...row, usedBy: usage.get(row.id) ?? 0 }));
}

export function findDocument(access: StaffAccess, id: number): WithUsage<DocumentRow> | undefined {
  return listDocumentsWithUsage(access).find((row) => row.id === id);
}

export function listFormsWithUsage(access: StaffAccess): WithUsage<FormRow>[] {
  const db = authorize(access, "admin").db;
  const usage = new Map(
    db
      .select({ id: concernForms.formId, n: count() })
      .from(concernForms)
      .groupBy(concernForms.formId)
      .all()
      .map((row) => [row.id, row.n]),
  );
  return db
    .select()
    .from(forms)
    .orderBy(asc(forms.titleDe), asc(forms.id))
    .all()
    .map((row) => ({ ...row, usedBy: usage.get(row.id) ?? 0 }));
}

export function findForm(access: StaffAccess, id: number): WithUsage<FormRow> | undefined {
  return listFormsWithUsage(access).find((row) => row.id === id);
}

// ---------------------------------------------------------------------------
// Form values (what an edit form starts with)
// ---------------------------------------------------------------------------

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

export function categoryFormValues(category: ConcernCategory | null): CategoryInput {
  return {
    nameDe: category?.nameDe ?? "",
    nameEn: category?.nameEn ?? "",
    slug: category?.slug ?? "",
    position: category ? String(category.position) : "",
    openByDefault: category?.openByDefault ? TICKED : false,
  };
}

export function documentFormValues(document: (DocumentRow & { alternativeIds?: number[] }) | null): DocumentInput {
  return {
    nameDe: document?.nameDe ?? "",
    nameEn: document?.nameEn ?? "",
    key: document?.key ?? "",
    hintDe: document?.hintDe ?? "",
    hintEn: document?.hintEn ?? "",
    alternativeIds: (document?.alternativeIds ?? []).map(String),
  };
}

/** The documents that satisfy a document as well, by id. */
export function documentAlternativeIds(access: StaffAccess, id: number): number[] {
  const db = authorize(access, "admin").db;
  return db
    .select({ id: documentAlternatives.alternativeId })
    .from(documentAlternatives)
    .where(eq(documentAlternatives.documentId, id))
    .orderBy(asc(documentAlternatives.alternativeId))
    .all()
    .map((row) => row.id);
}

/** Replaces a document's alternatives; ids must exist, and a document is no alternative of itself. */
function writeDocumentAlternatives(tx: DbTransaction, documentId: number, alternativeIds: number[]): number[] {
  const ids = [...new Set(alternativeIds)].filter((id) => id !== documentId).sort((a, b) => a - b);
  if (ids.length > 0 && tx.select({ id: documents.id }).from(documents).where(inArray(documents.id, ids)).all().length !== ids.length) {
    throw new ValidationError("unknown references", { alternativeIds: ["unknown_reference"] });
  }
  tx.delete(documentAlternatives).where(eq(documentAlternatives.documentId, documentId)).run();
  if (ids.length > 0) tx.insert(documentAlternatives).values(ids.map((alternativeId) => ({ documentId, alternativeId }))).run();
  return ids;
}

export function formFormValues(form: FormRow | null): FormInput {
  return { titleDe: form?.titleDe ?? "", titleEn: form?.titleEn ?? "", key: form?.key ?? "", href: form?.href ?? "" };
}

// ---------------------------------------------------------------------------
// Concerns
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------

function categorySlugTaken(tx: DbTransaction, exceptId: number | null) {
  return (slug: string) =>
    tx
      .select({ id: concernCategories.id })
      .from(concernCategories)
      .where(exceptId === null ? eq(concernCategories.slug, slug) : and(eq(concernCategories.slug, slug), ne(concernCategories.id, exceptId)))
      .get() !== undefined;
}

function nextCategoryPosition(tx: DbTransaction): number {
  return (tx.select({ value: max(concernCategories.position) }).from(concernCategories).get()?.value ?? 0) + 1;
}

export function createCategory(access: StaffAccess, input: CategoryInput): ConcernCategory {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(categorySchema, input, "category");
  return inWriteTransaction(db, (tx) => {
    const slug = resolveUniqueSlug(values.slug, values.nameDe, "kategorie", categorySlugTaken(tx, null), "slug", "slug_taken");
    const category = tx
      .insert(concernCategories)
      .values({ slug, nameDe: values.nameDe, nameEn: values.nameEn, position: values.position ?? nextCategoryPosition(tx), openByDefault: values.openByDefault })
      .returning()
      .get();
    recordAudit(tx, actor, { action: "category.create", entityType: "concern_category", entityId: category.id, after: category });
    return category;
  });
}

export function updateCategory(access: StaffAccess, id: number, input: CategoryInput): ConcernCategory {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(categorySchema, input, "category");
  return inWriteTransaction(db, (tx) => {
    const existing = tx.select().from(concernCategories).where(eq(concernCategories.id, id)).get();
    if (!existing) throw new NotFoundError("category");
    const slug = resolveUniqueSlug(values.slug, values.nameDe, "kategorie", categorySlugTaken(tx, id), "slug", "slug_taken");
    const updated = tx
      .update(concernCategories)
      .set({ slug, nameDe: values.nameDe, nameEn: values.nameEn, position: values.position ?? existing.position, openByDefault: values.openByDefault })
      .where(eq(concernCategories.id, id))
      .returning()
      .get();
    const diff = changedFields(existing, updated);
    if (diff) recordAudit(tx, actor, { action: "category.update", entityType: "concern_category", entityId: id, ...diff });
    return updated;
  });
}

/**
 * Swaps a category with its neighbour and renumbers all of them 1…n, so equal or sparse positions typed in by hand
 * never make a move button appear to do nothing.
 */
export function moveCategory(access: StaffAccess, id: number, direction: "up" | "down"): ConcernCategory[] {
  const { db, actor } = authorize(access, "admin");
  return inWriteTransaction(db, (tx) => {
    const ordered = categoriesInOrder(tx);
    const index = ordered.findIndex((category) => category.id === id);
    if (index === -1) throw new NotFoundError("category");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= ordered.length) return ordered;
    const reordered = [...ordered];
    [reordered[index], reordered[target]] = [reordered[target]!, reordered[index]!];
    reordered.forEach((category, i) => {
      if (category.position !== i + 1) {
        tx.update(concernCategories).set({ position: i + 1 }).where(eq(concernCategories.id, category.id)).run();
      }
    });
    recordAudit(tx, actor, {
      action: "category.reorder",
      entityType: "concern_category",
      entityId: id,
      before: { order: ordered.map((c) => c.id) },
      after: { order: reordered.map((c) => c.id) },
    });
    return categoriesInOrder(tx);
  });
}

// ---------------------------------------------------------------------------
// Documents to bring
// ---------------------------------------------------------------------------

function documentKeyTaken(tx: DbTransaction, exceptId: number | null) {
  return (key: string) =>
    tx
      .select({ id: documents.id })
      .from(documents)
      .where(exceptId === null ? eq(documents.key, key) : and(eq(documents.key, key), ne(documents.id, exceptId)))
      .get() !== undefined;
}

export function createDocument(access: StaffAccess, input: DocumentInput): DocumentRow {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(documentSchema, input, "document");
  return inWriteTransaction(db, (tx) => {
    const key = resolveUniqueSlug(values.key, values.nameDe, "unterlage", documentKeyTaken(tx, null), "key", "key_taken");
    const row = tx
      .insert(documents)
      .values({ key, nameDe: values.nameDe, nameEn: values.nameEn, hintDe: values.hintDe, hintEn: values.hintEn })
      .returning()
      .get();
    const alternativeIds = writeDocumentAlternatives(tx, row.id, values.alternativeIds);
    recordAudit(tx, actor, { action: "document.create", entityType: "document", entityId: row.id, after: { ...row, alternativeIds } });
    return row;
  });
}

/** A changed document reaches every concern that uses it, including the checklists of existing bookings. */
export function updateDocument(access: StaffAccess, id: number, input: DocumentInput): DocumentRow {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(documentSchema, input, "document");
  return inWriteTransaction(db, (tx) => {
    const existing = tx.select().from(documents).where(eq(documents.id, id)).get();
    if (!existing) throw new NotFoundError("document");
    const previousAlternativeIds = tx
      .select({ id: documentAlternatives.alternativeId })
      .from(documentAlternatives)
      .where(eq(documentAlternatives.documentId, id))
      .orderBy(asc(documentAlternatives.alternativeId))
      .all()
      .map((row) => row.id);
    const key = resolveUniqueSlug(values.key, values.nameDe, "unterlage", documentKeyTaken(tx, id), "key", "key_taken");
    const updated = tx
      .update(documents)
      .set({ key, nameDe: values.nameDe, nameEn: values.nameEn, hintDe: values.hintDe, hintEn: values.hintEn })
      .where(eq(documents.id, id))
      .returning()
      .get();
    const alternativeIds = writeDocumentAlternatives(tx, id, values.alternativeIds);
    const diff = changedFields({ ...existing, alternativeIds: previousAlternativeIds }, { ...updated, alternativeIds });
    if (diff) recordAudit(tx, actor, { action: "document.update", entityType: "document", entityId: id, ...diff });
    return updated;
  });
}

/** Only an unused document can go: deleting a used one would silently shorten concerns' checklists (cascade). */
export function deleteDocument(access: StaffAccess, id: number): void {
  const { db, actor } = authorize(access, "admin");
  inWriteTransaction(db, (tx) => {
    const existing = tx.select().from(documents).where(eq(documents.id, id)).get();
    if (!existing) throw new NotFoundError("document");
    const used = tx.select({ n: count() }).from(concernDocuments).where(eq(concernDocuments.documentId, id)).get()?.n ?? 0;
    if (used > 0) throw new AppError("conflict", "document is in use", { reason: "in_use", usedBy: used });
    tx.delete(documents).where(eq(documents.id, id)).run();
    recordAudit(tx, actor, { action: "document.delete", entityType: "document", entityId: id, before: existing });
  });
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

function formKeyTaken(tx: DbTransaction, exceptId: number | null) {
  return (key: string) =>
    tx
      .select({ id: forms.id })
      .from(forms)
      .where(exceptId === null ? eq(forms.key, key) : and(eq(forms.key, key), ne(forms.id, exceptId)))
      .get() !== undefined;
}

export function createForm(access: StaffAccess, input: FormInput): FormRow {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(formSchema, input, "form");
  return inWriteTransaction(db, (tx) => {
    const key = resolveUniqueSlug(values.key, values.titleDe, "formular", formKeyTaken(tx, null), "key", "key_taken");
    const row = tx.insert(forms).values({ key, titleDe: values.titleDe, titleEn: values.titleEn, href: values.href }).returning().get();
    recordAudit(tx, actor, { action: "form.create", entityType: "form", entityId: row.id, after: row });
    return row;
  });
}

export function updateForm(access: StaffAccess, id: number, input: FormInput): FormRow {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(formSchema, input, "form");
  return inWriteTransaction(db, (tx) => {
    const existing = tx.select().from(forms).where(eq(forms.id, id)).get();
    if (!existing) throw new NotFoundError("form");
    const key = resolveUniqueSlug(values.key, values.titleDe, "formular", formKeyTaken(tx, id), "key", "key_taken");
    const updated = tx
      .update(forms)
      .set({ key, titleDe: values.titleDe, titleEn: values.titleEn, href: values.href })
      .where(eq(forms.id, id))
      .returning()
      .get();
    const diff = changedFields(existing, updated);
    if (diff) recordAudit(tx, actor, { action: "form.update", entityType: "form", entityId: id, ...diff });
    return updated;
  });
}

export function deleteForm(access: StaffAccess, id: number): void {
  const { db, actor } = authorize(access, "admin");
  inWriteTransaction(db, (tx) => {
    const existing = tx.select().from(forms).where(eq(forms.id, id)).get();
    if (!existing) throw new NotFoundError("form");
    const used = tx.select({ n: count() }).from(concernForms).where(eq(concernForms.formId, id)).get()?.n ?? 0;
    if (used > 0) throw new AppError("conflict", "form is in use", { reason: "in_use", usedBy: used });
    tx.delete(forms).where(eq(forms.id, id)).run();
    recordAudit(tx, actor, { action: "form.delete", entityType: "form", entityId: id, before: existing });
  });
}

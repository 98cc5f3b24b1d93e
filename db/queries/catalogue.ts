import "server-only";
import { asc, eq } from "drizzle-orm";
import type { CatalogueConcern } from "@/lib/domain/booking-request";
import type { DocumentAlternatives } from "@/lib/domain/checklist";
import type { DocumentScope } from "@/lib/domain/enums";
import type { DbOrTransaction } from "../client";
import { revisionStamp, StampedCache } from "../revisions";
import {
  concernCategories,
  concernDocuments,
  documentAlternatives,
  concernForms,
  concernLocations,
  concerns,
  documents,
  forms,
  type Concern,
  type ConcernCategory,
  type DocumentRow,
  type FormRow,
} from "../schema";

export type ConcernDocumentEntry = {
  document: DocumentRow;
  scope: DocumentScope;
  count: number;
  /** Null: always needed. */
  condition: { de: string; en: string } | null;
};
export type CatalogueEntry = Concern & {
  category: ConcernCategory;
  documents: ConcernDocumentEntry[];
  forms: FormRow[];
  locationIds: number[];
};

const catalogueCache = new StampedCache<CatalogueEntry[]>(8);

/**
 * The whole concern catalogue with documents, forms and locations, in display order. Read on nearly every request,
 * changed rarely: kept per process until the "catalogue" change counter moves. Callers must not mutate it.
 */
export async function loadCatalogue(db: DbOrTransaction, options: { includeInactive?: boolean } = {}): Promise<CatalogueEntry[]> {
  const stamp = await revisionStamp(db, ["catalogue"]);
  return await catalogueCache.getOrCompute(options.includeInactive ? "all" : "active", stamp, async () => readCatalogue(db, options));
}

async function readCatalogue(db: DbOrTransaction, options: { includeInactive?: boolean }): Promise<CatalogueEntry[]> {
  const categoryRows = await db.select().from(concernCategories);
  const categoriesById = new Map(categoryRows.map((c) => [c.id, c]));
  const concernRows = await db
    .select()
    .from(concerns)
    .where(options.includeInactive ? undefined : eq(concerns.active, true))
    .orderBy(asc(concerns.position), asc(concerns.id));

  const documentRows = await db
    .select({ link: concernDocuments, document: documents })
    .from(concernDocuments)
    .innerJoin(documents, eq(documents.id, concernDocuments.documentId))
    .orderBy(asc(concernDocuments.position));
  const formRows = await db
    .select({ concernId: concernForms.concernId, form: forms })
    .from(concernForms)
    .innerJoin(forms, eq(forms.id, concernForms.formId))
    .orderBy(asc(forms.id));
  const locationRows = await db.select().from(concernLocations).orderBy(asc(concernLocations.concernId), asc(concernLocations.locationId));

  const entries = concernRows.map((concern) => ({
    ...concern,
    category: categoriesById.get(concern.categoryId)!,
    documents: documentRows
      .filter((row) => row.link.concernId === concern.id)
      .map((row) => ({
        document: row.document,
        scope: row.link.scope,
        count: row.link.count,
        condition: row.link.conditionDe !== null && row.link.conditionEn !== null ? { de: row.link.conditionDe, en: row.link.conditionEn } : null,
      })),
    forms: formRows.filter((row) => row.concernId === concern.id).map((row) => row.form),
    locationIds: locationRows.filter((row) => row.concernId === concern.id).map((row) => row.locationId),
  }));
  return entries.sort(
    (a, b) => a.category.position - b.category.position || a.position - b.position || a.id - b.id,
  );
}

const alternativesCache = new StampedCache<DocumentAlternatives>(2);

/** Document key → keys of the documents that satisfy it as well (the checklist lists only those). */
export async function loadDocumentAlternatives(db: DbOrTransaction): Promise<DocumentAlternatives> {
  const stamp = await revisionStamp(db, ["catalogue"]);
  return await alternativesCache.getOrCompute("all", stamp, async () => {
    const keys = new Map((await db.select({ id: documents.id, key: documents.key }).from(documents)).map((row) => [row.id, row.key]));
    const result = new Map<string, string[]>();
    for (const row of await db.select().from(documentAlternatives).orderBy(asc(documentAlternatives.alternativeId))) {
      const key = keys.get(row.documentId)!;
      result.set(key, [...(result.get(key) ?? []), keys.get(row.alternativeId)!]);
    }
    return result;
  });
}

/** The engine's view of the catalogue. */
export function toEngineCatalogue(entries: readonly CatalogueEntry[]): Map<number, CatalogueConcern> {
  return new Map(
    entries.map((entry) => [
      entry.id,
      {
        id: entry.id,
        durationMinutes: entry.durationMinutes,
        maxQuantity: entry.maxQuantity,
        active: entry.active,
        locationIds: entry.locationIds,
      },
    ]),
  );
}

export async function listCategories(db: DbOrTransaction): Promise<ConcernCategory[]> {
  return await db.select().from(concernCategories).orderBy(asc(concernCategories.position), asc(concernCategories.id));
}

export async function listForms(db: DbOrTransaction): Promise<FormRow[]> {
  return await db.select().from(forms).orderBy(asc(forms.id));
}

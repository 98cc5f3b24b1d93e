/**
 * Administration of the concern catalogue: the categories that group concerns on the booking pages. Every write is
 * one synchronous BEGIN IMMEDIATE transaction that validates again (the service is the authority, whoever calls it),
 * checks references and uniqueness inside the transaction and writes its audit entry there too.
 */
import { and, asc, eq, max, ne } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { concernCategories, type ConcernCategory } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { categorySchema, TICKED, type CategoryInput } from "@/lib/validation/admin-catalogue";
import { recordAudit } from "../../audit";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";
import { changedFields, parseAdminInput, resolveUniqueSlug } from "./shared";

export function listCategoriesInOrder(access: StaffAccess): ConcernCategory[] {
  return categoriesInOrder(authorize(access, "admin").db);
}

/** Display order; also used by the concerns' grouped list. */
export function categoriesInOrder(db: DbOrTransaction): ConcernCategory[] {
  return db.select().from(concernCategories).orderBy(asc(concernCategories.position), asc(concernCategories.id)).all();
}

export function findCategory(access: StaffAccess, id: number): ConcernCategory | undefined {
  const db = authorize(access, "admin").db;
  return db.select().from(concernCategories).where(eq(concernCategories.id, id)).get();
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

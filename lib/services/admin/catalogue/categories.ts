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

export async function listCategoriesInOrder(access: StaffAccess): Promise<ConcernCategory[]> {
  return categoriesInOrder(authorize(access, "admin").db);
}

/** Display order; also used by the concerns' grouped list. */
export async function categoriesInOrder(db: DbOrTransaction): Promise<ConcernCategory[]> {
  return await db.select().from(concernCategories).orderBy(asc(concernCategories.position), asc(concernCategories.id));
}

export async function findCategory(access: StaffAccess, id: number): Promise<ConcernCategory | undefined> {
  const db = authorize(access, "admin").db;
  return (await db.select().from(concernCategories).where(eq(concernCategories.id, id)))[0];
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
  return async (slug: string) =>
    (await tx
      .select({ id: concernCategories.id })
      .from(concernCategories)
      .where(exceptId === null ? eq(concernCategories.slug, slug) : and(eq(concernCategories.slug, slug), ne(concernCategories.id, exceptId))))[0] !== undefined;
}

async function nextCategoryPosition(tx: DbTransaction): Promise<number> {
  return ((await tx.select({ value: max(concernCategories.position) }).from(concernCategories).limit(1))[0]?.value ?? 0) + 1;
}

export async function createCategory(access: StaffAccess, input: CategoryInput): Promise<ConcernCategory> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(categorySchema, input, "category");
  return inWriteTransaction(db, async (tx) => {
    const slug = await resolveUniqueSlug(values.slug, values.nameDe, "kategorie", categorySlugTaken(tx, null), "slug", "slug_taken");
    const category = (await tx
      .insert(concernCategories)
      .values({ slug, nameDe: values.nameDe, nameEn: values.nameEn, position: values.position ?? await nextCategoryPosition(tx), openByDefault: values.openByDefault })
      .returning())[0]!;
    await recordAudit(tx, actor, { action: "category.create", entityType: "concern_category", entityId: category.id, after: category });
    return category;
  });
}

export async function updateCategory(access: StaffAccess, id: number, input: CategoryInput): Promise<ConcernCategory> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(categorySchema, input, "category");
  return inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(concernCategories).where(eq(concernCategories.id, id)))[0];
    if (!existing) throw new NotFoundError("category");
    const slug = await resolveUniqueSlug(values.slug, values.nameDe, "kategorie", categorySlugTaken(tx, id), "slug", "slug_taken");
    const updated = (await tx
      .update(concernCategories)
      .set({ slug, nameDe: values.nameDe, nameEn: values.nameEn, position: values.position ?? existing.position, openByDefault: values.openByDefault })
      .where(eq(concernCategories.id, id))
      .returning())[0]!;
    const diff = changedFields(existing, updated);
    if (diff) await recordAudit(tx, actor, { action: "category.update", entityType: "concern_category", entityId: id, ...diff });
    return updated;
  });
}

/**
 * Swaps a category with its neighbour and renumbers all of them 1…n, so equal or sparse positions typed in by hand
 * never make a move button appear to do nothing.
 */
export async function moveCategory(access: StaffAccess, id: number, direction: "up" | "down"): Promise<ConcernCategory[]> {
  const { db, actor } = authorize(access, "admin");
  return inWriteTransaction(db, async (tx) => {
    const ordered = await categoriesInOrder(tx);
    const index = ordered.findIndex((category) => category.id === id);
    if (index === -1) throw new NotFoundError("category");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= ordered.length) return ordered;
    const reordered = [...ordered];
    [reordered[index], reordered[target]] = [reordered[target]!, reordered[index]!];
    for (const [i, category] of reordered.entries()) {
        if (category.position !== i + 1) {
          await tx.update(concernCategories).set({ position: i + 1 }).where(eq(concernCategories.id, category.id));
        }
      }
    await recordAudit(tx, actor, {
        action: "category.reorder",
        entityType: "concern_category",
        entityId: id,
        before: { order: ordered.map((c) => c.id) },
        after: { order: reordered.map((c) => c.id) },
      });
    return categoriesInOrder(tx);
  });
}

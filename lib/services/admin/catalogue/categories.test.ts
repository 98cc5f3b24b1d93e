import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/db/queries/catalogue";
import { concernCategories } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { NotFoundError } from "@/lib/errors";
import { seededContext } from "@/lib/testing/booking-fixtures";
import { auditEntriesOf, fieldErrorsOf } from "@/lib/testing/admin-forms";
import { signedInAccess } from "@/lib/testing/staff-access";
import { TICKED } from "@/lib/validation/admin-catalogue";
import type { ServiceContext } from "../../context";
import { categoryFormValues, createCategory, listCategoriesInOrder, moveCategory, updateCategory } from "./categories";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  admin = await signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

const auditEntries = async (action: string) => auditEntriesOf(context.db, action);

describe("categories", () => {
  it("creates a category at the end, with a derived slug, and audits it", async () => {
    const category = await createCategory(admin, { nameDe: "Fundbüro und Gewerbe", nameEn: "Lost property and trade", slug: "", position: "" });
    expect(category.slug).toBe("fundbuero-und-gewerbe");
    expect((await listCategoriesInOrder(admin)).at(-1)!.id).toBe(category.id);
    expect(await auditEntries("category.create")).toHaveLength(1);
  });

  it("renames a category in both languages", async () => {
    const category = (await listCategoriesInOrder(admin))[0]!;
    await updateCategory(admin, category.id, { ...categoryFormValues(category), nameDe: "Ausweise und Pässe", nameEn: "ID cards and passports" });
    expect((await context.db.select().from(concernCategories).where(eq(concernCategories.id, category.id)))[0]).toMatchObject({ nameDe: "Ausweise und Pässe", nameEn: "ID cards and passports", slug: category.slug });
    expect((await auditEntries("category.update"))[0]!.after).toEqual({ nameDe: "Ausweise und Pässe", nameEn: "ID cards and passports" });
  });

  it("marks a category as open on the concerns step, audits it, and the booking pages' catalogue reads it at once", async () => {
    const openOnBookingPage = async (slug: string) => (await loadCatalogue(context.db)).find((entry) => entry.category.slug === slug)!.category.openByDefault;
    // The seed marks the common ones.
    expect((await listCategoriesInOrder(admin)).map((c) => [c.slug, c.openByDefault])).toEqual([
      ["ausweisdokumente", true],
      ["meldewesen", true],
      ["kfz-zulassung", false],
      ["weitere-anliegen", false],
    ]);
    expect(await openOnBookingPage("kfz-zulassung")).toBe(false);
    const kfz = (await listCategoriesInOrder(admin)).find((c) => c.slug === "kfz-zulassung")!;
    expect(categoryFormValues(kfz).openByDefault).toBe(false);
    await updateCategory(admin, kfz.id, { ...categoryFormValues(kfz), openByDefault: TICKED });
    expect(await openOnBookingPage("kfz-zulassung")).toBe(true);
    expect((await auditEntries("category.update"))[0]).toMatchObject({ before: { openByDefault: false }, after: { openByDefault: true } });
    const updated = (await listCategoriesInOrder(admin)).find((c) => c.id === kfz.id)!;
    expect(categoryFormValues(updated).openByDefault).toBe(TICKED);
    // An unticked box is not posted at all.
    const { openByDefault: _ticked, ...unticked } = categoryFormValues(updated);
    await updateCategory(admin, kfz.id, unticked);
    expect(await openOnBookingPage("kfz-zulassung")).toBe(false);
    expect((await createCategory(admin, { nameDe: "Neu", nameEn: "New", openByDefault: TICKED })).openByDefault).toBe(true);
    expect((await createCategory(admin, { nameDe: "Neu zwei", nameEn: "New two" })).openByDefault).toBe(false);
  });

  it("refuses a slug in use", async () => {
    await expect((async () => createCategory(admin, { nameDe: "X", nameEn: "X", slug: "meldewesen" }))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it.each([
    ["an empty English name", { nameEn: "" }, { nameEn: ["required"] }],
    ["an order in words", { position: "zwei" }, { position: ["position_invalid"] }],
  ])("refuses %s", async (_label, changes, expected) => {
    expect(await fieldErrorsOf(async () => createCategory(admin, { nameDe: "Neu", nameEn: "New", ...changes }))).toEqual(expected);
  });

  it("moves a category up and down, renumbering the order, and stops at the ends", async () => {
    const [a, b, c] = (await listCategoriesInOrder(admin)).map((category) => category.id);
    await moveCategory(admin, b!, "up");
    expect((await listCategoriesInOrder(admin)).slice(0, 3).map((category) => category.id)).toEqual([b, a, c]);
    await moveCategory(admin, b!, "up");
    expect((await listCategoriesInOrder(admin)).slice(0, 3).map((category) => category.id)).toEqual([b, a, c]);
    await moveCategory(admin, a!, "down");
    expect((await listCategoriesInOrder(admin)).slice(0, 3).map((category) => category.id)).toEqual([b, c, a]);
    expect((await listCategoriesInOrder(admin)).map((category) => category.position)).toEqual([1, 2, 3, 4]);
    expect(await auditEntries("category.reorder")).toHaveLength(2);
    await expect((async () => moveCategory(admin, 9_999, "up"))()).rejects.toThrow(NotFoundError);
  });
});

/**
 * Administration of the concern catalogue: downloadable forms (PDFs or links a citizen fills in before the
 * appointment). Every write is one synchronous BEGIN IMMEDIATE transaction that validates again (the service is the
 * authority, whoever calls it), checks references and uniqueness inside the transaction and writes its audit entry
 * there too.
 */
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { DbTransaction } from "@/db/client";
import { concernForms, forms, type FormRow } from "@/db/schema";
import { AppError, NotFoundError } from "@/lib/errors";
import { formSchema, type FormInput } from "@/lib/validation/admin-catalogue";
import { recordAudit } from "../../audit";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";
import { changedFields, parseAdminInput, resolveUniqueSlug, type WithUsage } from "./shared";

export async function listFormsWithUsage(access: StaffAccess): Promise<WithUsage<FormRow>[]> {
  const db = authorize(access, "admin").db;
  const usage = new Map(
    (await db
      .select({ id: concernForms.formId, n: count() })
      .from(concernForms)
      .groupBy(concernForms.formId))
      .map((row) => [row.id, row.n]),
  );
  return (await db
    .select()
    .from(forms)
    .orderBy(asc(forms.titleDe), asc(forms.id)))
    .map((row) => ({ ...row, usedBy: usage.get(row.id) ?? 0 }));
}

export async function findForm(access: StaffAccess, id: number): Promise<WithUsage<FormRow> | undefined> {
  return (await listFormsWithUsage(access)).find((row) => row.id === id);
}

export function formFormValues(form: FormRow | null): FormInput {
  return { titleDe: form?.titleDe ?? "", titleEn: form?.titleEn ?? "", key: form?.key ?? "", href: form?.href ?? "" };
}

function formKeyTaken(tx: DbTransaction, exceptId: number | null) {
  return async (key: string) =>
    (await tx
      .select({ id: forms.id })
      .from(forms)
      .where(exceptId === null ? eq(forms.key, key) : and(eq(forms.key, key), ne(forms.id, exceptId))))[0] !== undefined;
}

export async function createForm(access: StaffAccess, input: FormInput): Promise<FormRow> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(formSchema, input, "form");
  return inWriteTransaction(db, async (tx) => {
    const key = await resolveUniqueSlug(values.key, values.titleDe, "formular", formKeyTaken(tx, null), "key", "key_taken");
    const row = (await tx.insert(forms).values({ key, titleDe: values.titleDe, titleEn: values.titleEn, href: values.href }).returning())[0]!;
    await recordAudit(tx, actor, { action: "form.create", entityType: "form", entityId: row.id, after: row });
    return row;
  });
}

export async function updateForm(access: StaffAccess, id: number, input: FormInput): Promise<FormRow> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(formSchema, input, "form");
  return inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(forms).where(eq(forms.id, id)))[0];
    if (!existing) throw new NotFoundError("form");
    const key = await resolveUniqueSlug(values.key, values.titleDe, "formular", formKeyTaken(tx, id), "key", "key_taken");
    const updated = (await tx
      .update(forms)
      .set({ key, titleDe: values.titleDe, titleEn: values.titleEn, href: values.href })
      .where(eq(forms.id, id))
      .returning())[0]!;
    const diff = changedFields(existing, updated);
    if (diff) await recordAudit(tx, actor, { action: "form.update", entityType: "form", entityId: id, ...diff });
    return updated;
  });
}

export async function deleteForm(access: StaffAccess, id: number): Promise<void> {
  const { db, actor } = authorize(access, "admin");
  await inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(forms).where(eq(forms.id, id)))[0];
    if (!existing) throw new NotFoundError("form");
    const used = (await tx.select({ n: count() }).from(concernForms).where(eq(concernForms.formId, id)))[0]?.n ?? 0;
    if (used > 0) throw new AppError("conflict", "form is in use", { reason: "in_use", usedBy: used });
    await tx.delete(forms).where(eq(forms.id, id));
    await recordAudit(tx, actor, { action: "form.delete", entityType: "form", entityId: id, before: existing });
  });
}

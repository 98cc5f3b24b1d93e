/**
 * Administration of the concern catalogue: the shared catalogue of documents to bring, and which documents satisfy
 * one as well. Every write is one synchronous BEGIN IMMEDIATE transaction that validates again (the service is the
 * authority, whoever calls it), checks references and uniqueness inside the transaction and writes its audit entry
 * there too.
 */
import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import type { DbTransaction } from "@/db/client";
import {
  concernDocuments,
  documentAlternatives,
  documents,
  type DocumentRow,
} from "@/db/schema";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { documentSchema, type DocumentInput } from "@/lib/validation/admin-catalogue";
import { recordAudit } from "../../audit";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";
import { changedFields, parseAdminInput, resolveUniqueSlug, type WithUsage } from "./shared";

/** The shared documents, alphabetically, each with the number of concerns that ask for it. */
export async function listDocumentsWithUsage(access: StaffAccess): Promise<WithUsage<DocumentRow>[]> {
  const db = authorize(access, "admin").db;
  const usage = new Map(
    (await db
      .select({ id: concernDocuments.documentId, n: count() })
      .from(concernDocuments)
      .groupBy(concernDocuments.documentId))
      .map((row) => [row.id, row.n]),
  );
  return (await db
    .select()
    .from(documents)
    .orderBy(asc(documents.nameDe), asc(documents.id)))
    .map((row) => ({ ...row, usedBy: usage.get(row.id) ?? 0 }));
}

export async function findDocument(access: StaffAccess, id: number): Promise<WithUsage<DocumentRow> | undefined> {
  return (await listDocumentsWithUsage(access)).find((row) => row.id === id);
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
export async function documentAlternativeIds(access: StaffAccess, id: number): Promise<number[]> {
  const db = authorize(access, "admin").db;
  return (await db
    .select({ id: documentAlternatives.alternativeId })
    .from(documentAlternatives)
    .where(eq(documentAlternatives.documentId, id))
    .orderBy(asc(documentAlternatives.alternativeId)))
    .map((row) => row.id);
}

/** Replaces a document's alternatives; ids must exist, and a document is no alternative of itself. */
async function writeDocumentAlternatives(tx: DbTransaction, documentId: number, alternativeIds: number[]): Promise<number[]> {
  const ids = [...new Set(alternativeIds)].filter((id) => id !== documentId).sort((a, b) => a - b);
  if (ids.length > 0 && (await tx.select({ id: documents.id }).from(documents).where(inArray(documents.id, ids))).length !== ids.length) {
    throw new ValidationError("unknown references", { alternativeIds: ["unknown_reference"] });
  }
  await tx.delete(documentAlternatives).where(eq(documentAlternatives.documentId, documentId));
  if (ids.length > 0) await tx.insert(documentAlternatives).values(ids.map((alternativeId) => ({ documentId, alternativeId })));
  return ids;
}

function documentKeyTaken(tx: DbTransaction, exceptId: number | null) {
  return async (key: string) =>
    (await tx
      .select({ id: documents.id })
      .from(documents)
      .where(exceptId === null ? eq(documents.key, key) : and(eq(documents.key, key), ne(documents.id, exceptId))))[0] !== undefined;
}

export async function createDocument(access: StaffAccess, input: DocumentInput): Promise<DocumentRow> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(documentSchema, input, "document");
  return inWriteTransaction(db, async (tx) => {
    const key = await resolveUniqueSlug(values.key, values.nameDe, "unterlage", documentKeyTaken(tx, null), "key", "key_taken");
    const row = (await tx
      .insert(documents)
      .values({ key, nameDe: values.nameDe, nameEn: values.nameEn, hintDe: values.hintDe, hintEn: values.hintEn })
      .returning())[0]!;
    const alternativeIds = await writeDocumentAlternatives(tx, row.id, values.alternativeIds);
    await recordAudit(tx, actor, { action: "document.create", entityType: "document", entityId: row.id, after: { ...row, alternativeIds } });
    return row;
  });
}

/** A changed document reaches every concern that uses it, including the checklists of existing bookings. */
export async function updateDocument(access: StaffAccess, id: number, input: DocumentInput): Promise<DocumentRow> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(documentSchema, input, "document");
  return inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(documents).where(eq(documents.id, id)))[0];
    if (!existing) throw new NotFoundError("document");
    const previousAlternativeIds = (await tx
      .select({ id: documentAlternatives.alternativeId })
      .from(documentAlternatives)
      .where(eq(documentAlternatives.documentId, id))
      .orderBy(asc(documentAlternatives.alternativeId)))
      .map((row) => row.id);
    const key = await resolveUniqueSlug(values.key, values.nameDe, "unterlage", documentKeyTaken(tx, id), "key", "key_taken");
    const updated = (await tx
      .update(documents)
      .set({ key, nameDe: values.nameDe, nameEn: values.nameEn, hintDe: values.hintDe, hintEn: values.hintEn })
      .where(eq(documents.id, id))
      .returning())[0]!;
    const alternativeIds = await writeDocumentAlternatives(tx, id, values.alternativeIds);
    const diff = changedFields({ ...existing, alternativeIds: previousAlternativeIds }, { ...updated, alternativeIds });
    if (diff) await recordAudit(tx, actor, { action: "document.update", entityType: "document", entityId: id, ...diff });
    return updated;
  });
}

/** Only an unused document can go: deleting a used one would silently shorten concerns' checklists (cascade). */
export async function deleteDocument(access: StaffAccess, id: number): Promise<void> {
  const { db, actor } = authorize(access, "admin");
  await inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(documents).where(eq(documents.id, id)))[0];
    if (!existing) throw new NotFoundError("document");
    const used = (await tx.select({ n: count() }).from(concernDocuments).where(eq(concernDocuments.documentId, id)))[0]?.n ?? 0;
    if (used > 0) throw new AppError("conflict", "document is in use", { reason: "in_use", usedBy: used });
    await tx.delete(documents).where(eq(documents.id, id));
    await recordAudit(tx, actor, { action: "document.delete", entityType: "document", entityId: id, before: existing });
  });
}

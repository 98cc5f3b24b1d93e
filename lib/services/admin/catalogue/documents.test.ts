import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDocumentAlternatives } from "@/db/queries/catalogue";
import { concernDocuments, documents } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { NotFoundError } from "@/lib/errors";
import { seededContext } from "@/lib/testing/booking-fixtures";
import { auditEntriesOf, fieldErrorsOf } from "@/lib/testing/admin-forms";
import { signedInAccess } from "@/lib/testing/staff-access";
import type { ServiceContext } from "../../context";
import { createDocument, deleteDocument, documentAlternativeIds, updateDocument } from "./documents";

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

describe("documents catalogue", () => {
  it("saves the documents that satisfy a document as well; the checklist reads them at once", async () => {
    const db = context.db;
    const id = async (key: string) => (await db.select().from(documents).where(eq(documents.key, key)))[0]!.id;
    const photo = await id("biometric-photo");
    const input = { nameDe: "Foto", nameEn: "Photo", key: "biometric-photo" };
    // A document is no alternative of itself; the rest is kept in id order.
    await updateDocument(admin, photo, { ...input, alternativeIds: [String(await id("birth-certificate")), String(photo), String(await id("guardian-id"))] });
    expect(await documentAlternativeIds(admin, photo)).toEqual([await id("birth-certificate"), await id("guardian-id")].sort((a, b) => a - b));
    expect((await loadDocumentAlternatives(db)).get("biometric-photo")).toEqual(expect.arrayContaining(["birth-certificate", "guardian-id"]));
    const [audit] = await auditEntries("document.update");
    expect(audit!.after).toMatchObject({ alternativeIds: [await id("birth-certificate"), await id("guardian-id")].sort((a, b) => a - b) });

    expect(await fieldErrorsOf(async () => updateDocument(admin, photo, { ...input, alternativeIds: ["99999"] }))).toEqual({ alternativeIds: ["unknown_reference"] });
    await updateDocument(admin, photo, input);
    expect(await documentAlternativeIds(admin, photo)).toEqual([]);
    expect((await loadDocumentAlternatives(db)).get("biometric-photo")).toBeUndefined();
  });

  it("creates a document with a derived key; a second with the same name gets a numbered key", async () => {
    const first = await createDocument(admin, { nameDe: "Heiratsurkunde", nameEn: "Marriage certificate", key: "", hintDe: "", hintEn: "" });
    const second = await createDocument(admin, { nameDe: "Heiratsurkunde", nameEn: "Marriage certificate", key: "" });
    expect([first.key, second.key]).toEqual(["heiratsurkunde", "heiratsurkunde-2"]);
    expect(first.hintDe).toBeNull();
    expect(await auditEntries("document.create")).toHaveLength(2);
  });

  it("refuses a key in use as a conflict at the key field", async () => {
    await expect((async () => createDocument(admin, { nameDe: "Foto", nameEn: "Photo", key: "biometric-photo" }))()).rejects.toThrow(expect.objectContaining({ code: "conflict", details: { field: "key", reason: "key_taken" } }));
  });

  it("needs a hint in both languages or neither", async () => {
    expect(await fieldErrorsOf(async () => createDocument(admin, { nameDe: "A", nameEn: "A", hintEn: "Only English" }))).toEqual({ hintDe: ["translation_required"] });
  });

  it("updates a document and audits the change", async () => {
    const document = (await context.db.select().from(documents).where(eq(documents.key, "biometric-photo")))[0]!;
    await updateDocument(admin, document.id, { nameDe: "Biometrisches Passfoto", nameEn: document.nameEn, key: document.key, hintDe: document.hintDe ?? "", hintEn: document.hintEn ?? "" });
    expect((await context.db.select().from(documents).where(eq(documents.id, document.id)))[0]!.nameDe).toBe("Biometrisches Passfoto");
    expect((await auditEntries("document.update"))[0]!.after).toEqual({ nameDe: "Biometrisches Passfoto" });
  });

  it("deletes only a document no concern uses", async () => {
    const used = (await context.db.select().from(documents).where(eq(documents.key, "biometric-photo")))[0]!;
    await expect((async () => deleteDocument(admin, used.id))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    expect((await context.db.select().from(concernDocuments).where(eq(concernDocuments.documentId, used.id))).length).toBeGreaterThan(0);

    const unused = await createDocument(admin, { nameDe: "Unbenutzt", nameEn: "Unused" });
    await deleteDocument(admin, unused.id);
    expect((await context.db.select().from(documents).where(eq(documents.id, unused.id)))[0]).toBeUndefined();
    expect((await auditEntries("document.delete"))[0]!.before).toMatchObject({ key: "unbenutzt" });
    await expect((async () => deleteDocument(admin, unused.id))()).rejects.toThrow(NotFoundError);
  });
});

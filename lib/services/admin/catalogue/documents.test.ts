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
  admin = signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

const auditEntries = (action: string) => auditEntriesOf(context.db, action);

describe("documents catalogue", () => {
  it("saves the documents that satisfy a document as well; the checklist reads them at once", () => {
    const db = context.db;
    const id = (key: string) => db.select().from(documents).where(eq(documents.key, key)).get()!.id;
    const photo = id("biometric-photo");
    const input = { nameDe: "Foto", nameEn: "Photo", key: "biometric-photo" };
    // A document is no alternative of itself; the rest is kept in id order.
    updateDocument(admin, photo, { ...input, alternativeIds: [String(id("birth-certificate")), String(photo), String(id("guardian-id"))] });
    expect(documentAlternativeIds(admin, photo)).toEqual([id("birth-certificate"), id("guardian-id")].sort((a, b) => a - b));
    expect(loadDocumentAlternatives(db).get("biometric-photo")).toEqual(expect.arrayContaining(["birth-certificate", "guardian-id"]));
    const [audit] = auditEntries("document.update");
    expect(audit!.after).toMatchObject({ alternativeIds: [id("birth-certificate"), id("guardian-id")].sort((a, b) => a - b) });

    expect(fieldErrorsOf(() => updateDocument(admin, photo, { ...input, alternativeIds: ["99999"] }))).toEqual({ alternativeIds: ["unknown_reference"] });
    updateDocument(admin, photo, input);
    expect(documentAlternativeIds(admin, photo)).toEqual([]);
    expect(loadDocumentAlternatives(db).get("biometric-photo")).toBeUndefined();
  });

  it("creates a document with a derived key; a second with the same name gets a numbered key", () => {
    const first = createDocument(admin, { nameDe: "Heiratsurkunde", nameEn: "Marriage certificate", key: "", hintDe: "", hintEn: "" });
    const second = createDocument(admin, { nameDe: "Heiratsurkunde", nameEn: "Marriage certificate", key: "" });
    expect([first.key, second.key]).toEqual(["heiratsurkunde", "heiratsurkunde-2"]);
    expect(first.hintDe).toBeNull();
    expect(auditEntries("document.create")).toHaveLength(2);
  });

  it("refuses a key in use as a conflict at the key field", () => {
    expect(() => createDocument(admin, { nameDe: "Foto", nameEn: "Photo", key: "biometric-photo" })).toThrow(
      expect.objectContaining({ code: "conflict", details: { field: "key", reason: "key_taken" } }),
    );
  });

  it("needs a hint in both languages or neither", () => {
    expect(fieldErrorsOf(() => createDocument(admin, { nameDe: "A", nameEn: "A", hintEn: "Only English" }))).toEqual({ hintDe: ["translation_required"] });
  });

  it("updates a document and audits the change", () => {
    const document = context.db.select().from(documents).where(eq(documents.key, "biometric-photo")).get()!;
    updateDocument(admin, document.id, { nameDe: "Biometrisches Passfoto", nameEn: document.nameEn, key: document.key, hintDe: document.hintDe ?? "", hintEn: document.hintEn ?? "" });
    expect(context.db.select().from(documents).where(eq(documents.id, document.id)).get()!.nameDe).toBe("Biometrisches Passfoto");
    expect(auditEntries("document.update")[0]!.after).toEqual({ nameDe: "Biometrisches Passfoto" });
  });

  it("deletes only a document no concern uses", () => {
    const used = context.db.select().from(documents).where(eq(documents.key, "biometric-photo")).get()!;
    expect(() => deleteDocument(admin, used.id)).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(context.db.select().from(concernDocuments).where(eq(concernDocuments.documentId, used.id)).all().length).toBeGreaterThan(0);

    const unused = createDocument(admin, { nameDe: "Unbenutzt", nameEn: "Unused" });
    deleteDocument(admin, unused.id);
    expect(context.db.select().from(documents).where(eq(documents.id, unused.id)).get()).toBeUndefined();
    expect(auditEntries("document.delete")[0]!.before).toMatchObject({ key: "unbenutzt" });
    expect(() => deleteDocument(admin, unused.id)).toThrow(NotFoundError);
  });
});

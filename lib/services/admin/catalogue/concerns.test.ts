import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/db/queries/catalogue";
import { bookingItems, bookings, concerns, forms } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { AppError, NotFoundError } from "@/lib/errors";
import { concernId, freeSlots, locationId, seededContext } from "@/lib/testing/booking-fixtures";
import { auditEntriesOf, fieldErrorsOf } from "@/lib/testing/admin-forms";
import { signedInAccess } from "@/lib/testing/staff-access";
import { concernSchema, parseFeeCents, TICKED, withRecordId, type ConcernInput } from "@/lib/validation/admin-catalogue";
import { CITIZEN_ACTOR } from "../../audit";
import { createBooking, type NewBooking } from "../../bookings";
import type { ServiceContext } from "../../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { listCategoriesInOrder } from "./categories";
import { concernFormValues, createConcern, findConcernEntry, listConcernGroups, updateConcern } from "./concerns";
import { listDocumentsWithUsage } from "./documents";
import { slugify } from "./shared";

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


/** What the edit form of an existing concern would post, with some fields changed. */
function editInput(slug: string, changes: Partial<ConcernInput> = {}): ConcernInput {
  const entry = findConcernEntry(admin, concernId(context.db, slug))!;
  return { ...concernFormValues(entry, listDocumentsWithUsage(admin), "de"), ...changes };
}

/** A complete new concern as the empty form would post it once filled in. */
function newInput(changes: Partial<ConcernInput> = {}): ConcernInput {
  const blank = concernFormValues(null, listDocumentsWithUsage(admin), "de");
  const category = listCategoriesInOrder(admin).find((c) => c.slug === "weitere-anliegen")!;
  return {
    ...blank,
    nameDe: "Testanliegen beantragen",
    nameEn: "Applying for a test",
    categoryId: String(category.id),
    descriptionDe: "Eine Beschreibung.",
    descriptionEn: "A description.",
    durationMinutes: "20",
    fee: "12,50",
    maxQuantity: "3",
    locationIds: [String(locationId(context.db, "rathaus"))],
    ...changes,
  };
}

function bookingRequest(concernSlug: string, startsAt: Date, email: string): NewBooking {
  return {
    locationId: locationId(context.db, "rathaus"),
    items: [{ concernId: concernId(context.db, concernSlug), quantity: 1 }],
    startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  };
}

describe("fee parsing", () => {
  it.each([
    ["37,00", 3700],
    ["37.00", 3700],
    ["37", 3700],
    ["8,5", 850],
    [" 37,00 € ", 3700],
    ["0,00", null],
    ["", null],
  ])("reads %j as %j cents", (input, cents) => {
    expect(parseFeeCents(input)).toEqual({ ok: true, cents });
  });

  it.each(["abc", "37,001", "-5", "1.234,56", "37,-", "12345"])("refuses %j", (input) => {
    expect(parseFeeCents(input)).toEqual({ ok: false });
  });

  it.each([
    ["37,00", 3700],
    ["37.00", 3700],
    ["", null],
  ])("stores the fee %j typed into the form as %j cents", (fee, cents) => {
    const concern = createConcern(admin, newInput({ fee }));
    expect(context.db.select().from(concerns).where(eq(concerns.id, concern.id)).get()!.feeCents).toBe(cents);
  });

  it("shows an invalid fee at the fee field and saves nothing", () => {
    const before = context.db.select().from(concerns).all().length;
    expect(fieldErrorsOf(() => createConcern(admin, newInput({ fee: "siebenunddreißig" })))).toEqual({ fee: ["fee_invalid"] });
    expect(context.db.select().from(concerns).all()).toHaveLength(before);
  });
});

describe("concern form validation", () => {
  it.each<[string, Partial<ConcernInput>, Record<string, string[]>]>([
    ["a duration below 5 minutes", { durationMinutes: "0" }, { durationMinutes: ["duration_invalid"] }],
    ["a duration not in 5-minute steps", { durationMinutes: "7" }, { durationMinutes: ["duration_invalid"] }],
    ["a duration above 8 hours", { durationMinutes: "485" }, { durationMinutes: ["duration_invalid"] }],
    ["a duration in words", { durationMinutes: "zehn" }, { durationMinutes: ["duration_invalid"] }],
    ["a negative duration", { durationMinutes: "-5" }, { durationMinutes: ["duration_invalid"] }],
    ["a quantity limit of 0", { maxQuantity: "0" }, { maxQuantity: ["max_quantity_invalid"] }],
    ["a quantity limit of 21", { maxQuantity: "21" }, { maxQuantity: ["max_quantity_invalid"] }],
    ["a LeiKa key of 13 digits", { leikaKey: "9910200500000" }, { leikaKey: ["leika_invalid"] }],
    ["a LeiKa key with letters", { leikaKey: "99102005ABCDEF" }, { leikaKey: ["leika_invalid"] }],
    ["a slug with spaces and symbols", { slug: "mein anliegen!" }, { slug: ["slug_invalid"] }],
    ["an empty German name", { nameDe: "  " }, { nameDe: ["required"] }],
    ["a fee note in German only", { feeNoteDe: "Ermäßigt 10 €" }, { feeNoteEn: ["translation_required"] }],
    ["an active concern no location offers", { locationIds: [] }, { locationIds: ["locations_required"] }],
    ["no category", { categoryId: "" }, { categoryId: ["category_required"] }],
    ["an order below zero", { position: "-1" }, { position: ["position_invalid"] }],
  ])("refuses %s", (_label, changes, expected) => {
    expect(fieldErrorsOf(() => createConcern(admin, newInput(changes)))).toEqual(expected);
  });

  it("accepts a LeiKa key of 14 digits, also typed with spaces", () => {
    const concern = createConcern(admin, newInput({ leikaKey: "99102 00500 0000" }));
    expect(concern.leikaKey).toBe("99102005000000");
  });

  it("checks a document count only for ticked documents", () => {
    const input = newInput();
    const rows = (input.documents ?? []).map((row, index) => (index === 0 ? { ...row, selected: false, count: "0" } : row));
    expect(() => createConcern(admin, { ...input, documents: rows })).not.toThrow();
    const ticked = rows.map((row, index) => (index === 0 ? { ...row, selected: TICKED, count: "0" } : row));
    expect(fieldErrorsOf(() => createConcern(admin, { ...input, documents: ticked }))).toEqual({ "documents.0.count": ["document_count_invalid"] });
  });

  it.each([
    ["a condition in German only", { conditionDe: "Nur beim ersten Ausweis" }, { "documents.0.conditionEn": ["translation_required"] }],
    ["a condition in English only", { conditionEn: "Only for a first ID" }, { "documents.0.conditionDe": ["translation_required"] }],
    ["an unknown scope", { scope: "sometimes" }, { "documents.0.scope": ["document_scope_invalid"] }],
    ["a condition too long", { conditionDe: "x".repeat(201), conditionEn: "y" }, { "documents.0.conditionDe": ["text_too_long"] }],
  ])("refuses a ticked document with %s", (_, row, errors) => {
    const input = newInput();
    const rows = (input.documents ?? []).map((r, index) => (index === 0 ? { ...r, selected: TICKED, count: "1", ...row } : r));
    expect(fieldErrorsOf(() => createConcern(admin, { ...input, documents: rows as typeof input.documents }))).toEqual(errors);
  });

  it("refuses ids that do not exist (a page left open while someone else changed the catalogue)", () => {
    expect(fieldErrorsOf(() => createConcern(admin, newInput({ categoryId: "9999", locationIds: ["9999"] })))).toEqual({
      categoryId: ["unknown_reference"],
      locationIds: ["unknown_reference"],
    });
  });

  it("reads a form posted without JavaScript (flat names, one checkbox value) like the nested browser form", () => {
    const nested = newInput();
    const flat: Record<string, unknown> = { id: "5" };
    for (const [key, value] of Object.entries(nested)) {
      if (key === "documents") continue;
      if (value !== false) flat[key] = value;
    }
    flat["documents.0.documentId"] = nested.documents![0]!.documentId;
    flat["documents.0.selected"] = TICKED;
    flat["documents.0.count"] = "2";
    flat["documents.0.scope"] = "per_person";
    flat["documents.0.conditionDe"] = "Nur beim ersten Ausweis";
    flat["documents.0.conditionEn"] = "Only for a first ID";
    flat["documents.1.documentId"] = nested.documents![1]!.documentId;
    flat["documents.1.count"] = "1";
    flat["documents.1.scope"] = "once_per_visit";
    const parsed = withRecordId(concernSchema).parse(flat);
    expect(parsed).toMatchObject({ id: 5, durationMinutes: 20, fee: 1250, active: true, locationIds: [locationId(context.db, "rathaus")] });
    expect(parsed.documents.map((row) => [row.selected, row.count, row.scope, row.condition])).toEqual([
      [true, 2, "per_person", { de: "Nur beim ersten Ausweis", en: "Only for a first ID" }],
      [false, 1, "once_per_visit", null],
    ]);
  });
});

describe("creating a concern", () => {
  it("saves every field with its locations, ordered documents and forms, and audits it", () => {
    const input = newInput({ leikaKey: "99102005000000", feeNoteDe: "Ermäßigt: 6,00 €", feeNoteEn: "Reduced: €6.00", slug: "" });
    const allDocuments = input.documents!;
    // Tick three documents; the one numbered 1 goes first, the unnumbered one last.
    input.documents = allDocuments.map((row, index) => {
      if (index === 0) return { ...row, selected: TICKED, count: "2", scope: "per_application" as const, position: "2" };
      if (index === 1) {
        return { ...row, selected: TICKED, count: "1", scope: "per_person" as const, conditionDe: " Nur beim ersten Ausweis ", conditionEn: "Only for a first ID", position: "" };
      }
      if (index === 2) return { ...row, selected: TICKED, count: "1", position: "1" };
      return row;
    });
    const formId = String(context.db.select().from(forms).where(eq(forms.key, "vollmacht")).get()!.id);
    input.formIds = [formId];
    input.locationIds = [String(locationId(context.db, "rathaus")), String(locationId(context.db, "nordstadt"))];

    const concern = createConcern(admin, input);
    expect(concern).toMatchObject({ slug: "testanliegen-beantragen", durationMinutes: 20, feeCents: 1250, maxQuantity: 3, active: true, leikaKey: "99102005000000" });
    const entry = findConcernEntry(admin, concern.id)!;
    expect(entry.locationIds.sort()).toEqual([locationId(context.db, "rathaus"), locationId(context.db, "nordstadt")].sort());
    expect(entry.documents.map((d) => [String(d.document.id), d.count, d.scope, d.condition])).toEqual([
      [allDocuments[2]!.documentId, 1, "once_per_visit", null],
      [allDocuments[0]!.documentId, 2, "per_application", null],
      [allDocuments[1]!.documentId, 1, "per_person", { de: "Nur beim ersten Ausweis", en: "Only for a first ID" }],
    ]);
    expect(entry.forms.map((f) => String(f.id))).toEqual([formId]);
    // Placed at the end of its category.
    const group = listConcernGroups(admin).find((g) => g.category.id === concern.categoryId)!;
    expect(group.concerns.at(-1)!.id).toBe(concern.id);

    const [audit] = auditEntries("concern.create");
    expect(audit).toMatchObject({ actorUserId: admin.user.id, actorLabel: admin.user.email, entityType: "concern", entityId: String(concern.id), before: null });
    expect(audit!.after).toMatchObject({ slug: "testanliegen-beantragen", durationMinutes: 20, feeCents: 1250, formIds: [Number(formId)] });
  });

  it("is offered to citizens at once", () => {
    const concern = createConcern(admin, newInput());
    expect(loadCatalogue(context.db).some((entry) => entry.id === concern.id)).toBe(true);
  });
});

describe("slugs and keys", () => {
  it("refuses an explicit slug another concern has, as a conflict at the slug field", () => {
    try {
      createConcern(admin, newInput({ slug: "reisepass" }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
      expect((error as AppError).details).toEqual({ field: "slug", reason: "slug_taken" });
    }
    expect(auditEntries("concern.create")).toHaveLength(0);
  });

  it("refuses renaming a concern's slug to one in use, but keeps its own", () => {
    expect(() => updateConcern(admin, concernId(context.db, "personalausweis"), editInput("personalausweis", { slug: "reisepass" }))).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
    expect(() => updateConcern(admin, concernId(context.db, "personalausweis"), editInput("personalausweis"))).not.toThrow();
  });

  it("derives a missing slug from the German name and numbers it when taken", () => {
    expect(createConcern(admin, newInput({ nameDe: "Reisepass", slug: "" })).slug).toBe("reisepass-2");
    expect(createConcern(admin, newInput({ nameDe: "Reisepass", slug: "" })).slug).toBe("reisepass-3");
  });

  it.each([
    ["Führungszeugnis beantragen", "fuehrungszeugnis-beantragen"],
    ["Anmeldung (Zuzug) – Straße", "anmeldung-zuzug-strasse"],
    ["Café Crème", "cafe-creme"],
    ["!!!", "eintrag"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name, "eintrag")).toBe(slug);
  });
});

describe("updating a concern", () => {
  it("saves the change and audits only what changed", () => {
    const id = concernId(context.db, "fuehrungszeugnis");
    updateConcern(admin, id, editInput("fuehrungszeugnis", { nameEn: "Certificate of good conduct", fee: "14,00" }));
    const row = context.db.select().from(concerns).where(eq(concerns.id, id)).get()!;
    expect(row).toMatchObject({ nameEn: "Certificate of good conduct", feeCents: 1400 });
    const [audit] = auditEntries("concern.update");
    expect(audit!.entityId).toBe(String(id));
    expect(Object.keys(audit!.after as object).sort()).toEqual(["feeCents", "nameEn"]);
    expect((audit!.before as { feeCents: number }).feeCents).toBe(1300);
  });

  it("writes no audit entry when nothing changed", () => {
    updateConcern(admin, concernId(context.db, "reisepass"), editInput("reisepass"));
    expect(auditEntries("concern.update")).toHaveLength(0);
  });

  it("keeps documents, locations and forms exactly as they were when the form is saved unchanged", () => {
    const before = findConcernEntry(admin, concernId(context.db, "anmeldung"))!;
    updateConcern(admin, before.id, editInput("anmeldung"));
    const after = findConcernEntry(admin, before.id)!;
    expect(after.documents).toEqual(before.documents);
    expect(after.locationIds.sort()).toEqual(before.locationIds.sort());
    expect(after.forms).toEqual(before.forms);
  });

  it("answers not found for a concern that does not exist", () => {
    expect(() => updateConcern(admin, 99_999, editInput("reisepass"))).toThrow(NotFoundError);
  });

  it("deactivating retires the concern: no new bookings, existing ones and the row stay", () => {
    const id = concernId(context.db, "meldebescheinigung");
    const itemsBefore = context.db.select().from(bookingItems).where(eq(bookingItems.concernId, id)).all();
    expect(itemsBefore.length).toBeGreaterThan(0);

    updateConcern(admin, id, editInput("meldebescheinigung", { active: false }));

    expect(loadCatalogue(context.db).some((entry) => entry.id === id)).toBe(false);
    expect(findConcernEntry(admin, id)!.active).toBe(false);
    expect(context.db.select().from(bookingItems).where(eq(bookingItems.concernId, id)).all()).toEqual(itemsBefore);
    const [slot] = freeSlots(context.db, [{ concernId: concernId(context.db, "personalausweis"), quantity: 1 }], "rathaus", "2026-12-08");
    expect(() => createBooking(context, CITIZEN_ACTOR, bookingRequest("meldebescheinigung", slot!.startsAt, "retired@example.org"))).toThrow(
      expect.objectContaining({ code: "request_invalid" }),
    );
    const [audit] = auditEntries("concern.update");
    expect(audit!.before).toEqual({ active: true });
    expect(audit!.after).toEqual({ active: false });
  });

  it("a new duration applies to new bookings only; an existing booking keeps its end and item snapshot", () => {
    const id = concernId(context.db, "meldebescheinigung");
    const items = [{ concernId: id, quantity: 1 }];
    const [first] = freeSlots(context.db, items, "rathaus", "2026-12-08");
    const existing = createBooking(context, CITIZEN_ACTOR, bookingRequest("meldebescheinigung", first!.startsAt, "before@example.org")).booking;
    // 5 minutes, rounded up to the 10-minute grid.
    expect(existing.endsAt.getTime() - existing.startsAt.getTime()).toBe(10 * 60_000);

    updateConcern(admin, id, editInput("meldebescheinigung", { durationMinutes: "15" }));

    const reloaded = context.db.select().from(bookings).where(eq(bookings.id, existing.id)).get()!;
    expect(reloaded.endsAt).toEqual(existing.endsAt);
    expect(context.db.select().from(bookingItems).where(eq(bookingItems.bookingId, existing.id)).all().map((i) => i.durationMinutes)).toEqual([5]);

    const [next] = freeSlots(context.db, items, "rathaus", "2026-12-08");
    const fresh = createBooking(context, CITIZEN_ACTOR, bookingRequest("meldebescheinigung", next!.startsAt, "after@example.org")).booking;
    // 15 minutes, rounded up to the 10-minute grid.
    expect(fresh.endsAt.getTime() - fresh.startsAt.getTime()).toBe(20 * 60_000);
    expect(context.db.select().from(bookingItems).where(eq(bookingItems.bookingId, fresh.id)).all().map((i) => i.durationMinutes)).toEqual([15]);
  });
});

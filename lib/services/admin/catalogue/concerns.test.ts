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
  admin = await signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

const auditEntries = async (action: string) => auditEntriesOf(context.db, action);


/** What the edit form of an existing concern would post, with some fields changed. */
async function editInput(slug: string, changes: Partial<ConcernInput> = {}): Promise<ConcernInput> {
  const entry = (await findConcernEntry(admin, await concernId(context.db, slug)))!;
  return { ...concernFormValues(entry, await listDocumentsWithUsage(admin), "de"), ...changes };
}

/** A complete new concern as the empty form would post it once filled in. */
async function newInput(changes: Partial<ConcernInput> = {}): Promise<ConcernInput> {
  const blank = concernFormValues(null, await listDocumentsWithUsage(admin), "de");
  const category = (await listCategoriesInOrder(admin)).find((c) => c.slug === "weitere-anliegen")!;
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
    locationIds: [String(await locationId(context.db, "rathaus"))],
    ...changes,
  };
}

async function bookingRequest(concernSlug: string, startsAt: Date, email: string): Promise<NewBooking> {
  return {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, concernSlug), quantity: 1 }],
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
  ])("reads %j as %j cents", async (input, cents) => {
    expect(parseFeeCents(input)).toEqual({ ok: true, cents });
  });

  it.each(["abc", "37,001", "-5", "1.234,56", "37,-", "12345"])("refuses %j", async (input) => {
    expect(parseFeeCents(input)).toEqual({ ok: false });
  });

  it.each([
    ["37,00", 3700],
    ["37.00", 3700],
    ["", null],
  ])("stores the fee %j typed into the form as %j cents", async (fee, cents) => {
    const concern = await createConcern(admin, await newInput({ fee }));
    expect((await context.db.select().from(concerns).where(eq(concerns.id, concern.id)))[0]!.feeCents).toBe(cents);
  });

  it("shows an invalid fee at the fee field and saves nothing", async () => {
    const before = (await context.db.select().from(concerns)).length;
    expect(await fieldErrorsOf(async () => createConcern(admin, await newInput({ fee: "siebenunddreißig" })))).toEqual({ fee: ["fee_invalid"] });
    expect(await context.db.select().from(concerns)).toHaveLength(before);
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
  ])("refuses %s", async (_label, changes, expected) => {
    expect(await fieldErrorsOf(async () => createConcern(admin, await newInput(changes)))).toEqual(expected);
  });

  it("accepts a LeiKa key of 14 digits, also typed with spaces", async () => {
    const concern = await createConcern(admin, await newInput({ leikaKey: "99102 00500 0000" }));
    expect(concern.leikaKey).toBe("99102005000000");
  });

  it("checks a document count only for ticked documents", async () => {
    const input = await newInput();
    const rows = (input.documents ?? []).map((row, index) => (index === 0 ? { ...row, selected: false, count: "0" } : row));
    await (async () => createConcern(admin, { ...input, documents: rows }))();
    const ticked = rows.map((row, index) => (index === 0 ? { ...row, selected: TICKED, count: "0" } : row));
    expect(await fieldErrorsOf(async () => createConcern(admin, { ...input, documents: ticked }))).toEqual({ "documents.0.count": ["document_count_invalid"] });
  });

  it.each([
    ["a condition in German only", { conditionDe: "Nur beim ersten Ausweis" }, { "documents.0.conditionEn": ["translation_required"] }],
    ["a condition in English only", { conditionEn: "Only for a first ID" }, { "documents.0.conditionDe": ["translation_required"] }],
    ["an unknown scope", { scope: "sometimes" }, { "documents.0.scope": ["document_scope_invalid"] }],
    ["a condition too long", { conditionDe: "x".repeat(201), conditionEn: "y" }, { "documents.0.conditionDe": ["text_too_long"] }],
  ])("refuses a ticked document with %s", async (_, row, errors) => {
    const input = await newInput();
    const rows = (input.documents ?? []).map((r, index) => (index === 0 ? { ...r, selected: TICKED, count: "1", ...row } : r));
    expect(await fieldErrorsOf(async () => createConcern(admin, { ...input, documents: rows as typeof input.documents }))).toEqual(errors);
  });

  it("refuses ids that do not exist (a page left open while someone else changed the catalogue)", async () => {
    expect(await fieldErrorsOf(async () => createConcern(admin, await newInput({ categoryId: "9999", locationIds: ["9999"] })))).toEqual({
      categoryId: ["unknown_reference"],
      locationIds: ["unknown_reference"],
    });
  });

  it("reads a form posted without JavaScript (flat names, one checkbox value) like the nested browser form", async () => {
    const nested = await newInput();
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
    expect(parsed).toMatchObject({ id: 5, durationMinutes: 20, fee: 1250, active: true, locationIds: [await locationId(context.db, "rathaus")] });
    expect(parsed.documents.map((row) => [row.selected, row.count, row.scope, row.condition])).toEqual([
      [true, 2, "per_person", { de: "Nur beim ersten Ausweis", en: "Only for a first ID" }],
      [false, 1, "once_per_visit", null],
    ]);
  });
});

describe("creating a concern", () => {
  it("saves every field with its locations, ordered documents and forms, and audits it", async () => {
    const input = await newInput({ leikaKey: "99102005000000", feeNoteDe: "Ermäßigt: 6,00 €", feeNoteEn: "Reduced: €6.00", slug: "" });
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
    const formId = String((await context.db.select().from(forms).where(eq(forms.key, "vollmacht")))[0]!.id);
    input.formIds = [formId];
    input.locationIds = [String(await locationId(context.db, "rathaus")), String(await locationId(context.db, "nordstadt"))];

    const concern = await createConcern(admin, input);
    expect(concern).toMatchObject({ slug: "testanliegen-beantragen", durationMinutes: 20, feeCents: 1250, maxQuantity: 3, active: true, leikaKey: "99102005000000" });
    const entry = (await findConcernEntry(admin, concern.id))!;
    expect(entry.locationIds.sort()).toEqual([await locationId(context.db, "rathaus"), await locationId(context.db, "nordstadt")].sort());
    expect(entry.documents.map((d) => [String(d.document.id), d.count, d.scope, d.condition])).toEqual([
      [allDocuments[2]!.documentId, 1, "once_per_visit", null],
      [allDocuments[0]!.documentId, 2, "per_application", null],
      [allDocuments[1]!.documentId, 1, "per_person", { de: "Nur beim ersten Ausweis", en: "Only for a first ID" }],
    ]);
    expect(entry.forms.map((f) => String(f.id))).toEqual([formId]);
    // Placed at the end of its category.
    const group = (await listConcernGroups(admin)).find((g) => g.category.id === concern.categoryId)!;
    expect(group.concerns.at(-1)!.id).toBe(concern.id);

    const [audit] = await auditEntries("concern.create");
    expect(audit).toMatchObject({ actorUserId: admin.user.id, actorLabel: admin.user.email, entityType: "concern", entityId: String(concern.id), before: null });
    expect(audit!.after).toMatchObject({ slug: "testanliegen-beantragen", durationMinutes: 20, feeCents: 1250, formIds: [Number(formId)] });
  });

  it("is offered to citizens at once", async () => {
    const concern = await createConcern(admin, await newInput());
    expect((await loadCatalogue(context.db)).some((entry) => entry.id === concern.id)).toBe(true);
  });
});

describe("slugs and keys", () => {
  it("refuses an explicit slug another concern has, as a conflict at the slug field", async () => {
    try {
      await createConcern(admin, await newInput({ slug: "reisepass" }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
      expect((error as AppError).details).toEqual({ field: "slug", reason: "slug_taken" });
    }
    expect(await auditEntries("concern.create")).toHaveLength(0);
  });

  it("refuses renaming a concern's slug to one in use, but keeps its own", async () => {
    await expect((async () => updateConcern(admin, await concernId(context.db, "personalausweis"), await editInput("personalausweis", { slug: "reisepass" })))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    await (async () => updateConcern(admin, await concernId(context.db, "personalausweis"), await editInput("personalausweis")))();
  });

  it("derives a missing slug from the German name and numbers it when taken", async () => {
    expect((await createConcern(admin, await newInput({ nameDe: "Reisepass", slug: "" }))).slug).toBe("reisepass-2");
    expect((await createConcern(admin, await newInput({ nameDe: "Reisepass", slug: "" }))).slug).toBe("reisepass-3");
  });

  it.each([
    ["Führungszeugnis beantragen", "fuehrungszeugnis-beantragen"],
    ["Anmeldung (Zuzug) – Straße", "anmeldung-zuzug-strasse"],
    ["Café Crème", "cafe-creme"],
    ["!!!", "eintrag"],
  ])("turns %j into %j", async (name, slug) => {
    expect(slugify(name, "eintrag")).toBe(slug);
  });
});

describe("updating a concern", () => {
  it("saves the change and audits only what changed", async () => {
    const id = await concernId(context.db, "fuehrungszeugnis");
    await updateConcern(admin, id, await editInput("fuehrungszeugnis", { nameEn: "Certificate of good conduct", fee: "14,00" }));
    const row = (await context.db.select().from(concerns).where(eq(concerns.id, id)))[0]!;
    expect(row).toMatchObject({ nameEn: "Certificate of good conduct", feeCents: 1400 });
    const [audit] = await auditEntries("concern.update");
    expect(audit!.entityId).toBe(String(id));
    expect(Object.keys(audit!.after as object).sort()).toEqual(["feeCents", "nameEn"]);
    expect((audit!.before as { feeCents: number }).feeCents).toBe(1300);
  });

  it("writes no audit entry when nothing changed", async () => {
    await updateConcern(admin, await concernId(context.db, "reisepass"), await editInput("reisepass"));
    expect(await auditEntries("concern.update")).toHaveLength(0);
  });

  it("keeps documents, locations and forms exactly as they were when the form is saved unchanged", async () => {
    const before = (await findConcernEntry(admin, await concernId(context.db, "anmeldung")))!;
    await updateConcern(admin, before.id, await editInput("anmeldung"));
    const after = (await findConcernEntry(admin, before.id))!;
    expect(after.documents).toEqual(before.documents);
    expect(after.locationIds.sort()).toEqual(before.locationIds.sort());
    expect(after.forms).toEqual(before.forms);
  });

  it("answers not found for a concern that does not exist", async () => {
    await expect((async () => updateConcern(admin, 99_999, await editInput("reisepass")))()).rejects.toThrow(NotFoundError);
  });

  it("deactivating retires the concern: no new bookings, existing ones and the row stay", async () => {
    const id = await concernId(context.db, "meldebescheinigung");
    const itemsBefore = await context.db.select().from(bookingItems).where(eq(bookingItems.concernId, id));
    expect(itemsBefore.length).toBeGreaterThan(0);

    await updateConcern(admin, id, await editInput("meldebescheinigung", { active: false }));

    expect((await loadCatalogue(context.db)).some((entry) => entry.id === id)).toBe(false);
    expect((await findConcernEntry(admin, id))!.active).toBe(false);
    expect(await context.db.select().from(bookingItems).where(eq(bookingItems.concernId, id))).toEqual(itemsBefore);
    const [slot] = await freeSlots(context.db, [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }], "rathaus", "2026-12-08");
    await expect((async () => createBooking(context, CITIZEN_ACTOR, await bookingRequest("meldebescheinigung", slot!.startsAt, "retired@example.org")))()).rejects.toThrow(expect.objectContaining({ code: "request_invalid" }));
    const [audit] = await auditEntries("concern.update");
    expect(audit!.before).toEqual({ active: true });
    expect(audit!.after).toEqual({ active: false });
  });

  it("a new duration applies to new bookings only; an existing booking keeps its end and item snapshot", async () => {
    const id = await concernId(context.db, "meldebescheinigung");
    const items = [{ concernId: id, quantity: 1 }];
    const [first] = await freeSlots(context.db, items, "rathaus", "2026-12-08");
    const existing = (await createBooking(context, CITIZEN_ACTOR, await bookingRequest("meldebescheinigung", first!.startsAt, "before@example.org"))).booking;
    // 5 minutes, rounded up to the 10-minute grid.
    expect(existing.endsAt.getTime() - existing.startsAt.getTime()).toBe(10 * 60_000);

    await updateConcern(admin, id, await editInput("meldebescheinigung", { durationMinutes: "15" }));

    const reloaded = (await context.db.select().from(bookings).where(eq(bookings.id, existing.id)))[0]!;
    expect(reloaded.endsAt).toEqual(existing.endsAt);
    expect((await context.db.select().from(bookingItems).where(eq(bookingItems.bookingId, existing.id))).map((i) => i.durationMinutes)).toEqual([5]);

    const [next] = await freeSlots(context.db, items, "rathaus", "2026-12-08");
    const fresh = (await createBooking(context, CITIZEN_ACTOR, await bookingRequest("meldebescheinigung", next!.startsAt, "after@example.org"))).booking;
    // 15 minutes, rounded up to the 10-minute grid.
    expect(fresh.endsAt.getTime() - fresh.startsAt.getTime()).toBe(20 * 60_000);
    expect((await context.db.select().from(bookingItems).where(eq(bookingItems.bookingId, fresh.id))).map((i) => i.durationMinutes)).toEqual([15]);
  });
});

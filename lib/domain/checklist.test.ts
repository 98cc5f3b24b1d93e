import { describe, expect, it } from "vitest";
import { mergeChecklist, totalFeeCents, type ChecklistDocumentNeed, type ChecklistSource } from "./checklist";

// Concerns as the Musterstadt catalogue defines them (db/seed/catalogue.ts), reduced to what the merge reads.
const ID_CARD = 1;
const PASSPORT = 2;
const REGISTRATION = 3;
const VEHICLE_REGISTRATION = 4;
const DEREGISTRATION = 5;
const COLLECTION = 6;

const FIRST = "Nur beim ersten Ausweisdokument";
const PROXY = "Nur wenn eine andere Person für Sie kommt";
const SCRAPPED = "Nur wenn das Fahrzeug verschrottet wird";
const USED = "Nur bei Gebrauchtfahrzeugen";
const NEW = "Nur bei Neu- und Importfahrzeugen";
const REGISTERED_BEFORE = "Nur wenn das Fahrzeug schon einmal zugelassen war";

const always = (key: string, scope: ChecklistDocumentNeed["scope"], count = 1): ChecklistDocumentNeed => ({ key, scope, count, condition: null });
const onlyIf = (key: string, scope: ChecklistDocumentNeed["scope"], condition: string): ChecklistDocumentNeed => ({ key, scope, count: 1, condition });

const idDocumentNeeds = [always("previous-id", "per_person"), always("photo", "per_application"), onlyIf("birth-certificate", "per_person", FIRST)];
const idCard = (quantity: number): ChecklistSource => ({ concernId: ID_CARD, quantity, documents: idDocumentNeeds });
const passport = (quantity: number): ChecklistSource => ({ concernId: PASSPORT, quantity, documents: idDocumentNeeds });
const registration = (quantity: number): ChecklistSource => ({
  concernId: REGISTRATION,
  quantity,
  documents: [always("valid-id", "per_person"), always("landlord-confirmation", "once_per_visit"), onlyIf("power-of-attorney", "once_per_visit", PROXY)],
});
const vehicleRegistration = (quantity: number): ChecklistSource => ({
  concernId: VEHICLE_REGISTRATION,
  quantity,
  documents: [
    always("valid-id", "once_per_visit"),
    always("evb", "per_application"),
    always("certificate-part-2", "per_application"),
    always("sepa-mandate", "per_application"),
    onlyIf("certificate-part-1", "per_application", REGISTERED_BEFORE),
    onlyIf("inspection-report", "per_application", USED),
    onlyIf("coc", "per_application", NEW),
    onlyIf("power-of-attorney", "once_per_visit", PROXY),
  ],
});
const deregistration = (quantity: number): ChecklistSource => ({
  concernId: DEREGISTRATION,
  quantity,
  documents: [always("certificate-part-1", "per_application"), always("plates", "per_application"), onlyIf("recycling-certificate", "per_application", SCRAPPED)],
});
const collection = (quantity: number): ChecklistSource => ({
  concernId: COLLECTION,
  quantity,
  documents: [always("previous-id", "per_person"), onlyIf("power-of-attorney", "once_per_visit", PROXY)],
});

/** "A valid ID card or passport" is satisfied by the previous ID document an application asks for anyway. */
const alternatives = new Map([["valid-id", ["previous-id"]]]);

describe("documents checklist", () => {
  it.each([
    {
      name: "one concern lists its documents, the conditional ones apart with their condition",
      sources: [idCard(1)],
      required: [
        { key: "previous-id", quantity: 1, concernIds: [ID_CARD] },
        { key: "photo", quantity: 1, concernIds: [ID_CARD] },
      ],
      conditional: [{ key: "birth-certificate", quantity: 1, concernIds: [ID_CARD], conditions: [FIRST] }],
    },
    {
      name: "ID card + passport: a photo for each application, but one previous ID and one birth certificate for the one person",
      sources: [idCard(1), passport(1)],
      required: [
        { key: "previous-id", quantity: 1, concernIds: [ID_CARD, PASSPORT] },
        { key: "photo", quantity: 2, concernIds: [ID_CARD, PASSPORT] },
      ],
      conditional: [{ key: "birth-certificate", quantity: 1, concernIds: [ID_CARD, PASSPORT], conditions: [FIRST] }],
    },
    {
      name: "two ID cards for two people: two photos, two previous IDs, two birth certificates where it is the first",
      sources: [idCard(2)],
      required: [
        { key: "previous-id", quantity: 2, concernIds: [ID_CARD] },
        { key: "photo", quantity: 2, concernIds: [ID_CARD] },
      ],
      conditional: [{ key: "birth-certificate", quantity: 2, concernIds: [ID_CARD], conditions: [FIRST] }],
    },
    {
      name: "ID card ×2 + registration: the valid ID is satisfied by the previous ID, never listed beside it",
      sources: [idCard(2), registration(1)],
      required: [
        { key: "previous-id", quantity: 2, concernIds: [ID_CARD, REGISTRATION] },
        { key: "photo", quantity: 2, concernIds: [ID_CARD] },
        { key: "landlord-confirmation", quantity: 1, concernIds: [REGISTRATION] },
      ],
      conditional: [
        { key: "birth-certificate", quantity: 2, concernIds: [ID_CARD], conditions: [FIRST] },
        { key: "power-of-attorney", quantity: 1, concernIds: [REGISTRATION], conditions: [PROXY] },
      ],
    },
    {
      name: "registration for more people than ID cards: the alternative covers the larger number",
      sources: [registration(3), idCard(1)],
      required: [
        { key: "landlord-confirmation", quantity: 1, concernIds: [REGISTRATION] },
        { key: "previous-id", quantity: 3, concernIds: [ID_CARD, REGISTRATION] },
        { key: "photo", quantity: 1, concernIds: [ID_CARD] },
      ],
      conditional: [
        { key: "power-of-attorney", quantity: 1, concernIds: [REGISTRATION], conditions: [PROXY] },
        { key: "birth-certificate", quantity: 1, concernIds: [ID_CARD], conditions: [FIRST] },
      ],
    },
    {
      name: "registration alone keeps the valid ID: its alternative is not on the list",
      sources: [registration(2)],
      required: [
        { key: "valid-id", quantity: 2, concernIds: [REGISTRATION] },
        { key: "landlord-confirmation", quantity: 1, concernIds: [REGISTRATION] },
      ],
      conditional: [{ key: "power-of-attorney", quantity: 1, concernIds: [REGISTRATION], conditions: [PROXY] }],
    },
    {
      name: "vehicle registration + deregistration: part I needed anyway for the deregistration, the power of attorney once",
      sources: [vehicleRegistration(1), deregistration(1)],
      required: [
        { key: "valid-id", quantity: 1, concernIds: [VEHICLE_REGISTRATION] },
        { key: "evb", quantity: 1, concernIds: [VEHICLE_REGISTRATION] },
        { key: "certificate-part-2", quantity: 1, concernIds: [VEHICLE_REGISTRATION] },
        { key: "sepa-mandate", quantity: 1, concernIds: [VEHICLE_REGISTRATION] },
        { key: "certificate-part-1", quantity: 1, concernIds: [DEREGISTRATION] },
        { key: "plates", quantity: 1, concernIds: [DEREGISTRATION] },
      ],
      conditional: [
        { key: "inspection-report", quantity: 1, concernIds: [VEHICLE_REGISTRATION], conditions: [USED] },
        { key: "coc", quantity: 1, concernIds: [VEHICLE_REGISTRATION], conditions: [NEW] },
        { key: "power-of-attorney", quantity: 1, concernIds: [VEHICLE_REGISTRATION], conditions: [PROXY] },
        { key: "recycling-certificate", quantity: 1, concernIds: [DEREGISTRATION], conditions: [SCRAPPED] },
      ],
    },
    {
      name: "per-application documents add up over quantities and concerns; once-per-visit ones do not",
      sources: [vehicleRegistration(2), collection(1), registration(1)],
      required: [
        { key: "evb", quantity: 2, concernIds: [VEHICLE_REGISTRATION] },
        { key: "certificate-part-2", quantity: 2, concernIds: [VEHICLE_REGISTRATION] },
        { key: "sepa-mandate", quantity: 2, concernIds: [VEHICLE_REGISTRATION] },
        // The valid ID of the vehicle registration and the registration is satisfied by the collection's previous ID.
        { key: "previous-id", quantity: 1, concernIds: [COLLECTION, VEHICLE_REGISTRATION, REGISTRATION] },
        { key: "landlord-confirmation", quantity: 1, concernIds: [REGISTRATION] },
      ],
      conditional: [
        { key: "certificate-part-1", quantity: 2, concernIds: [VEHICLE_REGISTRATION], conditions: [REGISTERED_BEFORE] },
        { key: "inspection-report", quantity: 2, concernIds: [VEHICLE_REGISTRATION], conditions: [USED] },
        { key: "coc", quantity: 2, concernIds: [VEHICLE_REGISTRATION], conditions: [NEW] },
        { key: "power-of-attorney", quantity: 1, concernIds: [VEHICLE_REGISTRATION, COLLECTION, REGISTRATION], conditions: [PROXY] },
      ],
    },
    {
      name: "a count above one: two photos per application",
      sources: [{ concernId: PASSPORT, quantity: 2, documents: [always("photo", "per_application", 2), always("fee-receipt", "once_per_visit", 2)] }],
      required: [
        { key: "photo", quantity: 4, concernIds: [PASSPORT] },
        { key: "fee-receipt", quantity: 2, concernIds: [PASSPORT] },
      ],
      conditional: [],
    },
    {
      name: "different conditions for one document are all shown",
      sources: [
        { concernId: 1, quantity: 1, documents: [onlyIf("marriage-certificate", "per_person", "Nur nach einer Heirat")] },
        { concernId: 2, quantity: 1, documents: [onlyIf("marriage-certificate", "per_person", "Nur bei Zuzug aus dem Ausland")] },
      ],
      required: [],
      conditional: [{ key: "marriage-certificate", quantity: 1, concernIds: [1, 2], conditions: ["Nur nach einer Heirat", "Nur bei Zuzug aus dem Ausland"] }],
    },
    {
      name: "a conditional document whose alternative is conditional too is folded into it",
      sources: [{ concernId: 1, quantity: 1, documents: [onlyIf("valid-id", "once_per_visit", PROXY), onlyIf("previous-id", "per_person", FIRST)] }],
      required: [],
      conditional: [{ key: "previous-id", quantity: 1, concernIds: [1], conditions: [FIRST, PROXY] }],
    },
    { name: "nothing chosen, nothing to bring", sources: [], required: [], conditional: [] },
  ])("$name", ({ sources, required, conditional }) => {
    expect(mergeChecklist(sources, alternatives)).toEqual({ required, conditional });
  });

  it("never lists a document beside its alternative", () => {
    const all = [idCard(2), passport(1), registration(3), vehicleRegistration(1), deregistration(2), collection(1)];
    const { required, conditional } = mergeChecklist(all, alternatives);
    const keys = [...required, ...conditional].map((entry) => entry.key);
    expect(keys).toContain("previous-id");
    expect(keys).not.toContain("valid-id");
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("total fee", () => {
  it.each([
    { items: [{ quantity: 2, feeCents: 7000 }, { quantity: 1, feeCents: 3700 }], expected: 17700 },
    { items: [{ quantity: 1, feeCents: null }, { quantity: 3, feeCents: 500 }], expected: 1500 },
    { items: [{ quantity: 1, feeCents: null }, { quantity: 1, feeCents: 0 }], expected: null },
  ])("$expected", ({ items, expected }) => {
    expect(totalFeeCents(items)).toBe(expected);
  });
});

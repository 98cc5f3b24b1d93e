import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue, loadDocumentAlternatives } from "@/db/queries/catalogue";
import type { Language } from "@/lib/domain/enums";
import { concernId, seededContext } from "@/lib/testing/booking-fixtures";
import { checklistFor, type BookingChecklist } from "./booking-details";

/**
 * The checklist of the seeded Musterstadt catalogue (db/seed/catalogue.ts) for combinations people book: what a careful
 * citizen reads must be what they need, no more (two birth certificates) and nothing twice (an ID and its alternative).
 */
let fixture: Awaited<ReturnType<typeof seededContext>>;
beforeEach(async () => {
  fixture = await seededContext();
});
afterEach(() => fixture.cleanup());

async function checklist(items: [slug: string, quantity: number][], language: Language = "de"): Promise<BookingChecklist> {
  const db = fixture.context.db;
  return checklistFor(
    await loadCatalogue(db, { includeInactive: true }),
    await loadDocumentAlternatives(db),
    await Promise.all(items.map(async ([slug, quantity]) => ({ concernId: await concernId(db, slug), quantity }))),
    language,
  );
}

const lines = (list: BookingChecklist) => ({
  required: list.required.map((entry) => `${entry.quantity} × ${entry.name}`),
  conditional: list.conditional.map((entry) => `${entry.quantity} × ${entry.name} (${entry.conditions.join("; ")})`),
});

describe("the seeded catalogue's checklist", () => {
  it.each([
    {
      name: "ID card + passport: one previous ID, two photos, one birth certificate only for a first document",
      items: [["personalausweis", 1], ["reisepass", 1]] as [string, number][],
      required: ["1 × Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)", "2 × Aktuelles biometrisches Passfoto (digital)"],
      conditional: ["1 × Geburtsurkunde (Nur beim ersten Ausweisdokument)"],
    },
    {
      name: "ID card ×2 + registration: the valid ID is the previous one, not listed twice",
      items: [["personalausweis", 2], ["anmeldung", 1]] as [string, number][],
      required: [
        "2 × Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)",
        "2 × Aktuelles biometrisches Passfoto (digital)",
        "1 × Wohnungsgeberbestätigung",
      ],
      conditional: ["2 × Geburtsurkunde (Nur beim ersten Ausweisdokument)", "1 × Vollmacht (Nur wenn eine andere Person für Sie kommt)"],
    },
    {
      name: "vehicle registration + deregistration",
      items: [["fahrzeugzulassung", 1], ["ausserbetriebsetzung", 1]] as [string, number][],
      required: [
        "1 × Gültiger Personalausweis oder Reisepass",
        "1 × eVB-Nummer (elektronische Versicherungsbestätigung)",
        "1 × Zulassungsbescheinigung Teil II (Fahrzeugbrief) im Original",
        "1 × SEPA-Lastschriftmandat für die Kfz-Steuer",
        "1 × Zulassungsbescheinigung Teil I (Fahrzeugschein)",
        "1 × Bisherige Kennzeichenschilder",
      ],
      conditional: [
        "1 × Bericht der letzten Hauptuntersuchung (Nur bei Gebrauchtfahrzeugen)",
        "1 × EG-Übereinstimmungsbescheinigung (CoC) (Nur bei Neu- und Importfahrzeugen)",
        "1 × Vollmacht (Nur wenn eine andere Person für Sie kommt)",
        "1 × Verwertungsnachweis (Nur wenn das Fahrzeug verschrottet wird)",
      ],
    },
    {
      name: "a child's passport: the accompanying parent's ID is not the child's previous document",
      items: [["kinderreisepass", 2]] as [string, number][],
      required: ["1 × Gültiger Personalausweis oder Reisepass der Begleitperson", "2 × Aktuelles biometrisches Passfoto (digital)"],
      conditional: [
        "2 × Geburtsurkunde (Nur beim ersten Ausweisdokument)",
        "2 × Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen) (Nur wenn das Kind schon ein Ausweisdokument hat)",
        "2 × Einverständniserklärung aller Sorgeberechtigten (Nur wenn nicht alle Sorgeberechtigten mitkommen)",
      ],
    },
  ])("$name", async ({ items, required, conditional }) => {
    expect(lines(await checklist(items))).toEqual({ required, conditional });
  });

  it("speaks English completely, conditions included", async () => {
    const list = await checklist([["personalausweis", 1], ["reisepass", 1]], "en");
    expect(lines(list)).toEqual({
      required: ["1 × Your current ID card or passport (even if it has expired)", "2 × Recent biometric passport photo (digital)"],
      conditional: ["1 × Birth certificate (Only for a first ID document)"],
    });
  });

  it("never names a condition inside a document's name and never lists a document beside an alternative that covers it, for any pair of concerns", async () => {
    const db = fixture.context.db;
    const catalogue = await loadCatalogue(db, { includeInactive: true });
    const alternatives = await loadDocumentAlternatives(db);
    for (const first of catalogue) {
      for (const second of catalogue) {
        const list = checklistFor(catalogue, alternatives, [{ concernId: first.id, quantity: 2 }, { concernId: second.id, quantity: 1 }], "de");
        const required = list.required.map((entry) => entry.key);
        const keys = [...required, ...list.conditional.map((entry) => entry.key)];
        expect(new Set(keys).size).toBe(keys.length);
        // A required document stays beside an alternative that is needed only if …: the condition may not apply.
        for (const key of required) for (const alternative of alternatives.get(key) ?? []) expect(required).not.toContain(alternative);
        for (const { key } of list.conditional) for (const alternative of alternatives.get(key) ?? []) expect(keys).not.toContain(alternative);
        for (const entry of [...list.required, ...list.conditional]) expect(entry.name).not.toMatch(/\((nur|bei|wenn)\b/i);
      }
    }
  });
});

/**
 * "What to bring": the union of all chosen concerns' documents, each listed once with the number needed.
 *
 * Each concern says for every document how often it is needed (DOCUMENT_SCOPES):
 * - per application: each item consumes its own (a photo for every ID card and every passport), so these add up over
 *   quantities and concerns;
 * - per person: each person a concern is for shows it once (the quantity is the number of people); the people of one
 *   appointment are the same across its concerns, so the largest need counts (one birth certificate for an ID card and
 *   a passport, two for two ID cards);
 * - once per visit: brought once however many concerns ask for it (the ID of whoever comes).
 * A copy needed once can serve one of the counted needs as well, so the largest of the three totals is brought.
 *
 * A document is either needed always or "only if …" (a condition, already in the reader's language). Conditional
 * needs are returned in their own list with their conditions; a document some concern needs always is listed only as
 * required.
 *
 * A document can name alternatives that satisfy it ("valid ID card or passport" is satisfied by "previous ID
 * document"). When a document's alternative is on the same list (or on the required list while the document is only
 * conditional), the document is not listed on its own: the alternative is listed once, covering both needs.
 */
import type { DocumentScope } from "./enums";

export type ChecklistDocumentNeed = {
  key: string;
  scope: DocumentScope;
  count: number;
  /** Null: always needed; otherwise the "only if …" text. */
  condition: string | null;
};

export type ChecklistSource = {
  concernId: number;
  quantity: number;
  documents: readonly ChecklistDocumentNeed[];
};

export type ChecklistEntry = {
  key: string;
  quantity: number;
  /** Concerns that need this document, in the order chosen. */
  concernIds: number[];
};

export type ConditionalChecklistEntry = ChecklistEntry & {
  /** The distinct conditions under which it is needed, in the order met. */
  conditions: string[];
};

export type Checklist = { required: ChecklistEntry[]; conditional: ConditionalChecklistEntry[] };

/** Document key → keys of documents that satisfy it as well. */
export type DocumentAlternatives = ReadonlyMap<string, readonly string[]>;

type Tally = { perApplication: number; perPerson: number; oncePerVisit: number; concernIds: number[]; conditions: string[]; order: number };

function quantityOf(tally: Tally): number {
  return Math.max(tally.perApplication, tally.perPerson, tally.oncePerVisit);
}

function add(tally: Tally, need: ChecklistDocumentNeed, source: ChecklistSource) {
  const total = need.count * source.quantity;
  if (need.scope === "per_application") tally.perApplication += total;
  else if (need.scope === "per_person") tally.perPerson = Math.max(tally.perPerson, total);
  else tally.oncePerVisit = Math.max(tally.oncePerVisit, need.count);
  if (!tally.concernIds.includes(source.concernId)) tally.concernIds.push(source.concernId);
  if (need.condition !== null && !tally.conditions.includes(need.condition)) tally.conditions.push(need.condition);
}

/** Folds `from` into `into` (after all needs are added): the alternative is brought in the larger number. */
function absorb(into: Tally, from: Tally) {
  into.perApplication = Math.max(quantityOf(into), quantityOf(from));
  for (const id of from.concernIds) if (!into.concernIds.includes(id)) into.concernIds.push(id);
  for (const condition of from.conditions) if (!into.conditions.includes(condition)) into.conditions.push(condition);
}

function emptyTally(order: number): Tally {
  return { perApplication: 0, perPerson: 0, oncePerVisit: 0, concernIds: [], conditions: [], order };
}

/** Folds every document whose alternative is in `targets` into that alternative. */
function foldAlternatives(from: Map<string, Tally>, targets: Map<string, Tally>, alternatives: DocumentAlternatives) {
  for (const [key, tally] of [...from.entries()]) {
    const alternative = (alternatives.get(key) ?? []).find((candidate) => candidate !== key && targets.has(candidate));
    if (alternative === undefined) continue;
    absorb(targets.get(alternative)!, tally);
    from.delete(key);
  }
}

function entries(tallies: Map<string, Tally>): (ChecklistEntry & { conditions: string[] })[] {
  return [...tallies.entries()]
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([key, tally]) => ({ key, quantity: quantityOf(tally), concernIds: tally.concernIds, conditions: tally.conditions }));
}

export function mergeChecklist(sources: readonly ChecklistSource[], alternatives: DocumentAlternatives = new Map()): Checklist {
  const required = new Map<string, Tally>();
  const conditional = new Map<string, Tally>();
  let order = 0;
  for (const source of sources) {
    for (const need of source.documents) {
      const list = need.condition === null ? required : conditional;
      let tally = list.get(need.key);
      if (!tally) {
        tally = emptyTally(order++);
        list.set(need.key, tally);
      }
      add(tally, need, source);
    }
  }
  // Needed always by one concern: the conditional need of another is covered.
  for (const key of required.keys()) conditional.delete(key);
  foldAlternatives(required, required, alternatives);
  foldAlternatives(conditional, required, alternatives);
  foldAlternatives(conditional, conditional, alternatives);
  return {
    required: entries(required).map(({ key, quantity, concernIds }) => ({ key, quantity, concernIds })),
    conditional: entries(conditional),
  };
}

/** Total fee in cents for the chosen items; null when nothing costs anything. */
export function totalFeeCents(items: readonly { quantity: number; feeCents: number | null }[]): number | null {
  const charged = items.filter((item) => item.feeCents !== null && item.feeCents > 0);
  if (charged.length === 0) return null;
  return charged.reduce((sum, item) => sum + item.feeCents! * item.quantity, 0);
}

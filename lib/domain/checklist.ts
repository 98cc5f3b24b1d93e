/**
 * "What to bring": the union of all chosen concerns' documents, each listed once with the number needed.
 * A document needed once per item (a photo per passport) adds up across items and quantities; a document needed
 * once per appointment (your own ID card) is brought once, however many concerns ask for it.
 */

export type ChecklistSource = {
  concernId: number;
  quantity: number;
  documents: readonly { key: string; perItem: boolean; count: number }[];
};

export type ChecklistEntry = {
  key: string;
  quantity: number;
  /** Concerns that need this document, in the order chosen. */
  concernIds: number[];
};

export function mergeChecklist(sources: readonly ChecklistSource[]): ChecklistEntry[] {
  const byKey = new Map<string, { perItemTotal: number; oncePerAppointment: number; concernIds: number[]; order: number }>();
  let order = 0;
  for (const source of sources) {
    for (const document of source.documents) {
      let entry = byKey.get(document.key);
      if (!entry) {
        entry = { perItemTotal: 0, oncePerAppointment: 0, concernIds: [], order: order++ };
        byKey.set(document.key, entry);
      }
      if (document.perItem) entry.perItemTotal += document.count * source.quantity;
      else entry.oncePerAppointment = Math.max(entry.oncePerAppointment, document.count);
      if (!entry.concernIds.includes(source.concernId)) entry.concernIds.push(source.concernId);
    }
  }
  return [...byKey.entries()]
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([key, entry]) => ({
      key,
      // The once-per-appointment copy can serve one of the per-item needs as well.
      quantity: Math.max(entry.perItemTotal, entry.oncePerAppointment),
      concernIds: entry.concernIds,
    }));
}

/** Total fee in cents for the chosen items; null when nothing costs anything. */
export function totalFeeCents(items: readonly { quantity: number; feeCents: number | null }[]): number | null {
  const charged = items.filter((item) => item.feeCents !== null && item.feeCents > 0);
  if (charged.length === 0) return null;
  return charged.reduce((sum, item) => sum + item.feeCents! * item.quantity, 0);
}

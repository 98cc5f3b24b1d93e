import type { DbOrTransaction } from "@/db/client";
import { resolveSelection, type ResolvedSelection } from "@/lib/booking-flow/resolve";
import type { Selection } from "@/lib/booking-flow/selection";

/** The phone form reuses the citizen wizard's resolution of concerns and location; only the audience differs. */
export function resolvePhoneRequest(db: DbOrTransaction, selection: Pick<Selection, "items" | "location">): ResolvedSelection {
  return resolveSelection(db, { items: selection.items, location: selection.location, date: null, time: null });
}

import { resolveSelection, type ResolvedSelection } from "@/lib/booking-flow/resolve";
import type { Selection } from "@/lib/booking-flow/selection";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";

/** The phone form reuses the citizen wizard's resolution of concerns and location; only the audience differs. */
export function resolvePhoneRequest(access: StaffAccess, selection: Pick<Selection, "items" | "location">): ResolvedSelection {
  const db = authorize(access, "staff").db;
  return resolveSelection(db, { items: selection.items, location: selection.location, date: null, time: null });
}

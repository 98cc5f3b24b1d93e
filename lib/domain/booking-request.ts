/** What a citizen or clerk asks for: concerns with quantities. Pure checks shared by every entry point. */

export type RequestedItem = { concernId: number; quantity: number };

export type CatalogueConcern = {
  id: number;
  durationMinutes: number;
  maxQuantity: number;
  active: boolean;
  /** Locations that offer the concern. */
  locationIds: readonly number[];
};

export type RequestProblem =
  | { code: "no_items" }
  | { code: "duplicate_concern"; concernId: number }
  | { code: "unknown_concern"; concernId: number }
  | { code: "concern_inactive"; concernId: number }
  | { code: "quantity_out_of_range"; concernId: number; maxQuantity: number }
  | { code: "concern_not_offered"; concernId: number; locationId: number };

/** The first problem with a request, or null. With a location, also checks that the location offers every concern. */
export function findRequestProblem(
  items: readonly RequestedItem[],
  catalogue: ReadonlyMap<number, CatalogueConcern>,
  locationId: number | null,
): RequestProblem | null {
  if (items.length === 0) return { code: "no_items" };
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.concernId)) return { code: "duplicate_concern", concernId: item.concernId };
    seen.add(item.concernId);
    const concern = catalogue.get(item.concernId);
    if (!concern) return { code: "unknown_concern", concernId: item.concernId };
    if (!concern.active) return { code: "concern_inactive", concernId: item.concernId };
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > concern.maxQuantity) {
      return { code: "quantity_out_of_range", concernId: item.concernId, maxQuantity: concern.maxQuantity };
    }
    if (locationId !== null && !concern.locationIds.includes(locationId)) {
      return { code: "concern_not_offered", concernId: item.concernId, locationId };
    }
  }
  return null;
}

/** Sum of durations × quantities, rounded up to the slot grid. Assumes a request without problems. */
export function appointmentDurationMinutes(
  items: readonly RequestedItem[],
  catalogue: ReadonlyMap<number, CatalogueConcern>,
  slotGridMinutes: number,
): number {
  const total = items.reduce((sum, item) => sum + (catalogue.get(item.concernId)?.durationMinutes ?? 0) * item.quantity, 0);
  return Math.ceil(total / slotGridMinutes) * slotGridMinutes;
}

/** Locations offering every requested concern, in the order given. */
export function locationsOfferingAll<T extends { id: number }>(
  items: readonly RequestedItem[],
  catalogue: ReadonlyMap<number, CatalogueConcern>,
  locations: readonly T[],
): T[] {
  return locations.filter((location) =>
    items.every((item) => catalogue.get(item.concernId)?.locationIds.includes(location.id) ?? false),
  );
}

import "server-only";
import type { DbOrTransaction } from "@/db/client";
import { loadCatalogue, toEngineCatalogue, type CatalogueEntry } from "@/db/queries/catalogue";
import { listLocations, type LocationWithHours } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import type { Settings } from "@/db/schema";
import { appointmentDurationMinutes, findRequestProblem, locationsOfferingAll, type RequestedItem, type RequestProblem } from "@/lib/domain/booking-request";
import type { Selection } from "./selection";

export type ResolvedSelection = {
  settings: Settings;
  catalogue: CatalogueEntry[];
  chosen: { entry: CatalogueEntry; quantity: number }[];
  requested: RequestedItem[];
  /** Locations offering every chosen concern. */
  locations: LocationWithHours[];
  /** The chosen location, or the only one possible. */
  location: LocationWithHours | null;
  durationMinutes: number;
  problem: RequestProblem | null;
};

/** Turns the URL's slugs into catalogue rows and checks the request the same way the booking transaction will. */
export async function resolveSelection(db: DbOrTransaction, selection: Selection): Promise<ResolvedSelection> {
  const settings = await getSettings(db);
  const catalogue = await loadCatalogue(db);
  const engineCatalogue = toEngineCatalogue(catalogue);
  const chosen = selection.items.flatMap((item) => {
    const entry = catalogue.find((c) => c.slug === item.slug);
    return entry ? [{ entry, quantity: item.quantity }] : [];
  });
  const requested = chosen.map((c) => ({ concernId: c.entry.id, quantity: c.quantity }));
  const unknown = selection.items.length !== chosen.length;
  const locations = requested.length > 0 ? locationsOfferingAll(requested, engineCatalogue, await listLocations(db)) : [];
  const location =
    locations.find((l) => l.slug === selection.location) ?? (locations.length === 1 ? locations[0]! : null);
  const problem: RequestProblem | null = unknown
    ? { code: "unknown_concern", concernId: -1 }
    : findRequestProblem(requested, engineCatalogue, location?.id ?? null);
  return {
    settings,
    catalogue,
    chosen,
    requested,
    locations,
    location,
    durationMinutes: problem ? 0 : appointmentDurationMinutes(requested, engineCatalogue, settings.slotGridMinutes),
    problem,
  };
}

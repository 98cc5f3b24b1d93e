import type { DbOrTransaction } from "@/db/client";
import { loadCatalogue, toEngineCatalogue, type CatalogueEntry } from "@/db/queries/catalogue";
import { findLocationBySlug } from "@/db/queries/locations";
import type { Location } from "@/db/schema";
import { findRequestProblem, type RequestedItem, type RequestProblem } from "@/lib/domain/booking-request";
import { ApiProblem, type FieldError } from "./problem";
import type { RequestedConcern } from "./schemas";

/** Where a concern sits in the client's request, for the `field` of an error. */
export type ConcernFieldNamer = (index: number, part: "concern" | "quantity") => string;
export const bodyConcernField: ConcernFieldNamer = (index, part) => `concerns.${index}.${part}`;
export const queryConcernField: ConcernFieldNamer = () => "concerns";

export type ResolvedRequest = { location: Location; items: RequestedItem[]; catalogue: CatalogueEntry[] };

/**
 * Slugs to rows, then the same request check the booking transaction runs (`findRequestProblem`), so a problem is
 * reported up front with the concern's slug instead of an id. An unknown location is a 404; everything about the
 * concerns is a 422.
 */
export async function resolveRequest(
  db: DbOrTransaction,
  request: { location: string; concerns: readonly RequestedConcern[] },
  fieldOf: ConcernFieldNamer,
): Promise<ResolvedRequest> {
  const location = await findLocationBySlug(db, request.location);
  if (!location || !location.active) throw new ApiProblem("not_found", `There is no location "${request.location}" taking bookings.`);

  const catalogue = await loadCatalogue(db);
  const bySlug = new Map(catalogue.map((entry) => [entry.slug, entry]));
  const unknown: FieldError[] = request.concerns.flatMap((item, index) =>
    bySlug.has(item.concern)
      ? []
      : [{ field: fieldOf(index, "concern"), code: "unknown_concern", message: `There is no concern "${item.concern}".` }],
  );
  if (unknown.length > 0) {
    const slugs = request.concerns.filter((item) => !bySlug.has(item.concern)).map((item) => `"${item.concern}"`);
    throw new ApiProblem("request_invalid", `Unknown concern: ${slugs.join(", ")}. GET /concerns lists the concerns.`, { errors: unknown });
  }

  const items = request.concerns.map((item) => ({ concernId: bySlug.get(item.concern)!.id, quantity: item.quantity }));
  const problem = findRequestProblem(items, toEngineCatalogue(catalogue), location.id);
  if (problem) throw requestProblem(problem, { request, items, catalogue, fieldOf });
  return { location, items, catalogue };
}

/** A RequestProblem (from the check above or from the booking transaction) as a 422 that names the concern. */
export function requestProblem(
  problem: RequestProblem,
  context: { request: { location: string; concerns: readonly RequestedConcern[] }; items: readonly RequestedItem[]; catalogue: readonly CatalogueEntry[]; fieldOf: ConcernFieldNamer },
): ApiProblem {
  const { request, items, catalogue, fieldOf } = context;
  if (problem.code === "no_items") {
    return new ApiProblem("request_invalid", "Choose at least one concern.", {
      errors: [{ field: "concerns", code: problem.code, message: "Choose at least one concern." }],
    });
  }
  // For a duplicate, point at the repetition rather than the first mention.
  const indexes = items.flatMap((item, index) => (item.concernId === problem.concernId ? [index] : []));
  const index = indexes.at(-1) ?? 0;
  const slug = catalogue.find((entry) => entry.id === problem.concernId)?.slug ?? request.concerns[index]?.concern ?? "?";
  const [part, message] = ((): ["concern" | "quantity", string] => {
    switch (problem.code) {
      case "duplicate_concern":
        return ["concern", `Concern "${slug}" is listed more than once; give its quantity instead.`];
      case "unknown_concern":
        return ["concern", `There is no concern "${slug}".`];
      case "concern_inactive":
        return ["concern", `Concern "${slug}" cannot be booked at the moment.`];
      case "quantity_out_of_range":
        return ["quantity", `Concern "${slug}" allows a quantity from 1 to ${problem.maxQuantity} per appointment.`];
      case "concern_not_offered":
        return ["concern", `Concern "${slug}" is not offered at location "${request.location}".`];
    }
  })();
  return new ApiProblem("request_invalid", message, { errors: [{ field: fieldOf(index, part), code: problem.code, message }] });
}

import type { z } from "zod";
import { StampedCache, withRevisionSnapshot } from "@/db/revisions";
import { availabilityFor, availabilityStamp } from "@/lib/services/availability";
import type { ServiceContext } from "@/lib/services/context";
import { queryConcernField, requestProblem, resolveRequest, type ResolvedRequest } from "./resolve";
import type { AvailabilityQuery, availabilitySchema } from "./schemas";

type Availability = z.output<typeof availabilitySchema>;

/**
 * The answer as JSON text. Serializing two weeks of times costs more than looking them up, so the text itself is kept
 * under the same stamp as the engine's answer (lib/services/availability.ts): any booking or rule change renews it.
 */
/** At most this many characters of JSON in all (32 to 64 MB); two weeks at one location are about 47,000. */
const MAX_CACHED_CHARACTERS = 32 * 2 ** 20;
const bodies = new StampedCache<string>(2000, { maxWeight: MAX_CACHED_CHARACTERS, weigh: (text) => text.length });

export async function availabilityJsonForApi(context: ServiceContext, query: AvailabilityQuery): Promise<string> {
  // One read of the change counters for the whole answer, hit or miss (db/revisions.ts).
  return await withRevisionSnapshot(context.db, async () => {
    const resolved = await resolveRequest(context.db, query, queryConcernField);
    return await bodies.getOrCompute(JSON.stringify(query), await availabilityStamp(context.db, resolved.location.id, context.now()), async () =>
      JSON.stringify(await availabilityForApi(context, query, resolved)),
    );
  });
}

/** Bookable start times for an online booking, from the same engine and range rules as the booking pages. */
async function availabilityForApi(context: ServiceContext, query: AvailabilityQuery, resolved: ResolvedRequest): Promise<Availability> {
  const result = await availabilityFor(context.db, {
    now: context.now(),
    location: resolved.location,
    items: resolved.items,
    // The API books as a citizen would online: staff-only counters are never offered.
    audience: "online",
    from: query.from,
    to: query.to,
  });
  if (!result.ok) throw requestProblem(result.problem, { request: query, items: resolved.items, catalogue: resolved.catalogue, fieldOf: queryConcernField });
  return {
    location: resolved.location.slug,
    durationMinutes: result.durationMinutes,
    from: result.from,
    to: result.to,
    firstAvailableDate: result.firstAvailableDate,
    days: result.days.map((day) => ({
      date: day.date,
      weekday: day.weekday,
      status: day.status,
      holiday: day.holiday ? { key: day.holiday.key, name: day.holiday.name[query.lang] } : null,
      slots: day.slots.map((slot) => ({ start: slot.startsAt.toISOString(), end: slot.endsAt.toISOString(), remaining: slot.remaining })),
    })),
  };
}

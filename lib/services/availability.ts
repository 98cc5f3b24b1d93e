import type { DbOrTransaction } from "@/db/client";
import { loadCatalogue, toEngineCatalogue } from "@/db/queries/catalogue";
import { loadLocationSchedule } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import type { Location } from "@/db/schema";
import { bookableDateRange, computeAvailability, computeDays, type AvailabilityDay, type AvailabilityResult } from "@/lib/domain/availability";
import type { RequestedItem } from "@/lib/domain/booking-request";
import type { AvailabilityAudience } from "@/lib/domain/enums";
import { addDays, diffDays, zonedToInstant, type LocalDate } from "@/lib/domain/zoned-time";
import { revisionStamp, StampedCache, withRevisionSnapshot } from "@/db/revisions";
import { Admission } from "@/lib/admission";
import { getEnv } from "@/lib/env";
import { ServiceBusyError } from "@/lib/errors";
import { asServiceBusy } from "@/db/transaction";
import { rulesFrom } from "./bookings";

/**
 * How much availability work one process does at once (AVAILABILITY_CONCURRENCY): API requests and the citizen's
 * booking pages (day, time, review, location, moving an appointment) take their turn here; the others wait in line, at
 * most AVAILABILITY_WAIT_MS, then get "busy". At a slot release, clients polling the new days would otherwise keep
 * dozens of computations in progress in every process, and each step of a booking (a round trip while it holds its
 * location's lock) would wait behind all of their work: measured on PostgreSQL, bookings at that office fell to a tenth
 * (bench/README.md, "A slot release, measured"). Waiting in line costs no CPU.
 */
const AVAILABILITY_WAIT_MS = 5_000;
let admission: Admission | null = null;
export function availabilityAdmission() {
  admission ??= new Admission(getEnv().availabilityConcurrency, "availability slot");
  return { gate: admission, timeoutMs: AVAILABILITY_WAIT_MS };
}

/** What a booking page gets from its availability work: the result, or "busy" when its turn did not come in time. */
export type PageTurn<T> = { busy: false; value: T } | { busy: true };

/**
 * A booking page's availability work in its turn (availabilityAdmission). A wait that ran out, or any other wait
 * (a full connection pool during a burst), comes back as `busy`, so the page shows "many people are looking for
 * times right now, try again in a moment" with a link to the same page, not the error page. Other errors stay errors.
 */
export async function inAvailabilityTurn<T>(work: () => Promise<T>): Promise<PageTurn<T>> {
  const { gate, timeoutMs } = availabilityAdmission();
  try {
    return { busy: false, value: await gate.run(timeoutMs, work) };
  } catch (error) {
    if (asServiceBusy(error) instanceof ServiceBusyError) return { busy: true };
    throw error;
  }
}

/** Longest range one request may ask for: keeps a single call cheap, whatever the caller sends. */
export const MAX_RANGE_DAYS = 93;

export type AvailabilityQuery = {
  now: Date;
  location: Location;
  items: RequestedItem[];
  audience: AvailabilityAudience;
  from?: LocalDate;
  to?: LocalDate;
};

/**
 * The requested range clipped to what can be booked at all (today up to the horizon) and to the longest range one
 * call may cover. A range entirely outside yields from > to, which computes to no days.
 */
function clipRange(bookable: { from: LocalDate; to: LocalDate }, requested: { from?: LocalDate; to?: LocalDate }) {
  const from = requested.from && requested.from > bookable.from ? requested.from : bookable.from;
  let to = requested.to && requested.to < bookable.to ? requested.to : bookable.to;
  if (from > bookable.to) return { from: bookable.to, to: addDays(bookable.to, -1) };
  if (diffDays(from, to) > MAX_RANGE_DAYS) to = addDays(from, MAX_RANGE_DAYS);
  return { from, to };
}

type RangedResult = AvailabilityResult & { from: LocalDate; to: LocalDate };

/**
 * At most this many free times over all cached answers (each with two Dates, about 250 bytes): some 50 MB. The
 * benchmark's working set (168 two-week questions over 3 locations) is about 100,000; a client asking for many long
 * ranges now evicts older answers instead of growing the process.
 */
const MAX_CACHED_TIMES = 200_000;

function timesIn(result: RangedResult): number {
  if (!result.ok) return 1;
  let times = 1;
  for (const day of result.days) times += day.slots.length;
  return times;
}

/**
 * Answers for identical questions are reused until any booking at the location, the capacity rules or the catalogue
 * change (the triggers' counters), or the minute turns (lead time moves with the clock). The booking transaction never
 * uses this cache: it always re-checks against the current state.
 */
const answers = new StampedCache<RangedResult>(2000, { maxWeight: MAX_CACHED_TIMES, weigh: timesIn });

/** What an availability answer for a location depends on: its bookings, the rules, the catalogue and the minute. */
export async function availabilityStamp(db: DbOrTransaction, locationId: number, now: Date): Promise<string> {
  return `${await revisionStamp(db, ["catalogue", "capacity", `bookings:${locationId}`])}|${Math.floor(now.getTime() / 60_000)}`;
}

/**
 * Availability for a request at one location, loaded from the database; the range is clipped to what can be booked.
 * The answer's cache and the caches a miss consults (settings, capacity rules, catalogue) share one read of the
 * change counters.
 */
export async function availabilityFor(db: DbOrTransaction, query: AvailabilityQuery): Promise<RangedResult> {
  const key = JSON.stringify([query.location.id, query.location.timeZone, query.location.federalState, query.items, query.audience, query.from ?? null, query.to ?? null]);
  return await withRevisionSnapshot(db, async () => await answers.getOrCompute(key, await availabilityStamp(db, query.location.id, query.now), async () => computeAvailabilityFor(db, query)));
}

async function computeAvailabilityFor(db: DbOrTransaction, query: AvailabilityQuery): Promise<RangedResult> {
  const settings = await getSettings(db);
  const rules = rulesFrom(settings);
  const { from, to } = clipRange(bookableDateRange(query.now, query.location.timeZone, rules), query);
  const schedule = await loadLocationSchedule(
    db,
    query.location,
    zonedToInstant(from, 0, query.location.timeZone),
    zonedToInstant(addDays(to, 1), 0, query.location.timeZone),
  );
  const result = computeAvailability({
    now: query.now,
    schedule,
    rules,
    audience: query.audience,
    items: query.items,
    catalogue: toEngineCatalogue(await loadCatalogue(db)),
    from,
    to,
  });
  return { ...result, from, to };
}

/** Days for an existing booking being moved: its own length and concerns, ignoring its own current slot. */
export async function availabilityForMove(
  db: DbOrTransaction,
  query: { now: Date; location: Location; concernIds: number[]; durationMinutes: number; excludeBookingId: number; audience: AvailabilityAudience; from?: LocalDate; to?: LocalDate },
): Promise<{ days: AvailabilityDay[]; from: LocalDate; to: LocalDate }> {
  const rules = rulesFrom(await getSettings(db));
  const { from, to } = clipRange(bookableDateRange(query.now, query.location.timeZone, rules), query);
  const schedule = await loadLocationSchedule(db, query.location, zonedToInstant(from, 0, query.location.timeZone), zonedToInstant(addDays(to, 1), 0, query.location.timeZone), {
    excludeBookingId: query.excludeBookingId,
  });
  const days = computeDays({
    now: query.now,
    schedule,
    rules,
    audience: query.audience,
    concernIds: query.concernIds,
    durationMinutes: query.durationMinutes,
    from,
    to,
  });
  return { days, from, to };
}

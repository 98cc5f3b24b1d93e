/**
 * How much work a client must prove before it may book: the number of hashes the browser (or an API client) has to
 * try. People book once or twice and never notice (a fraction of a second); a client that books or searches a lot
 * pays more with every booking, up to a cap of several seconds each, on top of its request budgets. Pure: the usage
 * figures are passed in.
 */
/** About a quarter of a second in a phone's browser. */
export const BASE_WORK = 20_000;
/** About ten seconds in a browser, three on a server: enough to make filling a day expensive, never a wall. */
export const MAX_WORK = 1_000_000;
/** Bookings within the hour that cost nothing extra: a family booking for two or three people. */
const FREE_BOOKINGS_PER_HOUR = 2;

export type ClientUsage = { bookingsThisHour: number; searchesThisMinute: number };

/** `scale` is RATE_LIMIT_SCALE: what it does to the request budgets, it does to the usage that costs nothing extra. */
export function workFor(usage: ClientUsage, scale = 1): number {
  const extraBookings = Math.max(0, Math.floor(usage.bookingsThisHour / scale) - FREE_BOOKINGS_PER_HOUR);
  const searches = usage.searchesThisMinute / scale;
  const searchFactor = searches > 150 ? 4 : searches > 60 ? 2 : 1;
  return Math.min(MAX_WORK, BASE_WORK * 2 ** Math.min(extraBookings, 10) * searchFactor);
}

/**
 * Without JavaScript there is no work to prove: the booking form must then be sent no sooner than this after it was
 * shown. A person reads the summary first; a script has to wait.
 */
export const MIN_DWELL_MS = 3_000;

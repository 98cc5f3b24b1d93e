/**
 * Request budgets per client address (and per process: the limiter lives in memory). RATE_LIMIT_SCALE in lib/env.ts
 * multiplies them all, for load tests and benchmarks.
 */
export type RateLimitRule = { name: string; max: number; windowMs: number };

const MINUTE_MS = 60_000;

export const API_RATE_LIMITS = {
  /** POST /bookings: generous for a family booking a few appointments, tight for a script filling the calendar. */
  booking: { name: "booking", max: 30, windowMs: 10 * MINUTE_MS },
  /** DELETE /bookings/current: a separate budget, so cancelling never competes with booking. */
  cancellation: { name: "cancellation", max: 30, windowMs: 10 * MINUTE_MS },
  /** GET /availability runs the availability engine: the most expensive read. */
  availability: { name: "availability", max: 300, windowMs: MINUTE_MS },
  /** Every other GET: catalogue, locations, one's own booking, the OpenAPI document. */
  read: { name: "read", max: 600, windowMs: MINUTE_MS },
} as const satisfies Record<string, RateLimitRule>;

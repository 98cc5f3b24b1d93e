import { BUDGETS, type Budget } from "@/lib/services/rate-limit";

/**
 * Which request budgets (lib/services/rate-limit.ts) each group of API endpoints spends, per client address. The API
 * documentation and the OpenAPI document describe them from here.
 */
export const API_RATE_LIMITS = {
  booking: [BUDGETS.bookingPerHour, BUDGETS.bookingPerDay],
  manage: [BUDGETS.manage],
  availability: [BUDGETS.availability],
  read: [BUDGETS.read],
} as const satisfies Record<string, readonly Budget[]>;

export type ApiLimitGroup = keyof typeof API_RATE_LIMITS;

/** "10 requests per 60 minutes and 25 requests per 1440 minutes", for machine-readable descriptions. */
export function describeLimit(budgets: readonly Budget[]): string {
  return `Rate limit per client address: ${budgets.map((b) => `${b.points} requests per ${b.durationSeconds / 60} minute(s)`).join(" and ")}.`;
}

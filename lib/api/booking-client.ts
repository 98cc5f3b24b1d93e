import { authenticateApiKey } from "@/lib/services/admin/api-keys";
import type { ServiceContext } from "@/lib/services/context";
import { workFor } from "@/lib/domain/proof-of-work";
import { getEnv } from "@/lib/env";
import { checkSolution, issueChallenge } from "@/lib/services/proof-of-work";
import { BUDGETS, budgetUsed, refundedWhenBusy, spendBudgets, type Budget, type RateLimitClient, type SpentBudgets } from "@/lib/services/rate-limit";
import { ApiProblem } from "./problem";
import { clientAddressOf } from "./request";

/**
 * Who may book through the API, and from which budget (lib/services/proof-of-work.ts explains the proof of work):
 * - a client presenting an API key an administrator issued (`X-Api-Key`) books from that key's budget;
 * - anyone else solves a challenge from GET /api/v1/challenge first and sends the solution in `Altcha`. Each solution
 *   buys one booking, and the address's booking budgets apply.
 * A key that is presented but not accepted is refused outright (never silently treated as anonymous).
 */
export type ApiBookingClient =
  | { kind: "api-key"; apiKeyId: number; budgets: readonly Budget[]; limitedAs: RateLimitClient }
  | { kind: "anonymous"; challengeId: string; budgets: readonly Budget[]; limitedAs: RateLimitClient };

export const API_KEY_HEADER = "x-api-key";
export const PROOF_HEADER = "altcha";
const API_CHALLENGE_BINDING = "api";

export async function identifyBookingClient(request: Request, context: ServiceContext): Promise<ApiBookingClient> {
  const presentedKey = request.headers.get(API_KEY_HEADER);
  if (presentedKey !== null) {
    const client = await authenticateApiKey(context.db, presentedKey.trim(), context.now());
    if (!client) throw new ApiProblem("api_key_invalid", "The API key in X-Api-Key is not valid (unknown or revoked).");
    return { kind: "api-key", apiKeyId: client.id, budgets: [BUDGETS.bookingWithApiKey], limitedAs: { apiKeyId: client.id } };
  }
  const payload = request.headers.get(PROOF_HEADER);
  if (!payload) {
    throw new ApiProblem(
      "challenge_required",
      "Solve a proof-of-work challenge from GET /api/v1/challenge and send the solution in the Altcha header, or send an API key in X-Api-Key.",
    );
  }
  const result = await checkSolution(context, payload.trim(), { purpose: "booking-api", boundTo: API_CHALLENGE_BINDING });
  if (!result.ok) throw new ApiProblem("challenge_invalid", `The proof of work was not accepted (${result.reason.replace("_", " ")}). Fetch a new challenge.`);
  return {
    kind: "anonymous",
    challengeId: result.challengeId,
    budgets: [BUDGETS.bookingPerHour, BUDGETS.bookingPerDay],
    limitedAs: { address: clientAddressOf(request) },
  };
}

/**
 * Runs the booking with the client's challenge and booking budgets spent (each solution buys one booking; a 4xx
 * problem when the solution was used before or a budget is used up). When the database was too busy to take the
 * booking, both are given back, so the client can send the same request again as the 503 asks.
 */
export async function bookingWithBudgetsSpent<T>(client: ApiBookingClient, context: ServiceContext, book: () => Promise<T>): Promise<T> {
  const scale = getEnv().rateLimitScale;
  const spent: SpentBudgets[] = [{ budgets: client.budgets, client: client.limitedAs, scale }];
  if (client.kind === "anonymous") {
    const challenge: SpentBudgets = { budgets: [BUDGETS.challengeUse], client: { challengeId: client.challengeId }, scale: 1 };
    const unused = await spendBudgets(context.db, challenge.budgets, challenge.client, { secret: context.secret, scale: challenge.scale });
    if (!unused.allowed) throw new ApiProblem("challenge_used", "This proof of work was used for a booking already. Fetch a new challenge for each booking.");
    spent.push(challenge);
  }
  const result = await spendBudgets(context.db, client.budgets, client.limitedAs, { secret: context.secret, scale });
  if (!result.allowed) {
    throw new ApiProblem("rate_limited", `Too many bookings from this client. Please retry after ${result.retryAfterSeconds} seconds.`, {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
  return refundedWhenBusy(context.db, context.secret, spent, book);
}

/** A challenge for an API client, harder for an address that books or searches a lot. */
export async function apiBookingChallenge(request: Request, context: ServiceContext) {
  const limits = { secret: context.secret, scale: getEnv().rateLimitScale };
  const client = { address: clientAddressOf(request) };
  const [bookingsThisHour, searchesThisMinute] = await Promise.all([
    budgetUsed(context.db, BUDGETS.bookingPerHour, client, limits),
    budgetUsed(context.db, BUDGETS.availability, client, limits),
  ]);
  return issueChallenge(context, { purpose: "booking-api", boundTo: API_CHALLENGE_BINDING, work: workFor({ bookingsThisHour, searchesThisMinute }, limits.scale) });
}

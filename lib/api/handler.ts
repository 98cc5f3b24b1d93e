import { unstable_rethrow } from "next/navigation";
import { getEnv } from "@/lib/env";
import { appContext, type ServiceContext } from "@/lib/services/context";
import { spendBudgets, type Budget } from "@/lib/services/rate-limit";
import { ApiProblem, problemFromError } from "./problem";
import { clientAddressOf } from "./request";

export type ApiWork = (request: Request, context: ServiceContext) => Response | Promise<Response>;

/**
 * The wrapper for every API route handler: the route's request budgets per client address, then the work, and every error turned
 * into a problem response in one place. The work parses its own input with the API's zod schemas (lib/api/request.ts)
 * and calls the same services as the pages.
 */
export function apiRoute(budgets: readonly Budget[], work: ApiWork): (request: Request) => Promise<Response> {
  return async (request) => {
    let publicUrl: string | null = null;
    try {
      const context = await appContext();
      publicUrl = context.publicUrl;
      const budget = await spendBudgets(context.db, budgets, { address: clientAddressOf(request) }, { secret: context.secret, scale: getEnv().rateLimitScale });
      if (!budget.allowed) {
        throw new ApiProblem("rate_limited", `Too many requests of this kind from your address. Please retry after ${budget.retryAfterSeconds} seconds.`, {
          retryAfterSeconds: budget.retryAfterSeconds,
        });
      }
      return await work(request, context);
    } catch (error) {
      // Next's own control-flow errors (e.g. a dynamic-rendering bail-out) must pass through untouched.
      unstable_rethrow(error);
      // Method and path only: the path never carries a token or personal data, the query and body are not logged.
      return problemFromError(error, publicUrl, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return jsonTextResponse(JSON.stringify(body), init);
}

/** For answers serialized (and cached) beforehand. */
export function jsonTextResponse(text: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(text, {
    status: init.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...init.headers },
  });
}

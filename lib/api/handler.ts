import { unstable_rethrow } from "next/navigation";
import type { Admission } from "@/lib/admission";
import { getEnv } from "@/lib/env";
import { appContext, type ServiceContext } from "@/lib/services/context";
import { spendBudgets, type Budget } from "@/lib/services/rate-limit";
import { ApiProblem, problemFromError } from "./problem";
import { clientAddressOf } from "./request";

export type ApiWork = (request: Request, context: ServiceContext) => Response | Promise<Response>;
/** A bound on how many requests of a route one process works on at once (lib/admission.ts), and how long one waits. */
export type RouteAdmission = { gate: Admission; timeoutMs: number };

/**
 * The wrapper for every API route handler: the route's request budgets per client address, then the work, and every error turned
 * into a problem response in one place. The work parses its own input with the API's zod schemas (lib/api/request.ts)
 * and calls the same services as the pages. A route with an `admission` (availability) first waits for its turn in
 * this process; one that waited too long is answered "busy".
 */
export function apiRoute(budgets: readonly Budget[], work: ApiWork, options: { admission?: () => RouteAdmission } = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    let publicUrl: string | null = null;
    const handle = async (context: ServiceContext) => {
      const budget = await spendBudgets(context.db, budgets, { address: clientAddressOf(request) }, { secret: context.secret, scale: getEnv().rateLimitScale });
      if (!budget.allowed) {
        throw new ApiProblem("rate_limited", `Too many requests of this kind from your address. Please retry after ${budget.retryAfterSeconds} seconds.`, {
          retryAfterSeconds: budget.retryAfterSeconds,
        });
      }
      return await work(request, context);
    };
    try {
      const context = await appContext();
      publicUrl = context.publicUrl;
      // The whole request waits its turn, its rate limit included: what is bounded is the work in progress.
      const admission = options.admission?.();
      return admission ? await admission.gate.run(admission.timeoutMs, () => handle(context)) : await handle(context);
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

import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

/**
 * Requests to the pages that Next.js would answer with a 500 because it cannot read them, answered with a 4xx before
 * they reach it: a router state header it cannot parse, and server-action posts that are not what a browser sends
 * (another site's origin, an impossible action id, a content type no form produces, a body that does not parse, a
 * form without an action). Checked with Next.js's own validator where it has one, so the two never disagree.
 */
const ACTION_ID = /^[0-9a-f]{40,64}$/i;
/** What the pages accept in one post: Next.js refuses more itself, but only after reading it, with a 500. */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413; reason: string };

export async function refusalFor(request: Request): Promise<Refusal | null> {
  const routerState = request.headers.get("next-router-state-tree");
  if (routerState !== null) {
    try {
      parseAndValidateFlightRouterState(routerState);
    } catch {
      return { status: 400, reason: "router state header not readable" };
    }
  }
  if (request.method !== "POST") return null;

  const origin = request.headers.get("origin");
  // Next.js aborts a post from an opaque origin ("null": a sandboxed frame, a file) as a forgery, with a 500.
  if (origin === "null") return { status: 403, reason: "posted from another site" };
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return { status: 400, reason: "origin not readable" };
    }
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    if (originHost !== host) return { status: 403, reason: "posted from another site" };
  }

  const actionId = request.headers.get("next-action");
  if (actionId !== null && !ACTION_ID.test(actionId)) return { status: 400, reason: "no such action" };
  // The boundary is case-sensitive: compare the type in lower case, parse with the header as sent.
  const rawContentType = request.headers.get("content-type") ?? "";
  const contentType = rawContentType.toLowerCase();
  const kind = contentType.startsWith("multipart/form-data")
    ? "multipart"
    : contentType.startsWith("application/x-www-form-urlencoded")
      ? "form"
      : contentType.startsWith("text/plain") && actionId !== null
        ? "reply"
        : null;
  if (kind === null) return { status: 400, reason: "not a form" };

  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_ACTION_BODY_BYTES) return { status: 413, reason: "body too large" };
  let text: string;
  try {
    text = await request.clone().text();
  } catch {
    return { status: 400, reason: "body not readable" };
  }
  if (Buffer.byteLength(text) > MAX_ACTION_BODY_BYTES) return { status: 413, reason: "body too large" };

  if (kind === "reply") {
    try {
      JSON.parse(text);
      return null;
    } catch {
      return { status: 400, reason: "arguments not readable" };
    }
  }
  let fields: FormData;
  try {
    fields = await new Response(text, { headers: { "content-type": rawContentType } }).formData();
  } catch {
    return { status: 400, reason: "form not readable" };
  }
  // A form sent without JavaScript names its action in a field; one sent by script, in the header.
  if (actionId === null && ![...fields.keys()].some((name) => name.startsWith("$ACTION_"))) return { status: 400, reason: "no action" };
  return null;
}

export function refusalResponse(refusal: Refusal): Response {
  return new Response(`${refusal.status} ${refusal.reason}\n`, {
    status: refusal.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

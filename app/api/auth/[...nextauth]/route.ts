import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { getEnv } from "@/lib/env";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-provider";

/**
 * Auth.js's HTTP endpoints, cut down to the one that must be reachable from outside: the identity provider sends the
 * browser back to /api/auth/callback/oidc with the authorization code. Auth.js then checks state, PKCE and nonce,
 * fetches and verifies the ID token, runs lib/auth/sso-provider.ts and redirects (to the page asked for, or to the
 * sign-in page with `?error=`).
 *
 * Everything else answers 404. Signing in with a password, starting single sign-on and signing out go through server
 * actions (app/staff/login, app/staff/sign-out.ts), reading the session through `auth()`; an open credentials
 * callback would be a second way to post a password past the sign-in form, and /session, /csrf or Auth.js's own
 * pages have no use here. The proxy does not run for /api (proxy.ts), so this route needs no exception there.
 */
const CALLBACK_PATH = `/api/auth/callback/${SSO_PROVIDER_ID}`;

const notFound = () => new Response(null, { status: 404, headers: { "cache-control": "no-store" } });

export function GET(request: NextRequest): Promise<Response> | Response {
  if (request.nextUrl.pathname !== CALLBACK_PATH) return notFound();
  return handlers.GET(atPublicUrl(request));
}

/**
 * The callback as the browser asked for it, at PUBLIC_URL. Auth.js derives the redirect URI it presents with the code
 * from the request's URL, and that must be the one it sent the browser out with. The URL Next.js hands a route
 * handler is the server's own listening address (behind a reverse proxy: http://localhost:3000), with loopback
 * addresses rewritten to "localhost"; PUBLIC_URL is the address registered at the identity provider.
 */
function atPublicUrl(request: NextRequest): NextRequest {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, getEnv().publicUrl);
  // A plain Request keeps the URL as given (a NextRequest would rewrite a loopback host again); Auth.js reads only
  // its URL, method, headers and cookies.
  return new Request(url, { method: request.method, headers: request.headers }) as NextRequest;
}

/** `response_mode=form_post` is not requested, so nothing is ever posted here. */
export function POST(): Response {
  return notFound();
}

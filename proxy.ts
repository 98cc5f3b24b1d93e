import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";
import { grantStaffAccess } from "@/lib/auth/staff-access";
import { getEnv } from "@/lib/env";
import { clientAddressFrom } from "@/lib/http/client-address";
import { refusalFor, refusalResponse } from "@/lib/http/malformed-request";
import { tooManyRequestsPage } from "@/lib/http/too-many-requests";
import { LANGUAGE_COOKIE, negotiateLanguage } from "@/lib/i18n/locale";
import { ssoFormActionSources } from "@/lib/auth/sso-csp";
import { frameAncestorsDirective } from "@/lib/domain/embedding";
import { appContext } from "@/lib/services/context";
import { officeSettings } from "@/lib/services/office";
import { BUDGETS, spendBudgets, type Budget } from "@/lib/services/rate-limit";

/**
 * Runs before every page (not the API, not static files):
 * - Requests Next.js could not read (a broken router state, a server-action post no browser sends) get a 4xx here
 *   instead of a 500 there (lib/http/malformed-request.ts).
 * - Citizen pages that compute free times or open a manage link spend the client's request budgets.
 * - The staff area turns signed-out requests away before anything renders, whatever headers they carry (`RSC: 1`, a
 *   forged router state): a page added later is safe by default. Only the sign-in page is open. Pages and services
 *   check again (lib/auth/staff-access.ts); this is the first of three locks, not the only one.
 * - Every page gets a fresh CSP nonce (Next.js applies it to its own scripts) and a policy that allows no request to
 *   any other origin: no fonts, scripts, images or beacons from elsewhere, by construction.
 * - The request path is passed on so server components can link back to the current page (language switch).
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const malformed = await refusalFor(request);
  if (malformed) return refusalResponse(malformed);
  if (isGuardedStaffPath(request.nextUrl.pathname)) return staffGate(request, event);
  const overBudget = await spendPageBudget(request);
  if (overBudget) return overBudget;
  return withContentSecurityPolicy(request);
}

/**
 * Citizen pages that compute free times or open a booking by its manage link spend the same budgets as the API
 * (lib/services/rate-limit.ts). A prefetch renders no page data, so it costs nothing.
 */
const PAGE_BUDGETS: [RegExp, Budget][] = [
  [/^\/termin\/(standort|tag|uhrzeit|pruefen)\/?$/, BUDGETS.availability],
  [/^\/termin\/verwalten\//, BUDGETS.manage],
];

async function spendPageBudget(request: NextRequest): Promise<Response | null> {
  if (request.headers.has("next-router-prefetch")) return null;
  const budget = PAGE_BUDGETS.find(([path]) => path.test(request.nextUrl.pathname))?.[1];
  if (!budget) return null;
  const context = await appContext();
  const result = await spendBudgets(context.db, [budget], { address: clientAddressFrom(request.headers) }, { secret: context.secret, scale: getEnv().rateLimitScale });
  if (result.allowed) return null;
  const language = negotiateLanguage(request.cookies.get(LANGUAGE_COOKIE)?.value, request.headers.get("accept-language"));
  return tooManyRequestsPage(language, result.retryAfterSeconds);
}

const STAFF_AREA = /^\/staff(\/|$)/;
const STAFF_SIGN_IN = /^\/staff\/login\/?$/;

function isGuardedStaffPath(pathname: string): boolean {
  return STAFF_AREA.test(pathname) && !STAFF_SIGN_IN.test(pathname);
}

type Gate = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Auth.js reads the session cookie; the session row decides (ended, expired, idle, deactivated: signed out). With a
 * configuration read at request time, Auth.js hands out the wrapped handler asynchronously: made once, then reused.
 */
let staffGateOnce: Promise<Gate> | undefined;
function staffGate(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  staffGateOnce ??= (auth(async (request) => {
    const sessionId = request.auth?.sessionId;
    const access = sessionId ? await grantStaffAccess(await appContext(), sessionId) : null;
    if (access) return withContentSecurityPolicy(request);
    // A server action posted by a page whose session ended: the action wrapper answers "please sign in again" in the
    // page's own words, and renders nothing of the page (lib/actions/staff-action.ts).
    if (request.method === "POST" && request.headers.has("next-action")) return withContentSecurityPolicy(request);
    const signIn = new URL("/staff/login", request.nextUrl.origin);
    signIn.searchParams.set("weiter", request.nextUrl.pathname + request.nextUrl.search);
    // 303 turns a posted form into a plain GET of the sign-in page; the body is empty either way.
    return NextResponse.redirect(signIn, request.method === "GET" || request.method === "HEAD" ? 307 : 303);
  }) as unknown as Promise<Gate>);
  return staffGateOnce.then((gate) => gate(request, event));
}

async function withContentSecurityPolicy(request: NextRequest): Promise<NextResponse> {
  // Citizen pages may be framed by the sites an administrator listed (the town's website); staff and kiosk pages never.
  const isInternal = STAFF_AREA.test(request.nextUrl.pathname) || /^\/(dev|kiosk)\//.test(request.nextUrl.pathname);
  const frameAncestors = frameAncestorsDirective((await officeSettings()).frameAncestors, isInternal);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const isDev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // The sign-in page's single sign-on form is answered with a redirect to the identity provider (lib/auth/sso-csp.ts).
    `form-action 'self'${request.nextUrl.pathname.startsWith("/staff/login") ? ssoFormActionSources(getEnv().sso).map((o) => ` ${o}`).join("") : ""}`,
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-request-path", request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // For browsers that know only the older header; with allowed sites, frame-ancestors alone decides.
  if (frameAncestors === "'none'") response.headers.set("x-frame-options", "DENY");
  return response;
}

export const config = {
  // No exception for prefetch requests: a header must never let a request past the staff gate.
  // Health checks answer for themselves, without the database the proxy reads (lib/ops/readiness.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|forms/|api/|healthz$|readyz$).*)"],
};

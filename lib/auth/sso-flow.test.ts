/**
 * Single sign-on end to end without a browser: Auth.js's core with our configuration (sso-auth-config.ts) against a
 * real OpenID provider on loopback (e2e/support/oidc-provider.mjs, the `oidc-provider` package), through the whole
 * authorization code flow. Proves what the Next.js build cannot show in a unit test: the checks Auth.js applies to
 * the provider's answer (audience, expiry, PKCE, state, nonce), that each refusal reaches the sign-in page as a code
 * lib/auth/sso-errors.ts knows, and that a success leaves a cookie holding nothing but our session id.
 * The browser version of this, against the built app, is e2e/sso.spec.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Auth, skipCSRFCheck, type AuthConfig } from "@auth/core";
import { decode } from "@auth/core/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppDatabase } from "@/db/client";
import { staffSessions, staffUsers } from "@/db/schema";
import type { SsoSettings } from "@/lib/env";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { resolveSession } from "./sessions";
import { authConfig } from "./sso-auth-config";
import { signInMessageFor } from "./sso-errors";

// next-auth's entry needs Next.js's runtime; the configuration only takes its error class from there.
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

const APP = "http://127.0.0.1:3999";
const CALLBACK = `${APP}/api/auth/callback/oidc`;
const SECRET = "flow-test-secret-flow-test-secret-0123456789";
const NOW = new Date("2026-11-24T07:00:00Z");
const ACCOUNTS = {
  "anna.admin": { claims: { email: "anna.admin@sso.musterstadt.example", name: "Anna Admin", roles: ["terminvergabe-admin"] } },
  "bernd.neu": { claims: { email: "bernd.neu@sso.musterstadt.example", name: "Bernd Neu" } },
  "dora.fremd": { claims: { email: "dora@sso.musterstadt.example", name: "Dora Fremd", roles: ["terminvergabe-admin"] }, idTokenAudience: "anderer-dienst" },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startProvider(env: Record<string, string>): Promise<{ issuer: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["e2e/support/oidc-provider.mjs"], {
    env: {
      ...process.env,
      OIDC_TEST_PORT: String(port),
      OIDC_TEST_CLIENT_ID: "terminvergabe",
      OIDC_TEST_CLIENT_SECRET: "flow-client-secret",
      OIDC_TEST_REDIRECT_URIS: CALLBACK,
      OIDC_TEST_ACCOUNTS: JSON.stringify(ACCOUNTS),
      ...env,
    },
    stdio: "ignore",
  });
  const issuer = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const ready = await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.ok, () => false);
    if (ready) return { issuer, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error("the test provider did not start");
}

/** Cookies of one origin, as a browser would keep them for this flow. */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

let normal: { issuer: string; process: ChildProcess };
let slowClock: { issuer: string; process: ChildProcess };
beforeAll(async () => {
  [normal, slowClock] = await Promise.all([
    startProvider({}),
    // Ten minutes behind with one-minute ID tokens: every token it issues has expired when it arrives.
    startProvider({ OIDC_TEST_CLOCK_OFFSET_SECONDS: "-600", OIDC_TEST_ID_TOKEN_TTL: "60" }),
  ]);
}, 30_000);
afterAll(() => {
  normal?.process.kill();
  slowClock?.process.kill();
});

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
let db: AppDatabase;
let warnings: string[];
beforeEach(async () => {
  temp = await createTempDatabase();
  db = temp.db;
  warnings = [];
  vi.spyOn(console, "warn").mockImplementation((message: string) => void warnings.push(String(message)));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await temp.cleanup();
});

function settings(issuer: string, overrides: Partial<SsoSettings> = {}): SsoSettings {
  return {
    issuer,
    clientId: "terminvergabe",
    clientSecret: "flow-client-secret",
    name: "Stadtverwaltung Musterstadt",
    roleMapping: { claim: "roles", adminValues: ["terminvergabe-admin"], staffValues: ["terminvergabe-staff"] },
    ...overrides,
  };
}

/** Our configuration for Auth.js's core, as next-auth would pass it (its server-side signIn skips the CSRF check too). */
function coreConfig(sso: SsoSettings, options: { passwordSignIn?: boolean; skipCsrf?: boolean } = {}): Omit<AuthConfig, "raw"> {
  const config: Omit<AuthConfig, "raw"> = {
    ...authConfig({ authSecret: SECRET, publicUrl: APP, sso, passwordSignIn: options.passwordSignIn ?? true }, { db: () => db, now: () => NOW }),
    basePath: "/api/auth",
  };
  if (options.skipCsrf !== false) config.skipCSRFCheck = skipCSRFCheck;
  return config;
}

type FlowResult = { location: string; app: Jar };

/**
 * One sign-in: start at the app (as the sign-in page's action does), sign in at the provider with `login` (or press
 * "deny"), and hand the provider's redirect to the app's callback. Returns where the app sends the browser.
 */
async function flow(sso: SsoSettings, login: string | { deny: true }): Promise<FlowResult> {
  const config = coreConfig(sso);
  const app = new Jar();
  const provider = new Jar();
  const start = await Auth(
    new Request(`${APP}/api/auth/signin/oidc`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ callbackUrl: "/staff" }) }),
    config,
  );
  app.store(start);
  let location = start.headers.get("location")!;
  expect(location.startsWith(`${sso.issuer}/auth?`), location).toBe(true);
  const authorization = new URL(location).searchParams;
  expect(authorization.get("scope")).toBe("openid email profile");
  expect(authorization.get("redirect_uri")).toBe(CALLBACK);

  for (let step = 0; location.startsWith(sso.issuer); step++) {
    expect(step).toBeLessThan(10);
    const response = await fetch(location, { redirect: "manual", headers: { cookie: provider.header() } });
    provider.store(response);
    if (response.status === 200 && new URL(location).pathname.startsWith("/interaction/")) {
      const uid = new URL(location).pathname.split("/")[2];
      const post = await fetch(`${sso.issuer}/interaction/${uid}/${typeof login === "string" ? "login" : "abort"}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: provider.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(typeof login === "string" ? { login } : {}),
      });
      provider.store(post);
      location = new URL(post.headers.get("location")!, sso.issuer).href;
      continue;
    }
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(300);
    location = new URL(response.headers.get("location")!, location).href;
  }
  expect(location.startsWith(`${CALLBACK}?`), location).toBe(true);

  const callback = await Auth(new Request(location, { headers: { cookie: app.header() } }), config);
  app.store(callback);
  return { location: callback.headers.get("location") ?? "", app };
}

const sessionCookie = "authjs.session-token";
const errorOf = (location: string) => new URL(location).searchParams.get("error");
const accounts = async () => await db.select().from(staffUsers);

describe("single sign-on against a real OpenID provider", () => {
  it("signs in an administrator with the role from the claim; the cookie holds our session id only", async () => {
    const { location, app } = await flow(settings(normal.issuer), "anna.admin");
    expect(location).toBe(`${APP}/staff`);
    const [account] = await accounts();
    expect(account).toMatchObject({ email: "anna.admin@sso.musterstadt.example", role: "admin", active: true, ssoIssuer: normal.issuer, ssoSubject: "anna.admin" });

    const token = await decode({ token: app.get(sessionCookie), secret: SECRET, salt: sessionCookie });
    expect(Object.keys(token ?? {}).sort()).toEqual(["exp", "iat", "jti", "sid"]);
    expect((await resolveSession(db, String(token!.sid), NOW))?.id).toBe(account!.id);
    // State, PKCE and nonce cookies were used up.
    expect(app.get("authjs.pkce.code_verifier")).toBeUndefined();
    expect(app.get("authjs.state")).toBeUndefined();
    expect(app.get("authjs.nonce")).toBeUndefined();
  });

  it("a person without a role gets an account waiting for approval and no session", async () => {
    const { location, app } = await flow(settings(normal.issuer), "bernd.neu");
    expect(errorOf(location)).toBe("account_created");
    expect(location.startsWith(`${APP}/staff/login?`)).toBe(true);
    expect(app.get(sessionCookie)).toBeUndefined();
    expect(await accounts()).toEqual([expect.objectContaining({ email: "bernd.neu@sso.musterstadt.example", active: false, ssoAccess: "pending" })]);
    expect(await db.select().from(staffSessions)).toHaveLength(0);
    expect(signInMessageFor(errorOf(location)!)).toEqual({ key: "accountCreated", tone: "info" });
  });

  it("an ID token for another audience is refused, for its audience", async () => {
    const { location, app } = await flow(settings(normal.issuer), "dora.fremd");
    expect(errorOf(location)).toBe("Configuration");
    expect(app.get(sessionCookie)).toBeUndefined();
    expect(await accounts()).toHaveLength(0);
    expect(warnings).toContain("auth: CallbackRouteError OAUTH_JWT_CLAIM_COMPARISON_FAILED aud");
    expect(signInMessageFor("Configuration")?.key).toBe("notVerified");
  });

  it("an expired ID token is refused, for its expiry", async () => {
    const { location, app } = await flow(settings(slowClock.issuer), "anna.admin");
    expect(errorOf(location)).toBe("Configuration");
    expect(app.get(sessionCookie)).toBeUndefined();
    expect(await accounts()).toHaveLength(0);
    expect(warnings).toContain("auth: CallbackRouteError OAUTH_JWT_TIMESTAMP_CHECK_FAILED exp");
  });

  it("denied access at the provider comes back as the provider's refusal", async () => {
    const { location } = await flow(settings(normal.issuer), { deny: true });
    expect(errorOf(location)).toBe("OAuthCallbackError");
    expect(signInMessageFor("OAuthCallbackError")?.key).toBe("providerRefused");
    expect(warnings.some((warning) => warning.startsWith("auth: OAuthCallbackError"))).toBe(true);
  });

  it("a replayed callback (state and PKCE cookies gone) is refused", async () => {
    const sso = settings(normal.issuer);
    const config = coreConfig(sso, { passwordSignIn: false, skipCsrf: false });
    const response = await Auth(new Request(`${CALLBACK}?code=made-up&state=made-up&iss=${encodeURIComponent(sso.issuer)}`), config);
    expect(errorOf(response.headers.get("location")!)).toBe("Configuration");
    expect(await accounts()).toHaveLength(0);
  });

  it("with PASSWORD_SIGN_IN=false Auth.js has no password provider to post to", async () => {
    const config = coreConfig(settings(normal.issuer), { passwordSignIn: false });
    const response = await Auth(
      new Request(`${APP}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "admin@musterstadt.example", password: "Demo-Admin-2026!" }),
      }),
      config,
    );
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith(sessionCookie))).toBe(false);
    expect(errorOf(response.headers.get("location")!)).toBe("Configuration");
  });
});

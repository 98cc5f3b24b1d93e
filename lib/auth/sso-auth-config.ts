import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import type { AppDatabase } from "@/db/client";
import type { AppEnv } from "@/lib/env";
import { clientAddressFrom } from "@/lib/http/client-address";
import { SESSION_MAX_AGE_MS } from "./sessions";
import { attemptSignIn } from "./sign-in";
import { completeSsoSignIn, SSO_PROVIDER_ID, ssoProvider } from "./sso-provider";

/**
 * The whole Auth.js configuration, without Next.js: lib/auth/auth.ts hands it to NextAuth, and the single sign-on
 * flow test (sso-flow.test.ts) runs Auth.js's core with exactly this against a real OpenID provider. (The file name
 * says sso because that is what made it necessary; the password provider is configured here as well.)
 *
 * Either way of signing in ends in the same place: a server-side session row (lib/auth/sessions.ts) whose id is the
 * only thing the cookie carries. Throttling lives in `authorize`, so no way into the password sign-in can skip it.
 * With PASSWORD_SIGN_IN=false the password provider is not registered at all, so no form, action or request to
 * Auth.js's routes can use it.
 */

class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

/** Where Auth.js sends people: errors of a single sign-on come back to the sign-in page as `?error=<type>`. */
export const AUTH_PAGES = { signIn: "/staff/login", error: "/staff/login" } as const;

export type AuthDependencies = { db: () => AppDatabase; now: () => Date };

export function authConfig(env: Pick<AppEnv, "authSecret" | "publicUrl" | "sso" | "passwordSignIn">, deps: AuthDependencies): NextAuthConfig {
  const providers: Provider[] = [];
  if (env.passwordSignIn) {
    providers.push(
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const outcome = await attemptSignIn(deps.db(), { ...parsed.data, address: clientAddressFrom(request.headers) }, { now: deps.now(), secret: env.authSecret });
          if (!outcome.ok) {
            if (outcome.reason === "throttled") throw new ThrottledSignIn();
            return null;
          }
          return { id: String(outcome.user.id), sessionId: outcome.sessionId };
        },
      }),
    );
  }
  const sso = env.sso;
  if (sso) providers.push(ssoProvider(sso));

  return {
    secret: env.authSecret,
    trustHost: true,
    useSecureCookies: env.publicUrl.startsWith("https:"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_MS / 1000 },
    pages: AUTH_PAGES,
    providers,
    callbacks: {
      async signIn(params) {
        if (params.account?.provider !== SSO_PROVIDER_ID) return true;
        if (!sso) return false;
        return completeSsoSignIn(params, { db: deps.db(), now: deps.now(), settings: sso });
      },
      jwt({ token, user }) {
        // At sign-in the token is made from scratch: the session id and nothing else (no name, e-mail or subject).
        if (user) return user.sessionId ? { sid: user.sessionId } : null;
        return token;
      },
      session({ session, token }) {
        session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
    // Auth.js logs failed sign-ins itself; keep that to the error's type and, for a refused single sign-on, the check
    // that failed (e.g. "OAUTH_JWT_TIMESTAMP_CHECK_FAILED exp": a clock off at either end). Never tokens, claims,
    // credentials or addresses.
    logger: {
      error: (error) => console.warn(`auth: ${describeAuthError(error)}`),
      warn: () => undefined,
      debug: () => undefined,
    },
  };
}

const CODE = /^[A-Za-z_]{1,64}$/;

/** The error's type plus the codes of its cause (constants of Auth.js and oauth4webapi), nothing else. */
export function describeAuthError(error: Error): string {
  const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
  const cause = (error.cause ?? {}) as { err?: unknown; claim?: unknown; error?: unknown };
  const inner = cause.err instanceof Error && "code" in cause.err && typeof cause.err.code === "string" ? cause.err.code : null;
  const details = [inner, cause.claim, cause.error].filter((part): part is string => typeof part === "string" && CODE.test(part));
  return [type, ...details].join(" ");
}

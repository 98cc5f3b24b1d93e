import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { SESSION_MAX_AGE_MS } from "./sessions";
import { attemptSignIn } from "./sign-in";
import { now } from "@/lib/clock";
import { clientAddressFrom } from "@/lib/http/client-address";

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

/**
 * Auth.js v5 with e-mail and password. The cookie carries only a reference to a server-side session row, which is
 * what every staff page and action checks (lib/auth/staff.ts): revocable, with an absolute and an idle timeout.
 * Throttling lives in `authorize`, so no way into sign-in can skip it.
 */
export const { auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.authSecret,
    trustHost: true,
    useSecureCookies: env.publicUrl.startsWith("https:"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_MS / 1000 },
    pages: { signIn: "/staff/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const outcome = await attemptSignIn(getDb(), { ...parsed.data, address: clientAddressFrom(request.headers) }, { now: now(), secret: env.authSecret });
          if (!outcome.ok) {
            if (outcome.reason === "throttled") throw new ThrottledSignIn();
            return null;
          }
          return { id: String(outcome.user.id), email: outcome.user.email, name: outcome.user.name, sessionId: outcome.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sessionId) token.sid = user.sessionId;
        return token;
      },
      session({ session, token }) {
        session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
    // Auth.js logs failed sign-ins itself; keep that to the error's type (class names are minified in the build),
    // never credentials or addresses.
    logger: {
      error: (error) => console.warn(`auth: ${"type" in error && typeof error.type === "string" ? error.type : error.name}`),
      warn: () => undefined,
      debug: () => undefined,
    },
  };
});

import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { authConfig } from "./sso-auth-config";

/**
 * Auth.js v5 with e-mail and password and, when configured, single sign-on through OpenID Connect. The configuration
 * (lib/auth/sso-auth-config.ts) is read at request time. Either way the cookie carries only a reference to a
 * server-side session row, which is what every staff page and action checks (lib/auth/staff.ts): revocable, with an
 * absolute and an idle timeout. `handlers` serve only the single sign-on callback (app/api/auth/[...nextauth]).
 */
export const { auth, signIn, signOut, handlers } = NextAuth(() => authConfig(getEnv(), { db: getDb, now }));

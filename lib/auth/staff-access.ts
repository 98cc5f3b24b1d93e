import type { StaffUser } from "@/db/schema";
import type { StaffRole } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/context";
import { resolveSession } from "./sessions";

/**
 * Staff access: the only way staff pages, actions and route handlers reach data.
 *
 * In the App Router a layout is not a guard: a page segment can be requested on its own (`RSC: 1`), and a layout's
 * redirect does not stop the page below from rendering into the same response. So the guard sits in the data: every
 * staff and admin service takes a `StaffAccess` and begins with `authorize(access, role)`, which refuses anything not
 * granted here for a verified session, and any role that is too low. Pages, actions and route handlers get their
 * access from lib/auth/staff.ts (`requireStaffPage`, `currentStaffAccess`) or the `staffAction` wrapper; they cannot
 * reach the database otherwise (lint forbids `@/db/client` under app/staff and in components).
 */
export type StaffAccess = ServiceContext & {
  readonly user: PublicStaffUser;
  readonly sessionId: string;
  readonly actor: Actor;
};

export type PublicStaffUser = Omit<StaffUser, "passwordHash">;

export function withoutSecrets(user: StaffUser): PublicStaffUser {
  const { passwordHash: _omitted, ...rest } = user;
  return rest;
}

export function hasRole(user: Pick<PublicStaffUser, "role">, role: StaffRole): boolean {
  return role === "staff" || user.role === "admin";
}

/** Kept on globalThis: the bundler may load this module more than once (server components, actions, routes). */
const globalGrants = globalThis as unknown as { terminvergabeStaffGrants?: WeakSet<object> };
const grants = (globalGrants.terminvergabeStaffGrants ??= new WeakSet());

/**
 * Access for a session id, if the session is valid now (not expired or idle, account active), else null. The one
 * place a StaffAccess is made; tests use it with a real session row. An access serves one request: pages, actions
 * and route handlers ask for a fresh one each time, so a session ended meanwhile is refused at the next request.
 */
export async function grantStaffAccess(context: ServiceContext, sessionId: string): Promise<StaffAccess | null> {
  const user = await resolveSession(context.db, sessionId, context.now());
  if (!user) return null;
  // Frozen through and through: nobody raises their role or rewrites their audit label on an access they hold.
  const access: StaffAccess = Object.freeze({
    ...context,
    user: Object.freeze(withoutSecrets(user)),
    sessionId,
    actor: Object.freeze({ userId: user.id, label: user.email }),
  });
  grants.add(access);
  return access;
}

/** For services: the access itself when it was granted here and carries `role`; a typed error otherwise. */
export function authorize(access: StaffAccess, role: StaffRole): StaffAccess {
  if (typeof access !== "object" || access === null || !grants.has(access)) throw new AppError("unauthenticated", "no verified staff session");
  if (!hasRole(access.user, role)) throw new AppError("forbidden", `this needs the ${role} role`);
  return access;
}

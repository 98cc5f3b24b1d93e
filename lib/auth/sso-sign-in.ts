import { and, eq } from "drizzle-orm";
import type { AppDatabase, DbTransaction } from "@/db/client";
import { staffUsers, type StaffUser } from "@/db/schema";
import type { SsoRoleMapping } from "@/lib/env";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/services/audit";
import { createSession, deleteUserSessions } from "./sessions";
import { decideSsoSignIn, profileFromClaims, roleFromClaims, type SsoClaims, type SsoRefusal } from "./sso-mapping";
import { inWriteTransaction } from "@/db/transaction";

export type SsoSignInOutcome = { ok: true; user: StaffUser; sessionId: string } | { ok: false; reason: SsoRefusal };

/** A verified identity: the ID token's issuer and subject, and all its claims (Auth.js has checked the token). */
export type SsoIdentity = { issuer: string; subject: string; claims: SsoClaims };

export type SsoSignInContext = { now: Date; roleMapping: SsoRoleMapping | null };

/** What the audit log keeps of an account, as for every other account change: no password hash, no identity keys. */
function auditView(user: Pick<StaffUser, "email" | "name" | "role" | "active">) {
  return { email: user.email, name: user.name, role: user.role, active: user.active };
}

/**
 * Signs in a person the identity provider has vouched for: finds or creates their account by issuer and subject,
 * applies the rules of lib/auth/sso-mapping.ts, and on success creates our own session row exactly as the password
 * sign-in does (8 hours at most, 30 minutes idle; the provider's session is a separate thing). One immediate
 * transaction, so two sign-ins of a new person at the same moment cannot create two accounts.
 *
 * Name and e-mail address follow the provider at every sign-in; a change is audited like an admin's change would be.
 */
export async function signInWithSso(db: AppDatabase, identity: SsoIdentity, context: SsoSignInContext): Promise<SsoSignInOutcome> {
  const profile = profileFromClaims(identity.claims);
  if (!profile) return { ok: false, reason: "profile_incomplete" };
  const grantedRole = context.roleMapping ? roleFromClaims(identity.claims, context.roleMapping) : undefined;

  return inWriteTransaction(db, async (tx): Promise<SsoSignInOutcome> => {
    const existing = (await tx
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.ssoIssuer, identity.issuer), eq(staffUsers.ssoSubject, identity.subject))))[0];
    const decision = decideSsoSignIn(existing ?? null, grantedRole);

    let user: StaffUser;
    if (decision.kind === "create") {
      user = (await tx
        .insert(staffUsers)
        .values({ ...profile, ...decision.account, passwordHash: null, ssoIssuer: identity.issuer, ssoSubject: identity.subject })
        .returning())[0]!;
      await recordAudit(tx, SYSTEM_ACTOR, { action: "staff.sso_create", entityType: "staff_user", entityId: user.id, after: auditView(user) });
    } else {
      user = await syncProfile(tx, existing!, profile);
      if (decision.change) {
        const before = user;
        user = (await tx.update(staffUsers).set(decision.change).where(eq(staffUsers.id, user.id)).returning())[0]!;
        if (decision.isRoleSync) {
          // New rights (or none) apply at once, to every session of the account, as after an admin's change.
          await deleteUserSessions(tx, user.id);
          await recordAudit(tx, SYSTEM_ACTOR, { action: "staff.sso_role_sync", entityType: "staff_user", entityId: user.id, before: auditView(before), after: auditView(user) });
        }
      }
    }
    if (decision.refusal) return { ok: false, reason: decision.refusal };

    const sessionId = await createSession(tx, user.id, context.now);
    await recordAudit(tx, { userId: user.id, label: user.email }, { action: "staff.sign_in", entityType: "staff_user", entityId: user.id, after: { method: "oidc" } });
    return { ok: true, user, sessionId };
  });
}

async function syncProfile(tx: DbTransaction, user: StaffUser, profile: { email: string; name: string }): Promise<StaffUser> {
  if (user.email === profile.email && user.name === profile.name) return user;
  const updated = (await tx.update(staffUsers).set(profile).where(eq(staffUsers.id, user.id)).returning())[0]!;
  await recordAudit(tx, SYSTEM_ACTOR, {
      action: "staff.sso_profile_sync",
      entityType: "staff_user",
      entityId: user.id,
      before: { email: user.email, name: user.name },
      after: { email: updated.email, name: updated.name },
    });
  return updated;
}

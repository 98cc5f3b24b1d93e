import type { StaffUser } from "@/db/schema";
import type { SsoAccessState, StaffRole } from "@/lib/domain/enums";
import type { SsoRoleMapping } from "@/lib/env";
import { emailSchema } from "@/lib/validation/staff";

/**
 * Pure rules of single sign-on: what an identity provider's claims mean for our staff account. No I/O, no clock;
 * lib/auth/sso-sign-in.ts applies the decision in one transaction.
 *
 * Accounts are keyed by issuer and `sub`, never by e-mail address: an address in a token is whatever the provider's
 * directory says (in some tenants, what the user typed), so matching on it would let anyone who gets the address of a
 * password account into their profile take that account over. An identity with the same address as an existing
 * account gets an account of its own.
 */

/** The ID token's claims, as Auth.js hands them over after verifying the token. */
export type SsoClaims = Record<string, unknown>;

/**
 * The role the claim grants: admin if any value is an admin value, else staff if any is a staff value, else null.
 * The claim may be a string or an array of strings (Keycloak's and Entra ID's `roles`, `groups`). A name with dots
 * (`realm_access.roles`, Keycloak's realm roles) is looked up as it is first, then as a path, since some providers
 * use URLs with dots as claim names.
 */
export function roleFromClaims(claims: SsoClaims, mapping: SsoRoleMapping): StaffRole | null {
  const values = claimValues(claimAt(claims, mapping.claim));
  if (values.some((value) => mapping.adminValues.includes(value))) return "admin";
  if (values.some((value) => mapping.staffValues.includes(value))) return "staff";
  return null;
}

function claimAt(claims: SsoClaims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let current: unknown = claims;
  for (const part of name.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function claimValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** What we keep of the person: the e-mail address (shown, used as the audit label) and a name to show. */
export type SsoProfile = { email: string; name: string };

/**
 * The profile from the claims, or null if there is no usable e-mail address. Entra ID sends `email` only when the
 * directory has one; its `preferred_username` is then usually the sign-in address (UPN), which is taken instead.
 */
export function profileFromClaims(claims: SsoClaims): SsoProfile | null {
  const candidates = [claims.email, claims.preferred_username, claims.upn];
  const email = candidates
    .map((candidate) => (typeof candidate === "string" ? emailSchema.safeParse(candidate) : null))
    .find((result) => result?.success)?.data;
  if (!email) return null;
  const text = (value: unknown) => (typeof value === "string" ? value.trim().replace(/\s+/g, " ") : "");
  const joined = [text(claims.given_name), text(claims.family_name)].filter((part) => part !== "").join(" ");
  const name = (text(claims.name) || joined || email.split("@")[0]!).slice(0, 120);
  return { email, name };
}

/** The part of an account the decision reads and may change. */
export type SsoAccountState = Pick<StaffUser, "role" | "active" | "ssoAccess">;

/** Why a sign-in was refused; each has its own calm message on the sign-in page (lib/auth/sso-errors.ts). */
export type SsoRefusal = "account_created" | "pending" | "role_removed" | "deactivated" | "profile_incomplete";

export type SsoDecision =
  | { kind: "create"; account: { role: StaffRole; active: boolean; ssoAccess: SsoAccessState }; refusal: SsoRefusal | null }
  | {
      kind: "existing";
      /** What to write on the account, if anything. */
      change: Partial<SsoAccountState> | null;
      /** Whether the change came from the role claim (audited as `staff.sso_role_sync`). */
      isRoleSync: boolean;
      refusal: SsoRefusal | null;
    };

/**
 * Decides a sign-in through single sign-on.
 *
 * `grantedRole` is the claim's role when role mapping is configured (null: the claim grants none), or `undefined`
 * without role mapping: then only admins decide roles and access.
 *
 * - Unknown identity: with a granted role an active account with that role; otherwise an inactive account that waits
 *   for approval, and the sign-in is refused with a message saying so.
 * - Without role mapping the account stays as the admin set it: pending and deactivated accounts are refused.
 * - With role mapping the role follows the claim at every sign-in. A claim that no longer grants a role takes away
 *   access from an account whose role came from the claim (like a deactivation); a claim that grants one again gives
 *   it back. An admin's own decision is respected: an account an admin approved keeps its role while the claim grants
 *   none, and an account an admin deactivated stays deactivated whatever the claim says.
 */
export function decideSsoSignIn(existing: SsoAccountState | null, grantedRole: StaffRole | null | undefined): SsoDecision {
  if (!existing) {
    return grantedRole
      ? { kind: "create", account: { role: grantedRole, active: true, ssoAccess: "claim" }, refusal: null }
      : { kind: "create", account: { role: "staff", active: false, ssoAccess: "pending" }, refusal: "account_created" };
  }
  const keep = (refusal: SsoRefusal | null): SsoDecision => ({ kind: "existing", change: null, isRoleSync: false, refusal });

  if (grantedRole === undefined) {
    if (existing.ssoAccess === "pending") return keep("pending");
    if (!existing.active) return keep(existing.ssoAccess === "claim_removed" ? "role_removed" : "deactivated");
    return keep(null);
  }

  if (grantedRole) {
    const isOnHold = existing.ssoAccess === "pending" || existing.ssoAccess === "claim_removed";
    if (!existing.active && !isOnHold) return keep("deactivated");
    const change: Partial<SsoAccountState> = {};
    if (existing.role !== grantedRole) change.role = grantedRole;
    if (!existing.active) change.active = true;
    if (existing.ssoAccess !== "claim") change.ssoAccess = "claim";
    const isRoleSync = change.role !== undefined || change.active !== undefined;
    return { kind: "existing", change: Object.keys(change).length > 0 ? change : null, isRoleSync, refusal: null };
  }

  // The claim grants no role.
  if (existing.ssoAccess === "pending") return keep("pending");
  if (existing.ssoAccess === "claim_removed") return keep("role_removed");
  if (!existing.active) return keep("deactivated");
  if (existing.ssoAccess === "claim") {
    return { kind: "existing", change: { active: false, ssoAccess: "claim_removed" }, isRoleSync: true, refusal: "role_removed" };
  }
  // An admin granted this account its role and access.
  return keep(null);
}

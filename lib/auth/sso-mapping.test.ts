import { describe, expect, it } from "vitest";
import type { SsoRoleMapping } from "@/lib/env";
import { decideSsoSignIn, profileFromClaims, roleFromClaims, type SsoAccountState, type SsoDecision } from "./sso-mapping";

const MAPPING: SsoRoleMapping = { claim: "roles", adminValues: ["tv-admin", "it-admins"], staffValues: ["tv-staff"] };

describe("role from the claim", () => {
  it.each([
    { name: "a string with an admin value", claims: { roles: "tv-admin" }, role: "admin" },
    { name: "a string with a staff value", claims: { roles: "tv-staff" }, role: "staff" },
    { name: "an array with a staff value among others", claims: { roles: ["offline_access", "tv-staff"] }, role: "staff" },
    { name: "an array with both: admin wins", claims: { roles: ["tv-staff", "it-admins"] }, role: "admin" },
    { name: "an array without a mapped value", claims: { roles: ["offline_access"] }, role: null },
    { name: "an empty array", claims: { roles: [] }, role: null },
    { name: "no such claim", claims: { groups: ["tv-admin"] }, role: null },
    { name: "values are compared exactly (case)", claims: { roles: ["TV-ADMIN"] }, role: null },
    { name: "a value that only contains a mapped one", claims: { roles: "tv-admin-deputy" }, role: null },
    { name: "non-string members are ignored", claims: { roles: [1, { role: "tv-admin" }, null, "tv-staff"] }, role: "staff" },
    { name: "an object claim", claims: { roles: { "tv-admin": true } }, role: null },
  ])("$name → $role", ({ claims, role }) => {
    expect(roleFromClaims(claims, MAPPING)).toBe(role);
  });

  it("reads a nested claim by path (Keycloak's realm_access.roles)", () => {
    const mapping = { ...MAPPING, claim: "realm_access.roles" };
    expect(roleFromClaims({ realm_access: { roles: ["tv-admin"] } }, mapping)).toBe("admin");
    expect(roleFromClaims({ realm_access: ["tv-admin"] }, mapping)).toBeNull();
    expect(roleFromClaims({}, mapping)).toBeNull();
  });

  it("prefers a claim whose name contains the dots itself (namespaced claims)", () => {
    const mapping = { ...MAPPING, claim: "https://musterstadt.de/roles" };
    expect(roleFromClaims({ "https://musterstadt.de/roles": ["tv-staff"] }, mapping)).toBe("staff");
  });

  it("does not walk into inherited properties", () => {
    expect(roleFromClaims({}, { ...MAPPING, claim: "constructor.name" })).toBeNull();
  });
});

describe("profile from the claims", () => {
  it("takes the e-mail address lower-cased and the name", () => {
    expect(profileFromClaims({ email: " Anna.Admin@Musterstadt.DE ", name: "Anna  Admin" })).toEqual({ email: "anna.admin@musterstadt.de", name: "Anna Admin" });
  });

  it("falls back to preferred_username when it is an address (Entra ID without a mail attribute)", () => {
    expect(profileFromClaims({ preferred_username: "bernd@musterstadt.de", given_name: "Bernd", family_name: "Neu" })).toEqual({
      email: "bernd@musterstadt.de",
      name: "Bernd Neu",
    });
  });

  it("skips a malformed e-mail claim for the next candidate", () => {
    expect(profileFromClaims({ email: "not an address", upn: "carla@musterstadt.de" })?.email).toBe("carla@musterstadt.de");
  });

  it("names the person by the address when no name is sent", () => {
    expect(profileFromClaims({ email: "dora@musterstadt.de" })).toEqual({ email: "dora@musterstadt.de", name: "dora" });
  });

  it("gives up without any address", () => {
    expect(profileFromClaims({ preferred_username: "dora", name: "Dora" })).toBeNull();
    expect(profileFromClaims({})).toBeNull();
  });
});

describe("the decision at a single sign-on", () => {
  const account = (ssoAccess: SsoAccountState["ssoAccess"], active: boolean, role: SsoAccountState["role"] = "staff"): SsoAccountState => ({ ssoAccess, active, role });
  const keep = (refusal: SsoDecision["refusal"]): SsoDecision => ({ kind: "existing", change: null, isRoleSync: false, refusal });

  it.each([
    // First sign-in.
    { case: "new, claim grants admin", existing: null, granted: "admin", decision: { kind: "create", account: { role: "admin", active: true, ssoAccess: "claim" }, refusal: null } },
    { case: "new, claim grants none", existing: null, granted: null, decision: { kind: "create", account: { role: "staff", active: false, ssoAccess: "pending" }, refusal: "account_created" } },
    { case: "new, no role mapping", existing: null, granted: undefined, decision: { kind: "create", account: { role: "staff", active: false, ssoAccess: "pending" }, refusal: "account_created" } },
    // Without role mapping the admin decides.
    { case: "no mapping, pending", existing: account("pending", false), granted: undefined, decision: keep("pending") },
    { case: "no mapping, approved", existing: account("admin", true, "admin"), granted: undefined, decision: keep(null) },
    { case: "no mapping, deactivated", existing: account("admin", false), granted: undefined, decision: keep("deactivated") },
    { case: "no mapping, claim removed earlier", existing: account("claim_removed", false), granted: undefined, decision: keep("role_removed") },
    // With role mapping the role follows the claim.
    { case: "same role", existing: account("claim", true, "staff"), granted: "staff", decision: keep(null) },
    {
      case: "role raised by the claim",
      existing: account("claim", true, "staff"),
      granted: "admin",
      decision: { kind: "existing", change: { role: "admin" }, isRoleSync: true, refusal: null },
    },
    {
      case: "claim removed",
      existing: account("claim", true, "admin"),
      granted: null,
      decision: { kind: "existing", change: { active: false, ssoAccess: "claim_removed" }, isRoleSync: true, refusal: "role_removed" },
    },
    { case: "still removed", existing: account("claim_removed", false), granted: null, decision: keep("role_removed") },
    {
      case: "claim back",
      existing: account("claim_removed", false, "admin"),
      granted: "staff",
      decision: { kind: "existing", change: { role: "staff", active: true, ssoAccess: "claim" }, isRoleSync: true, refusal: null },
    },
    {
      case: "pending, claim now grants a role",
      existing: account("pending", false),
      granted: "staff",
      decision: { kind: "existing", change: { active: true, ssoAccess: "claim" }, isRoleSync: true, refusal: null },
    },
    { case: "pending, still no role", existing: account("pending", false), granted: null, decision: keep("pending") },
    { case: "approved by an admin, claim grants none", existing: account("admin", true, "admin"), granted: null, decision: keep(null) },
    {
      case: "approved by an admin, claim grants a role: the claim takes over",
      existing: account("admin", true, "admin"),
      granted: "staff",
      decision: { kind: "existing", change: { role: "staff", ssoAccess: "claim" }, isRoleSync: true, refusal: null },
    },
    {
      case: "approved by an admin, claim grants the same role",
      existing: account("admin", true, "staff"),
      granted: "staff",
      decision: { kind: "existing", change: { ssoAccess: "claim" }, isRoleSync: false, refusal: null },
    },
    { case: "deactivated by an admin, claim grants a role", existing: account("admin", false), granted: "admin", decision: keep("deactivated") },
    { case: "deactivated by an admin, claim grants none", existing: account("admin", false), granted: null, decision: keep("deactivated") },
  ] as { case: string; existing: SsoAccountState | null; granted: "admin" | "staff" | null | undefined; decision: SsoDecision }[])(
    "$case",
    ({ existing, granted, decision }) => {
      expect(decideSsoSignIn(existing, granted)).toEqual(decision);
    },
  );
});

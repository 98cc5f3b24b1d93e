import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, staffUsers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { createSession } from "@/lib/auth/sessions";
import { grantStaffAccess, type StaffAccess } from "@/lib/auth/staff-access";
import { signInWithSso } from "@/lib/auth/sso-sign-in";
import type { SsoRoleMapping } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import {
  AccountRuleError,
  approveSsoAccount,
  changeStaffRole,
  listPendingSsoAccounts,
  listStaffAccounts,
  rejectSsoAccount,
  resetStaffPassword,
  setStaffAccountActive,
} from "./staff-accounts";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  admin = signedInAccess(fixture.context, "admin");
});
afterEach(() => fixture.cleanup());

const ISSUER = "https://login.musterstadt.example/realms/verwaltung";
const MAPPING: SsoRoleMapping = { claim: "roles", adminValues: ["tv-admin"], staffValues: ["tv-staff"] };
const db = () => fixture.db;

/** A sign-in through single sign-on as lib/auth/sso-provider.ts makes it. */
function ssoSignIn(subject: string, claims: Record<string, unknown>, mapping: SsoRoleMapping | null = null) {
  return signInWithSso(db(), { issuer: ISSUER, subject, claims: { sub: subject, ...claims } }, { now: TEST_NOW, roleMapping: mapping });
}
/** A person whose first single sign-on made a pending account. */
function pendingAccount(subject = "b-222", name = "Bernd Neu") {
  expect(ssoSignIn(subject, { email: `${subject}@musterstadt.example`, name })).toEqual({ ok: false, reason: "account_created" });
  return db().select().from(staffUsers).where(eq(staffUsers.ssoSubject, subject)).get()!;
}
const entries = (action: string, userId: number) =>
  db().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(userId)))).all();
function ruleOf(change: () => unknown): string {
  try {
    change();
  } catch (error) {
    if (error instanceof AccountRuleError) return error.rule;
    throw error;
  }
  throw new Error("the change was not refused");
}

describe("accounts waiting for approval", () => {
  it("are listed for admins, oldest first, and appear in the account list too", () => {
    const first = pendingAccount("b-1", "Bernd Erst");
    const second = pendingAccount("b-2", "Anna Zweit");
    expect(listPendingSsoAccounts(admin).map((account) => account.id)).toEqual([first.id, second.id]);
    expect(listPendingSsoAccounts(admin)[0]).not.toHaveProperty("passwordHash");
    expect(listStaffAccounts(admin).map((account) => account.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it("approval gives the chosen role and access; the next single sign-on succeeds", () => {
    const waiting = pendingAccount();
    const approved = approveSsoAccount(admin, { userId: waiting.id, role: "admin" });
    expect(approved).toMatchObject({ active: true, role: "admin", ssoAccess: "admin" });
    const [entry] = entries("staff.sso_approve", waiting.id);
    expect(entry).toMatchObject({ actorUserId: admin.user.id, before: { active: false, role: "staff" }, after: { active: true, role: "admin" } });
    const outcome = ssoSignIn("b-222", { email: "b-222@musterstadt.example", name: "Bernd Neu" });
    expect(outcome.ok && outcome.user.role).toBe("admin");
    expect(listPendingSsoAccounts(admin)).toHaveLength(0);
  });

  it("rejection deletes the request; a new sign-in asks again", () => {
    const waiting = pendingAccount();
    rejectSsoAccount(admin, { userId: waiting.id });
    expect(db().select().from(staffUsers).where(eq(staffUsers.id, waiting.id)).get()).toBeUndefined();
    expect(entries("staff.sso_reject", waiting.id)[0]).toMatchObject({ actorUserId: admin.user.id, before: { email: "b-222@musterstadt.example" }, after: null });
    expect(ssoSignIn("b-222", { email: "b-222@musterstadt.example" })).toEqual({ ok: false, reason: "account_created" });
  });

  it("only a waiting account can be approved or rejected (a second click, another account)", () => {
    const waiting = pendingAccount();
    approveSsoAccount(admin, { userId: waiting.id, role: "staff" });
    expect(ruleOf(() => approveSsoAccount(admin, { userId: waiting.id, role: "admin" }))).toBe("not_pending");
    expect(ruleOf(() => rejectSsoAccount(admin, { userId: waiting.id }))).toBe("not_pending");
    expect(ruleOf(() => rejectSsoAccount(admin, { userId: admin.user.id }))).toBe("not_pending");
    expect(db().select().from(staffUsers).where(eq(staffUsers.id, admin.user.id)).get()).toBeDefined();
    expect(() => approveSsoAccount(admin, { userId: 999_999, role: "staff" })).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("are guarded like every admin service: a clerk is forbidden, a look-alike access unauthenticated, nothing changes", () => {
    const waiting = pendingAccount();
    const clerk = signedInAccess(fixture.context, "staff");
    const forged = { ...admin } as StaffAccess;
    for (const [access, code] of [
      [clerk, "forbidden"],
      [forged, "unauthenticated"],
    ] as const) {
      for (const call of [
        () => listPendingSsoAccounts(access),
        () => approveSsoAccount(access, { userId: waiting.id, role: "admin" }),
        () => rejectSsoAccount(access, { userId: waiting.id }),
      ]) {
        expect(call).toThrow(AppError);
        expect(call).toThrow(expect.objectContaining({ code }));
      }
    }
    expect(db().select().from(staffUsers).where(eq(staffUsers.id, waiting.id)).get()).toMatchObject({ active: false, ssoAccess: "pending" });
  });
});

describe("the existing account forms on single sign-on accounts", () => {
  function activeSsoAccount() {
    const outcome = ssoSignIn("c-333", { email: "carla@musterstadt.example", name: "Carla", roles: "tv-staff" }, MAPPING);
    if (!outcome.ok) throw new Error("not signed in");
    return outcome.user;
  }

  it("no password can be set for an account without one", async () => {
    const user = activeSsoAccount();
    await expect(resetStaffPassword(admin, { userId: user.id, password: "ein-ganz-neues-Passwort-7" })).rejects.toMatchObject({ rule: "sso_account" });
    expect(db().select().from(staffUsers).where(eq(staffUsers.id, user.id)).get()!.passwordHash).toBeNull();
  });

  it("an admin's role change and deactivation are the admin's decision from then on", () => {
    const user = activeSsoAccount();
    expect(changeStaffRole(admin, { userId: user.id, role: "admin" })).toMatchObject({ role: "admin", ssoAccess: "admin" });
    expect(setStaffAccountActive(admin, { userId: user.id, active: false })).toMatchObject({ active: false, ssoAccess: "admin" });
    // The claim cannot undo the deactivation.
    expect(ssoSignIn("c-333", { email: "carla@musterstadt.example", roles: "tv-admin" }, MAPPING)).toEqual({ ok: false, reason: "deactivated" });
    setStaffAccountActive(admin, { userId: user.id, active: true });
    expect(ssoSignIn("c-333", { email: "carla@musterstadt.example", roles: "tv-staff" }, MAPPING).ok).toBe(true);
  });

  it("reactivating an account whose claim was removed lets it in without the claim", () => {
    const user = activeSsoAccount();
    expect(ssoSignIn("c-333", { email: "carla@musterstadt.example" }, MAPPING)).toEqual({ ok: false, reason: "role_removed" });
    setStaffAccountActive(admin, { userId: user.id, active: true });
    expect(ssoSignIn("c-333", { email: "carla@musterstadt.example" }, MAPPING).ok).toBe(true);
  });

  it("the password accounts are untouched by all of this", () => {
    const clerk = db().select().from(staffUsers).where(eq(staffUsers.email, DEMO_ACCOUNTS.staff.email)).get()!;
    expect(changeStaffRole(admin, { userId: clerk.id, role: "admin" }).ssoAccess).toBeNull();
    expect(setStaffAccountActive(admin, { userId: clerk.id, active: false }).ssoAccess).toBeNull();
    const access = grantStaffAccess(fixture.context, createSession(db(), admin.user.id, TEST_NOW));
    expect(access?.user.ssoAccess).toBeNull();
  });
});

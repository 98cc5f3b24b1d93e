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
  admin = await signedInAccess(fixture.context, "admin");
});
afterEach(() => fixture.cleanup());

const ISSUER = "https://login.musterstadt.example/realms/verwaltung";
const MAPPING: SsoRoleMapping = { claim: "roles", adminValues: ["tv-admin"], staffValues: ["tv-staff"] };
const db = () => fixture.db;

/** A sign-in through single sign-on as lib/auth/sso-provider.ts makes it. */
async function ssoSignIn(subject: string, claims: Record<string, unknown>, mapping: SsoRoleMapping | null = null) {
  return signInWithSso(db(), { issuer: ISSUER, subject, claims: { sub: subject, ...claims } }, { now: TEST_NOW, roleMapping: mapping });
}
/** A person whose first single sign-on made a pending account. */
async function pendingAccount(subject = "b-222", name = "Bernd Neu") {
  expect(await ssoSignIn(subject, { email: `${subject}@musterstadt.example`, name })).toEqual({ ok: false, reason: "account_created" });
  return (await db().select().from(staffUsers).where(eq(staffUsers.ssoSubject, subject)))[0]!;
}
const entries = async (action: string, userId: number) =>
  await db().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(userId))));
async function ruleOf(change: () => unknown): Promise<string> {
  try {
    await change();
  } catch (error) {
    if (error instanceof AccountRuleError) return error.rule;
    throw error;
  }
  throw new Error("the change was not refused");
}

describe("accounts waiting for approval", () => {
  it("are listed for admins, oldest first, and appear in the account list too", async () => {
    const first = await pendingAccount("b-1", "Bernd Erst");
    const second = await pendingAccount("b-2", "Anna Zweit");
    expect((await listPendingSsoAccounts(admin)).map((account) => account.id)).toEqual([first.id, second.id]);
    expect((await listPendingSsoAccounts(admin))[0]).not.toHaveProperty("passwordHash");
    expect((await listStaffAccounts(admin)).map((account) => account.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it("approval gives the chosen role and access; the next single sign-on succeeds", async () => {
    const waiting = await pendingAccount();
    const approved = await approveSsoAccount(admin, { userId: waiting.id, role: "admin" });
    expect(approved).toMatchObject({ active: true, role: "admin", ssoAccess: "admin" });
    const [entry] = await entries("staff.sso_approve", waiting.id);
    expect(entry).toMatchObject({ actorUserId: admin.user.id, before: { active: false, role: "staff" }, after: { active: true, role: "admin" } });
    const outcome = await ssoSignIn("b-222", { email: "b-222@musterstadt.example", name: "Bernd Neu" });
    expect(outcome.ok && outcome.user.role).toBe("admin");
    expect(await listPendingSsoAccounts(admin)).toHaveLength(0);
  });

  it("rejection deletes the request; a new sign-in asks again", async () => {
    const waiting = await pendingAccount();
    await rejectSsoAccount(admin, { userId: waiting.id });
    expect((await db().select().from(staffUsers).where(eq(staffUsers.id, waiting.id)))[0]).toBeUndefined();
    expect((await entries("staff.sso_reject", waiting.id))[0]).toMatchObject({ actorUserId: admin.user.id, before: { email: "b-222@musterstadt.example" }, after: null });
    expect(await ssoSignIn("b-222", { email: "b-222@musterstadt.example" })).toEqual({ ok: false, reason: "account_created" });
  });

  it("only a waiting account can be approved or rejected (a second click, another account)", async () => {
    const waiting = await pendingAccount();
    await approveSsoAccount(admin, { userId: waiting.id, role: "staff" });
    expect(await ruleOf(async () => approveSsoAccount(admin, { userId: waiting.id, role: "admin" }))).toBe("not_pending");
    expect(await ruleOf(async () => rejectSsoAccount(admin, { userId: waiting.id }))).toBe("not_pending");
    expect(await ruleOf(async () => rejectSsoAccount(admin, { userId: admin.user.id }))).toBe("not_pending");
    expect((await db().select().from(staffUsers).where(eq(staffUsers.id, admin.user.id)))[0]).toBeDefined();
    await expect((async () => approveSsoAccount(admin, { userId: 999_999, role: "staff" }))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("are guarded like every admin service: a clerk is forbidden, a look-alike access unauthenticated, nothing changes", async () => {
    const waiting = await pendingAccount();
    const clerk = await signedInAccess(fixture.context, "staff");
    const forged = { ...admin } as StaffAccess;
    for (const [access, code] of [
      [clerk, "forbidden"],
      [forged, "unauthenticated"],
    ] as const) {
      for (const call of [
        async () => listPendingSsoAccounts(access),
        async () => approveSsoAccount(access, { userId: waiting.id, role: "admin" }),
        async () => rejectSsoAccount(access, { userId: waiting.id }),
      ]) {
        await expect(call()).rejects.toThrow(AppError);
        await expect(call()).rejects.toThrow(expect.objectContaining({ code }));
      }
    }
    expect((await db().select().from(staffUsers).where(eq(staffUsers.id, waiting.id)))[0]).toMatchObject({ active: false, ssoAccess: "pending" });
  });
});

describe("the existing account forms on single sign-on accounts", () => {
  async function activeSsoAccount() {
    const outcome = await ssoSignIn("c-333", { email: "carla@musterstadt.example", name: "Carla", roles: "tv-staff" }, MAPPING);
    if (!outcome.ok) throw new Error("not signed in");
    return outcome.user;
  }

  it("no password can be set for an account without one", async () => {
    const user = await activeSsoAccount();
    await expect(resetStaffPassword(admin, { userId: user.id, password: "ein-ganz-neues-Passwort-7" })).rejects.toMatchObject({ rule: "sso_account" });
    expect((await db().select().from(staffUsers).where(eq(staffUsers.id, user.id)))[0]!.passwordHash).toBeNull();
  });

  it("an admin's role change and deactivation are the admin's decision from then on", async () => {
    const user = await activeSsoAccount();
    expect(await changeStaffRole(admin, { userId: user.id, role: "admin" })).toMatchObject({ role: "admin", ssoAccess: "admin" });
    expect(await setStaffAccountActive(admin, { userId: user.id, active: false })).toMatchObject({ active: false, ssoAccess: "admin" });
    // The claim cannot undo the deactivation.
    expect(await ssoSignIn("c-333", { email: "carla@musterstadt.example", roles: "tv-admin" }, MAPPING)).toEqual({ ok: false, reason: "deactivated" });
    await setStaffAccountActive(admin, { userId: user.id, active: true });
    expect((await ssoSignIn("c-333", { email: "carla@musterstadt.example", roles: "tv-staff" }, MAPPING)).ok).toBe(true);
  });

  it("reactivating an account whose claim was removed lets it in without the claim", async () => {
    const user = await activeSsoAccount();
    expect(await ssoSignIn("c-333", { email: "carla@musterstadt.example" }, MAPPING)).toEqual({ ok: false, reason: "role_removed" });
    await setStaffAccountActive(admin, { userId: user.id, active: true });
    expect((await ssoSignIn("c-333", { email: "carla@musterstadt.example" }, MAPPING)).ok).toBe(true);
  });

  it("the password accounts are untouched by all of this", async () => {
    const clerk = (await db().select().from(staffUsers).where(eq(staffUsers.email, DEMO_ACCOUNTS.staff.email)))[0]!;
    expect((await changeStaffRole(admin, { userId: clerk.id, role: "admin" })).ssoAccess).toBeNull();
    expect((await setStaffAccountActive(admin, { userId: clerk.id, active: false })).ssoAccess).toBeNull();
    const access = await grantStaffAccess(fixture.context, await createSession(db(), admin.user.id, TEST_NOW));
    expect(access?.user.ssoAccess).toBeNull();
  });
});

import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, staffSessions, staffUsers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password";
import { createSession, resolveSession } from "@/lib/auth/sessions";
import { grantStaffAccess, type StaffAccess } from "@/lib/auth/staff-access";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import {
  AccountRuleError,
  changeStaffRole,
  createStaffAccount,
  createStaffAccountFromCli,
  findStaffAccount,
  listStaffAccounts,
  resetStaffPassword,
  setStaffAccountActive,
} from "./staff-accounts";

let fixture: Awaited<ReturnType<typeof seededContext>>;
/** The seeded demo admin, signed in. */
let adminAccess: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  adminAccess = await signedInAccess(fixture.context, "admin");
});
afterEach(() => fixture.cleanup());

const db = () => fixture.db;
const userByEmail = async (email: string) => (await db().select().from(staffUsers).where(eq(staffUsers.email, email)))[0]!;
const admin = () => adminAccess;
const adminId = () => adminAccess.user.id;
const clerkId = async () => (await userByEmail(DEMO_ACCOUNTS.staff.email)).id;
/** Signs an account in the way the app does: a fresh session row, granted through grantStaffAccess. */
async function signIn(userId: number): Promise<StaffAccess> {
  const access = await grantStaffAccess(fixture.context, await createSession(db(), userId, TEST_NOW));
  if (!access) throw new Error("could not sign in");
  return access;
}
/** A second admin, created through the service by the demo admin and signed in. */
async function secondAdmin(): Promise<StaffAccess> {
  const created = await createStaffAccount(admin(), { email: "zweite.admin@musterstadt.example", name: "Zoe Zweit", role: "admin", password: "noch-ein-langes-Passwort-3" });
  return signIn(created.id);
}
const auditEntries = async (action: string, userId: number) =>
  await db().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(userId))));

/** The rule a refused change broke, or a failure if it was not refused for a rule. */
async function ruleOf(change: () => unknown): Promise<string> {
  try {
    await change();
  } catch (error) {
    if (error instanceof AccountRuleError) return error.rule;
    throw error;
  }
  throw new Error("the change was not refused");
}

const NEW_ACCOUNT = { email: "  Neu.Kollegin@Musterstadt.example ", name: "Nora Neu", role: "staff" as const, password: "ein-langes-Passwort-1" };

describe("creating accounts", () => {
  it("stores a lower-cased e-mail and an Argon2id hash, and audits without the password", async () => {
    const created = await createStaffAccount(admin(), NEW_ACCOUNT);
    expect(created).toMatchObject({ email: "neu.kollegin@musterstadt.example", name: "Nora Neu", role: "staff", active: true, lastLoginAt: null });
    expect(created).not.toHaveProperty("passwordHash");
    const row = await userByEmail("neu.kollegin@musterstadt.example");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, NEW_ACCOUNT.password)).toBe(true);

    const [entry] = await auditEntries("staff.create", created.id);
    expect(entry).toMatchObject({ actorUserId: admin().user.id, actorLabel: admin().user.email });
    expect(entry!.actorLabel).toBe(DEMO_ACCOUNTS.admin.email);
    expect(entry!.after).toEqual({ email: "neu.kollegin@musterstadt.example", name: "Nora Neu", role: "staff", active: true });
    const serialised = JSON.stringify(entry);
    expect(serialised).not.toContain(NEW_ACCOUNT.password);
    expect(serialised).not.toContain("argon2");
  });

  it("refuses an e-mail that is taken, whatever its case, and writes nothing", async () => {
    const before = (await listStaffAccounts(admin())).length;
    const attempt = createStaffAccount(admin(), { ...NEW_ACCOUNT, email: DEMO_ACCOUNTS.staff.email.toUpperCase() });
    await expect(attempt).rejects.toMatchObject({ code: "email_taken" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(await listStaffAccounts(admin())).toHaveLength(before);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "staff.create"))).toHaveLength(0);
  });

  it("refuses a password shorter than 12 characters", async () => {
    const attempt = createStaffAccount(admin(), { ...NEW_ACCOUNT, password: "elf-Zeichen" });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { password: ["password_too_short"] } });
  });

  it("creates from the command line under the same rules, audited as the CLI", async () => {
    const created = await createStaffAccountFromCli(db(), { ...NEW_ACCOUNT, role: "admin" });
    expect(created).toMatchObject({ email: "neu.kollegin@musterstadt.example", role: "admin", active: true });
    expect(created).not.toHaveProperty("passwordHash");
    expect(await auditEntries("staff.create", created.id)).toMatchObject([{ actorUserId: null, actorLabel: "cli" }]);
    await expect(createStaffAccountFromCli(db(), { ...NEW_ACCOUNT, email: DEMO_ACCOUNTS.admin.email })).rejects.toMatchObject({ code: "email_taken" });
    await expect(createStaffAccountFromCli(db(), { ...NEW_ACCOUNT, email: "kurz@musterstadt.example", password: "zu-kurz" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("changing roles", () => {
  it("promotes a clerk, ends their sessions and audits before and after", async () => {
    const sessionId = await createSession(db(), await clerkId(), TEST_NOW);
    const updated = await changeStaffRole(admin(), { userId: await clerkId(), role: "admin" });
    expect(updated.role).toBe("admin");
    expect(await resolveSession(db(), sessionId, TEST_NOW)).toBeNull();
    const [entry] = await auditEntries("staff.role_change", await clerkId());
    expect(entry!.before).toMatchObject({ role: "staff" });
    expect(entry!.after).toMatchObject({ role: "admin" });
    expect(entry).toMatchObject({ actorUserId: admin().user.id, actorLabel: admin().user.email });
  });

  it("does nothing (no audit, sessions kept) when the role stays the same", async () => {
    const sessionId = await createSession(db(), await clerkId(), TEST_NOW);
    await changeStaffRole(admin(), { userId: await clerkId(), role: "staff" });
    expect((await resolveSession(db(), sessionId, TEST_NOW))?.id).toBe(await clerkId());
    expect(await auditEntries("staff.role_change", await clerkId())).toHaveLength(0);
  });

  it("refuses an admin demoting themself, even when other admins exist", async () => {
    await changeStaffRole(admin(), { userId: await clerkId(), role: "admin" });
    const self = admin();
    expect(await ruleOf(async () => changeStaffRole(self, { userId: self.user.id, role: "staff" }))).toBe("own_account");
    expect((await findStaffAccount(admin(), self.user.id))?.role).toBe("admin");
  });

  it("refuses an admin demoting themself when they are the only admin", async () => {
    expect(await ruleOf(async () => changeStaffRole(admin(), { userId: adminId(), role: "staff" }))).toBe("own_account");
    expect((await findStaffAccount(admin(), adminId()))?.role).toBe("admin");
  });

  // With a signed-in admin as the actor, that actor is itself another active admin; so the last admin can only be at
  // stake in a race: two admins, each with a request in flight (access already granted), demoting each other.
  it("never demotes the last active admin, even when two admins demote each other at once", async () => {
    const other = await secondAdmin();
    const mine = admin();
    await changeStaffRole(mine, { userId: other.user.id, role: "staff" });
    expect(await ruleOf(async () => changeStaffRole(other, { userId: mine.user.id, role: "staff" }))).toBe("last_admin");
    expect((await findStaffAccount(mine, mine.user.id))?.role).toBe("admin");
    expect(await auditEntries("staff.role_change", mine.user.id)).toHaveLength(0);
  });

  it("demotes an admin while another active admin remains", async () => {
    await changeStaffRole(admin(), { userId: await clerkId(), role: "admin" });
    // The promotion ended the clerk's sessions: they sign in again, now as an admin.
    const clerkAsAdmin = await signIn(await clerkId());
    expect(clerkAsAdmin.user.role).toBe("admin");
    const demoted = await changeStaffRole(clerkAsAdmin, { userId: adminId(), role: "staff" });
    expect(demoted.role).toBe("staff");
    expect(await auditEntries("staff.role_change", adminId())).toMatchObject([{ actorUserId: await clerkId(), actorLabel: DEMO_ACCOUNTS.staff.email }]);
  });

  it("does not count a deactivated admin as the remaining one", async () => {
    await changeStaffRole(admin(), { userId: await clerkId(), role: "admin" });
    const clerkAsAdmin = await signIn(await clerkId());
    // The clerk's request is in flight when the demo admin deactivates the clerk's account.
    await setStaffAccountActive(admin(), { userId: await clerkId(), active: false });
    expect(await ruleOf(async () => changeStaffRole(clerkAsAdmin, { userId: adminId(), role: "staff" }))).toBe("last_admin");
    expect((await findStaffAccount(admin(), adminId()))?.role).toBe("admin");
  });

  it("answers not found for an unknown account", async () => {
    await expect((async () => changeStaffRole(admin(), { userId: 999_999, role: "admin" }))()).rejects.toThrow(NotFoundError);
  });
});

describe("deactivating and reactivating", () => {
  it("ends every session of the account at once and keeps it from signing in", async () => {
    const first = await createSession(db(), await clerkId(), TEST_NOW);
    const second = await createSession(db(), await clerkId(), TEST_NOW);
    const updated = await setStaffAccountActive(admin(), { userId: await clerkId(), active: false });
    expect(updated.active).toBe(false);
    expect(await resolveSession(db(), first, TEST_NOW)).toBeNull();
    expect(await resolveSession(db(), second, TEST_NOW)).toBeNull();
    expect(await db().select().from(staffSessions).where(eq(staffSessions.userId, await clerkId()))).toHaveLength(0);
    const [entry] = await auditEntries("staff.deactivate", await clerkId());
    expect(entry!.before).toMatchObject({ active: true });
    expect(entry!.after).toMatchObject({ active: false });
  });

  it("leaves other accounts' sessions alone", async () => {
    const adminSession = await createSession(db(), adminId(), TEST_NOW);
    await setStaffAccountActive(admin(), { userId: await clerkId(), active: false });
    expect((await resolveSession(db(), adminSession, TEST_NOW))?.email).toBe(DEMO_ACCOUNTS.admin.email);
    expect((await resolveSession(db(), admin().sessionId, TEST_NOW))?.id).toBe(adminId());
  });

  it("reactivates and audits it", async () => {
    await setStaffAccountActive(admin(), { userId: await clerkId(), active: false });
    const updated = await setStaffAccountActive(admin(), { userId: await clerkId(), active: true });
    expect(updated.active).toBe(true);
    expect(await auditEntries("staff.reactivate", await clerkId())).toHaveLength(1);
    const session = await createSession(db(), await clerkId(), TEST_NOW);
    expect((await resolveSession(db(), session, TEST_NOW))?.id).toBe(await clerkId());
  });

  it("refuses an admin deactivating themself", async () => {
    await changeStaffRole(admin(), { userId: await clerkId(), role: "admin" });
    const self = admin();
    expect(await ruleOf(async () => setStaffAccountActive(self, { userId: self.user.id, active: false }))).toBe("own_account");
    expect((await findStaffAccount(admin(), self.user.id))?.active).toBe(true);
  });

  it("never deactivates the last active admin, even when two admins deactivate each other at once", async () => {
    const other = await secondAdmin();
    const mine = admin();
    const session = await createSession(db(), mine.user.id, TEST_NOW);
    await setStaffAccountActive(mine, { userId: other.user.id, active: false });
    expect(await ruleOf(async () => setStaffAccountActive(other, { userId: mine.user.id, active: false }))).toBe("last_admin");
    expect((await findStaffAccount(mine, mine.user.id))?.active).toBe(true);
    expect((await resolveSession(db(), session, TEST_NOW))?.id).toBe(mine.user.id);
    expect(await auditEntries("staff.deactivate", mine.user.id)).toHaveLength(0);
  });
});

describe("resetting passwords", () => {
  it("sets a new password that verifies, the old one no longer does, and sessions end", async () => {
    const session = await createSession(db(), await clerkId(), TEST_NOW);
    await resetStaffPassword(admin(), { userId: await clerkId(), password: "ganz-neues-Passwort-2026" });
    const row = await userByEmail(DEMO_ACCOUNTS.staff.email);
    expect(await verifyPassword(row.passwordHash, "ganz-neues-Passwort-2026")).toBe(true);
    expect(await verifyPassword(row.passwordHash, DEMO_ACCOUNTS.staff.password)).toBe(false);
    expect(await resolveSession(db(), session, TEST_NOW)).toBeNull();

    const [entry] = await auditEntries("staff.password_reset", await clerkId());
    expect(entry).toMatchObject({ actorUserId: admin().user.id, actorLabel: admin().user.email });
    const serialised = JSON.stringify(entry);
    expect(serialised).not.toContain("ganz-neues-Passwort-2026");
    expect(serialised).not.toContain("argon2");
  });

  it("refuses a short password and keeps the old one", async () => {
    await expect(resetStaffPassword(admin(), { userId: await clerkId(), password: "zu-kurz" })).rejects.toMatchObject({
      fieldErrors: { password: ["password_too_short"] },
    });
    expect(await verifyPassword((await userByEmail(DEMO_ACCOUNTS.staff.email)).passwordHash, DEMO_ACCOUNTS.staff.password)).toBe(true);
  });

  it("answers not found for an unknown account", async () => {
    await expect(resetStaffPassword(admin(), { userId: 999_999, password: "ganz-neues-Passwort-2026" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, staffSessions, staffUsers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password";
import { createSession, resolveSession } from "@/lib/auth/sessions";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { SYSTEM_ACTOR, type Actor } from "./audit";
import {
  AccountRuleError,
  changeStaffRole,
  createStaffAccount,
  findStaffAccount,
  listStaffAccounts,
  resetStaffPassword,
  setStaffAccountActive,
} from "./staff-accounts";

let fixture: Awaited<ReturnType<typeof seededContext>>;
beforeEach(async () => {
  fixture = await seededContext();
});
afterEach(() => fixture.cleanup());

const db = () => fixture.db;
const userByEmail = (email: string) => db().select().from(staffUsers).where(eq(staffUsers.email, email)).get()!;
const actorFor = (email: string): Actor => ({ userId: userByEmail(email).id, label: email });
const admin = () => actorFor(DEMO_ACCOUNTS.admin.email);
const clerkId = () => userByEmail(DEMO_ACCOUNTS.staff.email).id;
const auditEntries = (action: string, userId: number) =>
  db().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(userId)))).all();

/** The rule a refused change broke, or a failure if it was not refused for a rule. */
function ruleOf(change: () => unknown): string {
  try {
    change();
  } catch (error) {
    if (error instanceof AccountRuleError) return error.rule;
    throw error;
  }
  throw new Error("the change was not refused");
}

const NEW_ACCOUNT = { email: "  Neu.Kollegin@Musterstadt.example ", name: "Nora Neu", role: "staff" as const, password: "ein-langes-Passwort-1" };

describe("creating accounts", () => {
  it("stores a lower-cased e-mail and an Argon2id hash, and audits without the password", async () => {
    const created = await createStaffAccount(db(), admin(), NEW_ACCOUNT);
    expect(created).toMatchObject({ email: "neu.kollegin@musterstadt.example", name: "Nora Neu", role: "staff", active: true, lastLoginAt: null });
    expect(created).not.toHaveProperty("passwordHash");
    const row = userByEmail("neu.kollegin@musterstadt.example");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, NEW_ACCOUNT.password)).toBe(true);

    const [entry] = auditEntries("staff.create", created.id);
    expect(entry!.actorLabel).toBe(DEMO_ACCOUNTS.admin.email);
    expect(entry!.after).toEqual({ email: "neu.kollegin@musterstadt.example", name: "Nora Neu", role: "staff", active: true });
    const serialised = JSON.stringify(entry);
    expect(serialised).not.toContain(NEW_ACCOUNT.password);
    expect(serialised).not.toContain("argon2");
  });

  it("refuses an e-mail that is taken, whatever its case, and writes nothing", async () => {
    const before = listStaffAccounts(db()).length;
    const attempt = createStaffAccount(db(), admin(), { ...NEW_ACCOUNT, email: DEMO_ACCOUNTS.staff.email.toUpperCase() });
    await expect(attempt).rejects.toMatchObject({ code: "email_taken" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(listStaffAccounts(db())).toHaveLength(before);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "staff.create")).all()).toHaveLength(0);
  });

  it("refuses a password shorter than 12 characters", async () => {
    const attempt = createStaffAccount(db(), admin(), { ...NEW_ACCOUNT, password: "elf-Zeichen" });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { password: ["password_too_short"] } });
  });
});

describe("changing roles", () => {
  it("promotes a clerk, ends their sessions and audits before and after", () => {
    const sessionId = createSession(db(), clerkId(), TEST_NOW);
    const updated = changeStaffRole(db(), admin(), { userId: clerkId(), role: "admin" });
    expect(updated.role).toBe("admin");
    expect(resolveSession(db(), sessionId, TEST_NOW)).toBeNull();
    const [entry] = auditEntries("staff.role_change", clerkId());
    expect(entry!.before).toMatchObject({ role: "staff" });
    expect(entry!.after).toMatchObject({ role: "admin" });
  });

  it("does nothing (no audit, sessions kept) when the role stays the same", () => {
    const sessionId = createSession(db(), clerkId(), TEST_NOW);
    changeStaffRole(db(), admin(), { userId: clerkId(), role: "staff" });
    expect(resolveSession(db(), sessionId, TEST_NOW)?.id).toBe(clerkId());
    expect(auditEntries("staff.role_change", clerkId())).toHaveLength(0);
  });

  it("refuses an admin demoting themself, even when other admins exist", () => {
    changeStaffRole(db(), admin(), { userId: clerkId(), role: "admin" });
    const self = admin();
    expect(ruleOf(() => changeStaffRole(db(), self, { userId: self.userId!, role: "staff" }))).toBe("own_account");
    expect(findStaffAccount(db(), self.userId!)?.role).toBe("admin");
  });

  it("never demotes the last active admin", () => {
    const adminId = admin().userId!;
    expect(ruleOf(() => changeStaffRole(db(), SYSTEM_ACTOR, { userId: adminId, role: "staff" }))).toBe("last_admin");
    expect(findStaffAccount(db(), adminId)?.role).toBe("admin");
    expect(auditEntries("staff.role_change", adminId)).toHaveLength(0);
  });

  it("demotes an admin while another active admin remains", () => {
    changeStaffRole(db(), admin(), { userId: clerkId(), role: "admin" });
    const demoted = changeStaffRole(db(), actorFor(DEMO_ACCOUNTS.staff.email), { userId: admin().userId!, role: "staff" });
    expect(demoted.role).toBe("staff");
  });

  it("does not count a deactivated admin as the remaining one", () => {
    changeStaffRole(db(), admin(), { userId: clerkId(), role: "admin" });
    setStaffAccountActive(db(), admin(), { userId: clerkId(), active: false });
    expect(ruleOf(() => changeStaffRole(db(), SYSTEM_ACTOR, { userId: admin().userId!, role: "staff" }))).toBe("last_admin");
  });

  it("answers not found for an unknown account", () => {
    expect(() => changeStaffRole(db(), admin(), { userId: 999_999, role: "admin" })).toThrow(NotFoundError);
  });
});

describe("deactivating and reactivating", () => {
  it("ends every session of the account at once and keeps it from signing in", () => {
    const first = createSession(db(), clerkId(), TEST_NOW);
    const second = createSession(db(), clerkId(), TEST_NOW);
    const updated = setStaffAccountActive(db(), admin(), { userId: clerkId(), active: false });
    expect(updated.active).toBe(false);
    expect(resolveSession(db(), first, TEST_NOW)).toBeNull();
    expect(resolveSession(db(), second, TEST_NOW)).toBeNull();
    expect(db().select().from(staffSessions).where(eq(staffSessions.userId, clerkId())).all()).toHaveLength(0);
    const [entry] = auditEntries("staff.deactivate", clerkId());
    expect(entry!.before).toMatchObject({ active: true });
    expect(entry!.after).toMatchObject({ active: false });
  });

  it("leaves other accounts' sessions alone", () => {
    const adminSession = createSession(db(), admin().userId!, TEST_NOW);
    setStaffAccountActive(db(), admin(), { userId: clerkId(), active: false });
    expect(resolveSession(db(), adminSession, TEST_NOW)?.email).toBe(DEMO_ACCOUNTS.admin.email);
  });

  it("reactivates and audits it", () => {
    setStaffAccountActive(db(), admin(), { userId: clerkId(), active: false });
    const updated = setStaffAccountActive(db(), admin(), { userId: clerkId(), active: true });
    expect(updated.active).toBe(true);
    expect(auditEntries("staff.reactivate", clerkId())).toHaveLength(1);
    const session = createSession(db(), clerkId(), TEST_NOW);
    expect(resolveSession(db(), session, TEST_NOW)?.id).toBe(clerkId());
  });

  it("refuses an admin deactivating themself", () => {
    changeStaffRole(db(), admin(), { userId: clerkId(), role: "admin" });
    const self = admin();
    expect(ruleOf(() => setStaffAccountActive(db(), self, { userId: self.userId!, active: false }))).toBe("own_account");
    expect(findStaffAccount(db(), self.userId!)?.active).toBe(true);
  });

  it("never deactivates the last active admin", () => {
    const adminId = admin().userId!;
    const session = createSession(db(), adminId, TEST_NOW);
    expect(ruleOf(() => setStaffAccountActive(db(), SYSTEM_ACTOR, { userId: adminId, active: false }))).toBe("last_admin");
    expect(findStaffAccount(db(), adminId)?.active).toBe(true);
    expect(resolveSession(db(), session, TEST_NOW)?.id).toBe(adminId);
  });
});

describe("resetting passwords", () => {
  it("sets a new password that verifies, the old one no longer does, and sessions end", async () => {
    const session = createSession(db(), clerkId(), TEST_NOW);
    await resetStaffPassword(db(), admin(), { userId: clerkId(), password: "ganz-neues-Passwort-2026" });
    const row = userByEmail(DEMO_ACCOUNTS.staff.email);
    expect(await verifyPassword(row.passwordHash, "ganz-neues-Passwort-2026")).toBe(true);
    expect(await verifyPassword(row.passwordHash, DEMO_ACCOUNTS.staff.password)).toBe(false);
    expect(resolveSession(db(), session, TEST_NOW)).toBeNull();

    const [entry] = auditEntries("staff.password_reset", clerkId());
    expect(entry!.actorLabel).toBe(DEMO_ACCOUNTS.admin.email);
    const serialised = JSON.stringify(entry);
    expect(serialised).not.toContain("ganz-neues-Passwort-2026");
    expect(serialised).not.toContain("argon2");
  });

  it("refuses a short password and keeps the old one", async () => {
    await expect(resetStaffPassword(db(), admin(), { userId: clerkId(), password: "zu-kurz" })).rejects.toMatchObject({
      fieldErrors: { password: ["password_too_short"] },
    });
    expect(await verifyPassword(userByEmail(DEMO_ACCOUNTS.staff.email).passwordHash, DEMO_ACCOUNTS.staff.password)).toBe(true);
  });

  it("answers not found for an unknown account", async () => {
    await expect(resetStaffPassword(db(), admin(), { userId: 999_999, password: "ganz-neues-Passwort-2026" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

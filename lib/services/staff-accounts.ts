import { and, asc, eq, ne } from "drizzle-orm";
import type { AppDatabase, DbTransaction } from "@/db/client";
import { staffUsers, type StaffUser } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { assertPasswordAcceptable } from "@/lib/auth/password-strength";
import { deleteUserSessions } from "@/lib/auth/sessions";
import type { StaffRole } from "@/lib/domain/enums";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import { passwordSchema, staffAccountSchema, type StaffAccountInput } from "@/lib/validation/staff";
import { authorize, withoutSecrets, type PublicStaffUser, type StaffAccess } from "@/lib/auth/staff-access";
import { recordAudit, type Actor } from "./audit";
import { inWriteTransaction } from "@/db/transaction";


/**
 * Rules that keep the office administrable:
 * - own_account: admins cannot deactivate or demote themselves, so nobody locks themselves out by a slip;
 * - last_admin: the last active admin can never be deactivated or demoted (by anyone, the CLI included);
 * - sso_account: an account that signs in through single sign-on has no password here, so none can be set;
 * - not_pending: only an account waiting for approval can be approved or rejected (e.g. after a second click).
 */
export type AccountRule = "own_account" | "last_admin" | "sso_account" | "not_pending";

export class AccountRuleError extends AppError {
  constructor(readonly rule: AccountRule) {
    super("conflict", `staff account rule violated: ${rule}`, { rule });
    this.name = "AccountRuleError";
  }
}

/** What the audit log keeps of an account: no password hash, no sign-in times. */
function auditView(user: StaffUser | PublicStaffUser) {
  return { email: user.email, name: user.name, role: user.role, active: user.active };
}

export async function listStaffAccounts(access: StaffAccess): Promise<PublicStaffUser[]> {
  return (await authorize(access, "admin")
    .db.select().from(staffUsers).orderBy(asc(staffUsers.name), asc(staffUsers.email))).map(withoutSecrets);
}

export async function findStaffAccount(access: StaffAccess, userId: number): Promise<PublicStaffUser | null> {
  const user = (await authorize(access, "admin").db.select().from(staffUsers).where(eq(staffUsers.id, userId)))[0];
  return user ? withoutSecrets(user) : null;
}

export async function createStaffAccount(access: StaffAccess, input: StaffAccountInput): Promise<PublicStaffUser> {
  const { db, actor } = authorize(access, "admin");
  return insertStaffAccount(db, actor, input);
}

/** For the operator on the server's command line (`npm run admin:create`), who has no session: the same rules. */
export async function createStaffAccountFromCli(db: AppDatabase, input: StaffAccountInput): Promise<PublicStaffUser> {
  return insertStaffAccount(db, CLI_ACTOR, input);
}

const CLI_ACTOR: Actor = { userId: null, label: "cli" };

async function insertStaffAccount(db: AppDatabase, actor: Actor, input: StaffAccountInput): Promise<PublicStaffUser> {
  const parsed = staffAccountSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError("invalid staff account", fieldErrorsFrom(parsed.error));
  }
  const { password, ...account } = parsed.data;
  assertPasswordAcceptable(password, { userInputs: [account.email, account.name] });
  // Hashing takes a moment and is async: done before the transaction, which must stay synchronous.
  const passwordHash = await hashPassword(password);
  return inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, account.email)))[0];
    if (existing) throw new AppError("email_taken", "an account with this e-mail exists");
    const user = (await tx.insert(staffUsers).values({ ...account, passwordHash }).returning())[0]!;
    await recordAudit(tx, actor, { action: "staff.create", entityType: "staff_user", entityId: user.id, after: auditView(user) });
    return withoutSecrets(user);
  });
}

/** A new role ends the account's sessions, so the new rights (or their loss) apply from the next sign-in on. */
export async function changeStaffRole(access: StaffAccess, input: { userId: number; role: StaffRole }): Promise<PublicStaffUser> {
  const { db, actor } = authorize(access, "admin");
  return inWriteTransaction(db, async (tx) => {
    const user = await loadForUpdate(tx, input.userId);
    if (user.role === input.role) return withoutSecrets(user);
    if (user.role === "admin") await guardAdminRemoval(tx, actor, user);
    // An active single sign-on account's role is the admin's decision from now on (lib/auth/sso-mapping.ts).
    const ssoAccess = user.ssoAccess !== null && user.active ? ("admin" as const) : user.ssoAccess;
    const updated = (await tx.update(staffUsers).set({ role: input.role, ssoAccess }).where(eq(staffUsers.id, user.id)).returning())[0]!;
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, actor, { action: "staff.role_change", entityType: "staff_user", entityId: user.id, before: auditView(user), after: auditView(updated) });
    return withoutSecrets(updated);
  });
}

/** Deactivation ends every session at once; reactivation lets the person sign in again with their password. */
export async function setStaffAccountActive(access: StaffAccess, input: { userId: number; active: boolean }): Promise<PublicStaffUser> {
  const { db, actor } = authorize(access, "admin");
  return inWriteTransaction(db, async (tx) => {
    const user = await loadForUpdate(tx, input.userId);
    if (user.active === input.active) return withoutSecrets(user);
    if (!input.active && user.role === "admin") await guardAdminRemoval(tx, actor, user);
    if (!input.active && actor.userId === user.id) throw new AccountRuleError("own_account");
    // For a single sign-on account, (de)activation is the admin's decision: a role claim never undoes a deactivation.
    const ssoAccess = user.ssoAccess === null ? null : ("admin" as const);
    const updated = (await tx.update(staffUsers).set({ active: input.active, ssoAccess }).where(eq(staffUsers.id, user.id)).returning())[0]!;
    if (!input.active) await deleteUserSessions(tx, user.id);
    await recordAudit(tx, actor, {
        action: input.active ? "staff.reactivate" : "staff.deactivate",
        entityType: "staff_user",
        entityId: user.id,
        before: auditView(user),
        after: auditView(updated),
      });
    return withoutSecrets(updated);
  });
}

/**
 * An admin sets a new password (there is no self-service reset by e-mail). Every session of the account ends, so
 * whoever might know the old password is signed out. The audit entry records that it happened, never the password.
 */
export async function resetStaffPassword(access: StaffAccess, input: { userId: number; password: string }): Promise<PublicStaffUser> {
  const { db, actor } = authorize(access, "admin");
  const parsed = passwordSchema.safeParse(input.password);
  if (!parsed.success) throw new ValidationError("invalid password", { password: parsed.error.issues.map((issue) => issue.message) });
  const target = await findStaffAccount(access, input.userId);
  if (!target) throw new NotFoundError("staff account");
  if (target.ssoSubject !== null) throw new AccountRuleError("sso_account");
  assertPasswordAcceptable(parsed.data, { userInputs: [target.email, target.name] });
  const passwordHash = await hashPassword(parsed.data);
  return inWriteTransaction(db, async (tx) => {
    const user = await loadForUpdate(tx, input.userId);
    const updated = (await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id)).returning())[0]!;
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, actor, { action: "staff.password_reset", entityType: "staff_user", entityId: user.id });
    return withoutSecrets(updated);
  });
}

// Single sign-on accounts waiting for approval ---------------------------------------------------------------------

/** Accounts made at a first single sign-on that brought no role (lib/auth/sso-mapping.ts), oldest first. */
export async function listPendingSsoAccounts(access: StaffAccess): Promise<PublicStaffUser[]> {
  return (await authorize(access, "admin")
    .db.select()
    .from(staffUsers)
    .where(eq(staffUsers.ssoAccess, "pending"))
    .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id)))
    .map(withoutSecrets);
}

/** Gives a waiting account its role and access; from now on the admin decides them (until a role claim grants one). */
export async function approveSsoAccount(access: StaffAccess, input: { userId: number; role: StaffRole }): Promise<PublicStaffUser> {
  const { db, actor } = authorize(access, "admin");
  return inWriteTransaction(db, async (tx) => {
    const user = await loadForUpdate(tx, input.userId);
    if (user.ssoAccess !== "pending") throw new AccountRuleError("not_pending");
    const updated = (await tx.update(staffUsers).set({ role: input.role, active: true, ssoAccess: "admin" }).where(eq(staffUsers.id, user.id)).returning())[0]!;
    await recordAudit(tx, actor, { action: "staff.sso_approve", entityType: "staff_user", entityId: user.id, before: auditView(user), after: auditView(updated) });
    return withoutSecrets(updated);
  });
}

/**
 * Deletes a waiting account: it never had access, and keeping name and address of someone who was refused serves no
 * purpose. If the person signs in again, a new request appears. The audit entry keeps what it keeps of any account.
 */
export async function rejectSsoAccount(access: StaffAccess, input: { userId: number }): Promise<void> {
  const { db, actor } = authorize(access, "admin");
  await inWriteTransaction(db, async (tx) => {
    const user = await loadForUpdate(tx, input.userId);
    if (user.ssoAccess !== "pending") throw new AccountRuleError("not_pending");
    await tx.delete(staffUsers).where(eq(staffUsers.id, user.id));
    await recordAudit(tx, actor, { action: "staff.sso_reject", entityType: "staff_user", entityId: user.id, before: auditView(user) });
  });
}

// ---------------------------------------------------------------------------------------------------------------

async function loadForUpdate(tx: DbTransaction, userId: number): Promise<StaffUser> {
  const user = (await tx.select().from(staffUsers).where(eq(staffUsers.id, userId)))[0];
  if (!user) throw new NotFoundError("staff account");
  return user;
}

/**
 * Before an admin loses admin rights (demotion or deactivation). Runs inside the immediate transaction, so two
 * admins demoting each other at the same moment cannot both succeed and leave no admin behind.
 */
async function guardAdminRemoval(tx: DbTransaction, actor: Actor, user: StaffUser): Promise<void> {
  if (actor.userId === user.id) throw new AccountRuleError("own_account");
  if (!user.active) return;
  const otherActiveAdmin = (await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), eq(staffUsers.active, true), ne(staffUsers.id, user.id)))
    .limit(1))[0];
  if (!otherActiveAdmin) throw new AccountRuleError("last_admin");
}

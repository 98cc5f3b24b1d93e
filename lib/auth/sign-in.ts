import { and, eq, isNull } from "drizzle-orm";
import type { AppDatabase, DbTransaction } from "@/db/client";
import { staffUsers, type StaffUser } from "@/db/schema";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/services/audit";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { clearPairFailures, recordFailure, throttledUntil, throttleKeys, type ThrottleStart } from "./throttle";
import { inWriteTransaction } from "@/db/transaction";

export type SignInOutcome =
  | { ok: true; user: StaffUser; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled"; lockedUntil?: Date };

/** What a sign-in needs besides the form: the instant of the attempt and the server secret that keys the throttle. */
export type SignInContext = { now: Date; secret: string };

/** The audit action per throttle scope: one account tried from one address, or one address trying many accounts. */
const THROTTLE_AUDIT_ACTIONS = {
  account_address: "staff.sign_in_throttled",
  address: "staff.sign_in_address_throttled",
} as const;

/**
 * Checks a sign-in attempt. The same answer and roughly the same time for an unknown e-mail, a wrong password and a
 * deactivated account, so the form reveals nothing about which accounts exist. Throttling: lib/auth/throttle.ts.
 *
 * Only accounts with a password take part: an account made by single sign-on has none (and may share its e-mail
 * address with a password account, lib/auth/sso-mapping.ts), so its address is treated like an unknown one.
 */
export async function attemptSignIn(
  db: AppDatabase,
  input: { email: string; password: string; address: string },
  context: SignInContext,
): Promise<SignInOutcome> {
  const { now } = context;
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(context.secret, email, input.address);
  // A cheap refusal before the deliberately costly hash, so hammering a waiting pair costs the server nothing.
  const waiting = await throttledUntil(db, keys, now);
  if (waiting) return { ok: false, reason: "throttled", lockedUntil: waiting };

  const user = (await db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.email, email), isNull(staffUsers.ssoSubject))))[0];
  // An account without a password hash is verified against the dummy too: same time, and never a match.
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const signedIn = user && user.passwordHash !== null && user.active && passwordMatches ? user : null;

  return inWriteTransaction(db, async (tx): Promise<SignInOutcome> => {
    // The deciding check, in the write lock: attempts sent at the same moment all passed the early check while
    // their hashes were computed; here they are counted one after the other, and those arriving after the budget
    // is used up are refused without saying whether their password was right.
    const waitingNow = await throttledUntil(tx, keys, now);
    if (waitingNow) return { ok: false, reason: "throttled", lockedUntil: waitingNow };
    if (!signedIn) {
      const failure = await recordFailure(tx, keys, now);
      for (const start of failure.started) await auditThrottleStart(tx, start, user?.id ?? null);
      return failure.waitUntil ? { ok: false, reason: "throttled", lockedUntil: failure.waitUntil } : { ok: false, reason: "invalid" };
    }
    await clearPairFailures(tx, keys);
    const sessionId = await createSession(tx, signedIn.id, now);
    await recordAudit(tx, { userId: signedIn.id, label: signedIn.email }, { action: "staff.sign_in", entityType: "staff_user", entityId: signedIn.id, after: { method: "password" } });
    return { ok: true, user: signedIn, sessionId };
  });
}

/**
 * Admins see in the log when a pair or an address starts having to wait, once per episode (not for every refused
 * attempt). The entry names the account only if it exists; it never holds the address, the typed e-mail or password.
 */
async function auditThrottleStart(tx: DbTransaction, start: ThrottleStart, accountId: number | null): Promise<void> {
  await recordAudit(tx, SYSTEM_ACTOR, {
      action: THROTTLE_AUDIT_ACTIONS[start.scope],
      entityType: "staff_user",
      entityId: accountId,
      after: { failures: start.failures, waitUntil: start.waitUntil.toISOString() },
    });
}

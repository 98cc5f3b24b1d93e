import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { staffUsers, type StaffUser } from "@/db/schema";
import { recordAudit } from "@/lib/services/audit";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { clearAccountFailures, lockedUntil, recordFailure, throttleKeys } from "./throttle";

export type SignInOutcome =
  | { ok: true; user: StaffUser; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled"; lockedUntil?: Date };

/**
 * Checks a sign-in attempt. The same answer and roughly the same time for an unknown e-mail, a wrong password and a
 * deactivated account, so the form reveals nothing about which accounts exist.
 */
export async function attemptSignIn(db: AppDatabase, input: { email: string; password: string; address: string }, now: Date): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.address);
  const locked = lockedUntil(db, keys, now);
  if (locked) return { ok: false, reason: "throttled", lockedUntil: locked };

  const user = db.select().from(staffUsers).where(eq(staffUsers.email, email)).get();
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.active || !passwordMatches) {
    db.transaction((tx) => recordFailure(tx, keys, now), { behavior: "immediate" });
    const nowLocked = lockedUntil(db, keys, now);
    return nowLocked ? { ok: false, reason: "throttled", lockedUntil: nowLocked } : { ok: false, reason: "invalid" };
  }
  const sessionId = db.transaction(
    (tx) => {
      clearAccountFailures(tx, keys);
      const id = createSession(tx, user.id, now);
      recordAudit(tx, { userId: user.id, label: user.email }, { action: "staff.sign_in", entityType: "staff_user", entityId: user.id });
      return id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, user, sessionId };
}

import { inWriteTransaction } from "@/db/transaction";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { staffSessions, staffUsers, type StaffUser } from "@/db/schema";

export const SESSION_MAX_AGE_MS = 8 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** Writing "last seen" on every request would be a write per page view; once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(db: DbOrTransaction, userId: number, now: Date): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await inWriteTransaction(db, async (tx) => {
    await tx.insert(staffSessions).values({ id, userId, createdAt: now, lastSeenAt: now });
    await tx.update(staffUsers).set({ lastLoginAt: now }).where(eq(staffUsers.id, userId));
  });
  return id;
}

/**
 * The signed-in user for a session id, if the session is still valid: not older than 8 hours, not idle for more than
 * 30 minutes, and the account still active. Expired sessions are removed on the way.
 */
export async function resolveSession(db: DbOrTransaction, sessionId: string, now: Date): Promise<StaffUser | null> {
  const row = (await db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(eq(staffSessions.id, sessionId)))[0];
  if (!row) return null;
  const expired =
    now.getTime() - row.session.createdAt.getTime() > SESSION_MAX_AGE_MS ||
    now.getTime() - row.session.lastSeenAt.getTime() > SESSION_IDLE_MS ||
    !row.user.active;
  if (expired) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await inWriteTransaction(db, (tx) => tx.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, sessionId)));
  }
  return row.user;
}

export async function deleteSession(db: DbOrTransaction, sessionId: string): Promise<void> {
  await inWriteTransaction(db, (tx) => tx.delete(staffSessions).where(eq(staffSessions.id, sessionId)));
}

/** Ends every session of a user: on deactivation, role change or password reset. */
export async function deleteUserSessions(db: DbOrTransaction, userId: number): Promise<void> {
  await inWriteTransaction(db, (tx) => tx.delete(staffSessions).where(eq(staffSessions.userId, userId)));
}

import { createHash } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { loginThrottle } from "@/db/schema";

/**
 * Slows password guessing: after repeated failures an account, and separately an address, is locked for a while.
 * Addresses get a higher limit because a whole office may share one. Addresses are kept only as hashes.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxAccountFailures: 5,
  maxAddressFailures: 20,
} as const;

export type ThrottleKeys = { account: string; address: string };

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return {
    account: `account:${email.trim().toLowerCase()}`,
    address: `address:${createHash("sha256").update(address).digest("base64url")}`,
  };
}

/** The instant until which sign-in is refused, or null. */
export function lockedUntil(db: DbOrTransaction, keys: ThrottleKeys, now: Date): Date | null {
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, [keys.account, keys.address])).all();
  const locks = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d.getTime() > now.getTime());
  return locks.length === 0 ? null : new Date(Math.max(...locks.map((d) => d.getTime())));
}

export function recordFailure(db: DbOrTransaction, keys: ThrottleKeys, now: Date): void {
  const limits: [string, number][] = [
    [keys.account, THROTTLE.maxAccountFailures],
    [keys.address, THROTTLE.maxAddressFailures],
  ];
  for (const [key, limit] of limits) {
    const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
    const windowExpired = !row || now.getTime() - row.windowStartedAt.getTime() > THROTTLE.windowMs;
    const failures = windowExpired ? 1 : row.failures + 1;
    const values = {
      failures,
      windowStartedAt: windowExpired ? now : row.windowStartedAt,
      lockedUntil: failures >= limit ? new Date(now.getTime() + THROTTLE.lockMs) : (row?.lockedUntil ?? null),
    };
    db.insert(loginThrottle).values({ key, ...values }).onConflictDoUpdate({ target: loginThrottle.key, set: values }).run();
  }
}

/** A successful sign-in forgives the account's failures (not the address's: others may share it). */
export function clearAccountFailures(db: DbOrTransaction, keys: ThrottleKeys): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, keys.account)).run();
}

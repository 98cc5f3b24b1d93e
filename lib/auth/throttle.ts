import { inWriteTransaction } from "@/db/transaction";
import { createHmac } from "node:crypto";
import { eq, inArray, lte } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { loginThrottle } from "@/db/schema";
import { rateLimitSubject } from "@/lib/http/client-address";

/**
 * Slows password guessing without letting a stranger lock anyone out (OWASP ASVS 2.2.1).
 *
 * Failures are counted per (account, client address) PAIR, never per account alone: a stranger's failures from their
 * address make only that pair wait, so the real person signs in from their own address as usual. A second, larger
 * budget per address across all accounts slows one address spraying guesses over many accounts; it makes that
 * address wait, never an account. Once a budget is used up every further failure doubles the wait (1 s, 2 s, 4 s …)
 * up to a cap, counted from the last failure; attempts refused while waiting are not counted, so an impatient person
 * does not make it worse. While the pair or the address must wait, every attempt is refused without checking the
 * password, so guessing gains nothing from the refused ones.
 *
 * The numbers:
 * - pair: 3 failures free, then 2^(n−3) s after the n-th failure (1 s … 512 s after the 12th), capped at 15 minutes
 *   from the 13th on. Forgotten 24 hours after the last failure; a successful sign-in clears it. Past the ramp that
 *   leaves an attacker about four guesses per hour and pair.
 * - address: 30 failures free (a whole office may sign in through one address and mistype), then 2^(n−30) s, capped
 *   at 15 minutes from the 40th on. Forgotten 6 hours after its last failure. A success does NOT clear it: otherwise
 *   an attacker with one valid account of their own could reset their spraying budget at will.
 *
 * Addresses are kept only inside keyed hashes (HMAC-SHA256 with the server secret): a plain hash of an IPv4 address
 * is reversed by hashing all 2^32 of them. Clients are counted as the request budgets count them
 * (`rateLimitSubject`: IPv6 per /64 network), so rotating through one's own addresses does not buy fresh budgets.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export type ThrottleScope = "account_address" | "address";

export type ThrottleRule = {
  /** Failures that cost nothing; the one that reaches this count starts the waiting. */
  freeFailures: number;
  /** The wait after the failure that used up the budget; it doubles with each further failure. */
  firstWaitMs: number;
  maxWaitMs: number;
  /** Failures are forgotten this long after the last one. */
  forgetAfterMs: number;
};

export const THROTTLE = {
  account_address: { freeFailures: 3, firstWaitMs: SECOND, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  address: { freeFailures: 30, firstWaitMs: SECOND, maxWaitMs: 15 * MINUTE, forgetAfterMs: 6 * HOUR },
} as const satisfies Record<ThrottleScope, ThrottleRule>;

const SCOPES: readonly ThrottleScope[] = ["account_address", "address"];

/** Row keys: keyed hashes, so the table holds neither e-mail nor client addresses. */
export type ThrottleKeys = Record<ThrottleScope, string>;

/**
 * `secret` is the server secret (AUTH_SECRET); without it the keys cannot be recomputed from a guessed address.
 * The e-mail is compared as the sign-in compares it (trimmed, lower case).
 */
export function throttleKeys(secret: string, email: string, address: string): ThrottleKeys {
  if (secret.length === 0) throw new Error("throttleKeys needs the server secret");
  const account = email.trim().toLowerCase();
  const bucket = rateLimitSubject(address);
  return {
    account_address: `pair:${keyedHash(secret, ["pair", account, bucket])}`,
    address: `address:${keyedHash(secret, ["address", bucket])}`,
  };
}

function keyedHash(secret: string, parts: string[]): string {
  // JSON keeps the parts apart unambiguously ("a" + "bc" differs from "ab" + "c"); the prefix separates this use of
  // the secret from every other.
  return createHmac("sha256", secret).update(JSON.stringify(["login-throttle", ...parts]), "utf8").digest("base64url");
}

/** How long to wait after the `failures`-th failure: nothing within the budget, then doubling up to the cap. */
export function waitAfterFailures(rule: ThrottleRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  // The exponent is bounded so a huge count cannot overflow to Infinity before the cap applies.
  const doublings = Math.min(failures - rule.freeFailures, 40);
  return Math.min(rule.firstWaitMs * 2 ** doublings, rule.maxWaitMs);
}

type ThrottleRow = typeof loginThrottle.$inferSelect;

/** Failures that still count at `now`: all of them, or none once the rule forgets them. */
function liveFailures(row: ThrottleRow | undefined, rule: ThrottleRule, now: Date): number {
  if (!row || now.getTime() - row.lastFailureAt.getTime() >= rule.forgetAfterMs) return 0;
  return row.failures;
}

function waitUntilOf(row: ThrottleRow | undefined, rule: ThrottleRule, now: Date): Date | null {
  if (!row) return null;
  const until = row.lastFailureAt.getTime() + waitAfterFailures(rule, liveFailures(row, rule, now));
  return until > now.getTime() ? new Date(until) : null;
}

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((max, date) => (date && (!max || date.getTime() > max.getTime()) ? date : max), null);

/** The instant until which this pair or this address must wait, or null when an attempt may go ahead. */
export async function throttledUntil(db: DbOrTransaction, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, [keys.account_address, keys.address]));
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return latest(SCOPES.map((scope) => waitUntilOf(byKey.get(keys[scope]), THROTTLE[scope], now)));
}

/** A scope whose budget this failure used up: from now on it must wait (worth one audit entry). */
export type ThrottleStart = { scope: ThrottleScope; failures: number; waitUntil: Date };

export type FailureResult = {
  /** Until when the next attempt of this pair (or from this address) must wait, or null. */
  waitUntil: Date | null;
  started: ThrottleStart[];
};

/**
 * Counts one failure for the pair and for the address. Call it inside the attempt's write transaction, after
 * `throttledUntil` found no wait: then concurrent attempts are counted one after the other and none slips past.
 */
export async function recordFailure(db: DbOrTransaction, keys: ThrottleKeys, now: Date): Promise<FailureResult> {
  return inWriteTransaction(db, async (tx) => {
    await forgetOldFailures(tx, now);
    const started: ThrottleStart[] = [];
    const waits: (Date | null)[] = [];
    for (const scope of SCOPES) {
      const rule = THROTTLE[scope];
      const key = keys[scope];
      const row = (await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)))[0];
      const failures = liveFailures(row, rule, now) + 1;
      const values = { failures, lastFailureAt: now };
      await tx.insert(loginThrottle)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: loginThrottle.key, set: values });
      const waitMs = waitAfterFailures(rule, failures);
      const waitUntil = waitMs > 0 ? new Date(now.getTime() + waitMs) : null;
      waits.push(waitUntil);
      // Exactly the failure that uses up the budget starts the waiting; the longer waits after it are the same episode.
      if (waitUntil && failures === rule.freeFailures) started.push({ scope, failures, waitUntil });
    }
    return { waitUntil: latest(waits), started };
  });
}

/** A successful sign-in forgives the pair's failures; the address keeps its count, since others may share it. */
export async function clearPairFailures(db: DbOrTransaction, keys: ThrottleKeys): Promise<void> {
  return inWriteTransaction(db, async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, keys.account_address));
  });
}

const FORGET_ALL_AFTER_MS = Math.max(...SCOPES.map((scope) => THROTTLE[scope].forgetAfterMs));

/** Rows no rule counts any more. Done with each failure, so the table stays as small as the recent attacks. */
async function forgetOldFailures(db: DbOrTransaction, now: Date): Promise<void> {
  await db.delete(loginThrottle)
    .where(lte(loginThrottle.lastFailureAt, new Date(now.getTime() - FORGET_ALL_AFTER_MS)));
}

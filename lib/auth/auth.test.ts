import { rawRun } from "@/lib/testing/raw-sql";
import { createHash } from "node:crypto";
import { eq, like, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "@/db/client";
import { auditLog, loginThrottle, staffUsers } from "@/db/schema";
import adminPeopleDe from "@/lib/i18n/messages/admin-people.de.json";
import adminPeopleEn from "@/lib/i18n/messages/admin-people.en.json";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { hashPassword } from "./password";
import { createSession, deleteSession, resolveSession, SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "./sessions";
import { attemptSignIn, type SignInOutcome } from "./sign-in";
import { THROTTLE, throttleKeys } from "./throttle";

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
let db: AppDatabase;
let userId: number;
const T0 = new Date("2026-11-24T07:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const SECRET = "test-secret-for-the-throttle-keys-0123456789";
const EMAIL = "clerk@musterstadt.example";
const PASSWORD = "correct horse battery";
const WRONG = "wrong password!";
// Documentation ranges (RFC 5737): the stranger, the real person's office, a third party.
const STRANGER = "203.0.113.66";
const OFFICE = "198.51.100.10";
const ELSEWHERE = "192.0.2.7";

/** Accounts are written directly, so these tests depend only on the sign-in and its throttle. */
async function insertAccount(email: string, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  return (await db.insert(staffUsers).values({ email, name: "Clerk", role: "staff", passwordHash }).returning())[0]!.id;
}

beforeEach(async () => {
  temp = await createTempDatabase();
  db = temp.db;
  userId = await insertAccount(EMAIL, PASSWORD);
});
afterEach(() => temp.cleanup());

describe("staff sessions", () => {
  it.each([
    { name: "fresh", lastSeenAfter: 0, checkAfter: 0, valid: true },
    { name: "idle 29 minutes", lastSeenAfter: 0, checkAfter: 29 * MINUTE, valid: true },
    { name: "idle 31 minutes", lastSeenAfter: 0, checkAfter: SESSION_IDLE_MS + MINUTE, valid: false },
  ])("$name → valid: $valid", async ({ checkAfter, valid }) => {
    const id = await createSession(db, userId, T0);
    expect(await resolveSession(db, id, at(checkAfter)) !== null).toBe(valid);
  });

  it("activity keeps a session alive, but never beyond 8 hours", async () => {
    const id = await createSession(db, userId, T0);
    let now = 0;
    while (now + 20 * MINUTE <= SESSION_MAX_AGE_MS) {
      now += 20 * MINUTE;
      expect(await resolveSession(db, id, at(now))).not.toBeNull();
    }
    expect(await resolveSession(db, id, at(SESSION_MAX_AGE_MS + MINUTE))).toBeNull();
    // An expired session is gone for good.
    expect(await resolveSession(db, id, at(now))).toBeNull();
  });

  it("ends on sign-out", async () => {
    const id = await createSession(db, userId, T0);
    await deleteSession(db, id);
    expect(await resolveSession(db, id, T0)).toBeNull();
  });
});

describe("sign-in throttling", () => {
  type Attempt = { password?: string; address?: string; when?: Date; email?: string };
  const attempt = ({ password = WRONG, address = STRANGER, when = T0, email = EMAIL }: Attempt = {}) =>
    attemptSignIn(db, { email, password, address }, { now: when, secret: SECRET });
  const INVALID: SignInOutcome = { ok: false, reason: "invalid" };
  const throttledUntil = (until: Date): SignInOutcome => ({ ok: false, reason: "throttled", lockedUntil: until });

  /** The failures the throttle counts for one key, read back through the same keyed hash. */
  const countedFailures = async (scope: keyof typeof THROTTLE, address: string, email = EMAIL) =>
    (await db.select().from(loginThrottle).where(eq(loginThrottle.key, throttleKeys(SECRET, email, address)[scope])))[0]?.failures ?? 0;

  /** Fails once as soon as the pair may try again; returns the instant the next attempt may come. */
  async function failWhenAllowed(when: Date, address = STRANGER, email = EMAIL): Promise<{ outcome: SignInOutcome; next: Date }> {
    const outcome = await attempt({ when, address, email });
    if (outcome.ok) throw new Error("a wrong password signed in");
    return { outcome, next: outcome.lockedUntil ?? when };
  }

  const throttleAudit = async () =>
    await db.select().from(auditLog).where(like(auditLog.action, "staff.sign_in%throttled")).orderBy(auditLog.id);

  it("signs in with the right password and creates a session", async () => {
    const outcome = await attempt({ password: PASSWORD });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect((await resolveSession(db, outcome.sessionId, T0))?.id).toBe(userId);
  });

  it("a stranger's 50 failures from one address never stop the real person signing in from theirs", async () => {
    let when = T0;
    for (let failure = 1; failure <= 50; failure++) {
      ({ next: when } = await failWhenAllowed(when));
      if (failure % 10 === 0) expect((await attempt({ password: PASSWORD, address: OFFICE, when })).ok).toBe(true);
    }
    expect(await countedFailures("account_address", STRANGER)).toBe(50);
    // Just before the stranger's next turn: the stranger's address waits, the real person's does not.
    const justBefore = new Date(when.getTime() - 1);
    expect(await attempt({ password: PASSWORD, address: STRANGER, when: justBefore })).toEqual(throttledUntil(when));
    expect((await attempt({ password: PASSWORD, address: OFFICE, when: justBefore })).ok).toBe(true);
  }, 60_000);

  it("makes the pair wait longer after each failure past the third, up to 15 minutes, counting only attempts it let through", async () => {
    // Wait in seconds after the n-th failure of one (account, address) pair: 2^(n−3), capped at 900.
    const expected = [0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900];
    let when = T0;
    for (const [index, waitSeconds] of expected.entries()) {
      const outcome = await attempt({ when });
      if (waitSeconds === 0) {
        expect(outcome, `failure ${index + 1}`).toEqual(INVALID);
        continue;
      }
      const until = new Date(when.getTime() + waitSeconds * SECOND);
      expect(outcome, `failure ${index + 1}`).toEqual(throttledUntil(until));
      // A millisecond early, even the right password is refused, and the refusal is not counted.
      expect(await attempt({ password: PASSWORD, when: new Date(until.getTime() - 1) })).toEqual(throttledUntil(until));
      when = until;
    }
    expect(await countedFailures("account_address", STRANGER)).toBe(expected.length);
    expect((await attempt({ password: PASSWORD, when })).ok).toBe(true);
  }, 30_000);

  it("counts attempts sent at the same moment one after the other, so a burst gains nothing", async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => attempt()));
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(2);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "throttled")).toEqual(Array(8).fill(throttledUntil(at(SECOND))));
    expect(await countedFailures("account_address", STRANGER)).toBe(3);
  });

  it("makes an address that sprays many accounts wait, rising, but locks no account for other addresses", async () => {
    const { freeFailures } = THROTTLE.address;
    const guess = (i: number) => `guess${i}@musterstadt.example`;
    for (let i = 1; i < freeFailures; i++) expect(await attempt({ email: guess(i) }), `failure ${i}`).toEqual(INVALID);
    expect(await attempt({ email: guess(freeFailures) })).toEqual(throttledUntil(at(SECOND)));
    // From that address every account waits, the real one too …
    expect(await attempt({ password: PASSWORD })).toEqual(throttledUntil(at(SECOND)));
    // … but the account itself is not locked: from another address it signs in at the same moment.
    expect((await attempt({ password: PASSWORD, address: OFFICE })).ok).toBe(true);
    // The next failure after the wait doubles it.
    expect(await attempt({ email: guess(freeFailures + 1), when: at(SECOND) })).toEqual(throttledUntil(at(3 * SECOND)));
    expect(await countedFailures("address", STRANGER, guess(1))).toBe(freeFailures + 1);
    expect(await countedFailures("address", OFFICE)).toBe(0);
  }, 30_000);

  it("forgives the pair's failures after a successful sign-in, but not the address's", async () => {
    expect(await attempt()).toEqual(INVALID);
    expect(await attempt()).toEqual(INVALID);
    expect((await attempt({ password: PASSWORD })).ok).toBe(true);
    expect(await attempt()).toEqual(INVALID);
    expect(await attempt()).toEqual(INVALID);
    expect(await attempt()).toEqual(throttledUntil(at(SECOND)));
    // The address kept all five failures: a success must not reset a sprayer's budget.
    expect(await countedFailures("address", STRANGER)).toBe(5);
  });

  it.each([
    { name: "a day later, forgotten", lastAfter: 24 * HOUR, outcome: INVALID },
    { name: "a moment before that, still counted", lastAfter: 24 * HOUR - 1, outcome: throttledUntil(at(24 * HOUR - 1 + SECOND)) },
  ])("the third failure $name", async ({ lastAfter, outcome }) => {
    await attempt();
    await attempt();
    expect(await attempt({ when: at(lastAfter) })).toEqual(outcome);
  });

  it("writes one audit entry when a pair or an address starts to wait, without the address, e-mail or password", async () => {
    let when = T0;
    for (let failure = 1; failure <= 40; failure++) ({ next: when } = await failWhenAllowed(when));
    // An unknown e-mail tried from elsewhere: its pair starts waiting too, but names no account.
    for (let failure = 1; failure <= 5; failure++) await failWhenAllowed(T0, ELSEWHERE, "nobody@musterstadt.example");

    const entries = await throttleAudit();
    expect(entries.map(({ action, entityType, entityId, actorLabel, before, after }) => ({ action, entityType, entityId, actorLabel, before, after }))).toEqual([
      {
        action: "staff.sign_in_throttled",
        entityType: "staff_user",
        entityId: String(userId),
        actorLabel: "system",
        before: null,
        after: { failures: 3, waitUntil: expect.any(String) },
      },
      {
        action: "staff.sign_in_address_throttled",
        entityType: "staff_user",
        entityId: String(userId),
        actorLabel: "system",
        before: null,
        after: { failures: THROTTLE.address.freeFailures, waitUntil: expect.any(String) },
      },
      {
        action: "staff.sign_in_throttled",
        entityType: "staff_user",
        entityId: null,
        actorLabel: "system",
        before: null,
        after: { failures: 3, waitUntil: at(SECOND).toISOString() },
      },
    ]);
    const stored = JSON.stringify(entries);
    for (const secret of [STRANGER, ELSEWHERE, WRONG, "nobody@musterstadt.example", throttleKeys(SECRET, EMAIL, STRANGER).address]) {
      expect(stored).not.toContain(secret);
    }

    // Once forgotten, the next run of failures is a new episode with its own entry.
    let later = new Date(when.getTime() + 25 * HOUR);
    for (let failure = 1; failure <= 4; failure++) ({ next: later } = await failWhenAllowed(later));
    expect((await throttleAudit()).filter((entry) => entry.action === "staff.sign_in_throttled" && entry.entityId === String(userId))).toHaveLength(2);
  }, 60_000);

  it("keeps neither e-mail nor address in the throttle table, not even as a plain hash", async () => {
    await attempt();
    await attempt({ email: "Nobody@Musterstadt.example", address: "2001:db8:1:2::77" });
    const keys = (await db.select({ key: loginThrottle.key }).from(loginThrottle)).map((row) => row.key);
    expect(keys).toHaveLength(4);
    const sha256 = (text: string) => createHash("sha256").update(text).digest();
    const plainHashes = [STRANGER, "2001:db8:1:2::77"].flatMap((address) => [sha256(address).toString("hex"), sha256(address).toString("base64url")]);
    for (const key of keys) {
      for (const forbidden of [STRANGER, "2001:db8", "musterstadt", "nobody", ...plainHashes]) expect(key.toLowerCase()).not.toContain(forbidden.toLowerCase());
    }
  });

  it("answers unknown accounts and deactivated ones like a wrong password", async () => {
    expect(await attempt({ password: PASSWORD, address: "10.0.0.4", email: "nobody@musterstadt.example" })).toEqual(INVALID);
    await rawRun(db, sql`update staff_users set active = false where id = ${userId}`);
    expect(await attempt({ password: PASSWORD, address: "10.0.0.5" })).toEqual(INVALID);
  });

  it.each([
    { language: "de", messages: adminPeopleDe },
    { language: "en", messages: adminPeopleEn },
  ])("labels both throttle actions on the audit page ($language)", ({ messages }) => {
    const labels: Record<string, string> = messages.adminPeople.audit.actions.staff;
    expect(labels.sign_in_throttled).toEqual(expect.any(String));
    expect(labels.sign_in_address_throttled).toEqual(expect.any(String));
  });
});

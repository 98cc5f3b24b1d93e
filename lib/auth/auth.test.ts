import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaffAccount } from "@/lib/services/staff-accounts";
import { createTempDatabase } from "@/lib/testing/temp-db";
import type { AppDatabase } from "@/db/client";
import { createSession, deleteSession, resolveSession, SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "./sessions";
import { attemptSignIn } from "./sign-in";
import { THROTTLE } from "./throttle";

let temp: ReturnType<typeof createTempDatabase>;
let db: AppDatabase;
let userId: number;
const T0 = new Date("2026-11-24T07:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const PASSWORD = "correct horse battery";

beforeEach(async () => {
  temp = createTempDatabase();
  db = temp.db;
  userId = (await createStaffAccount(db, { userId: null, label: "test" }, { email: "clerk@musterstadt.example", name: "Clerk", role: "staff", password: PASSWORD })).id;
});
afterEach(() => temp.cleanup());

describe("staff sessions", () => {
  it.each([
    { name: "fresh", lastSeenAfter: 0, checkAfter: 0, valid: true },
    { name: "idle 29 minutes", lastSeenAfter: 0, checkAfter: 29 * MINUTE, valid: true },
    { name: "idle 31 minutes", lastSeenAfter: 0, checkAfter: SESSION_IDLE_MS + MINUTE, valid: false },
  ])("$name → valid: $valid", ({ checkAfter, valid }) => {
    const id = createSession(db, userId, T0);
    expect(resolveSession(db, id, at(checkAfter)) !== null).toBe(valid);
  });

  it("activity keeps a session alive, but never beyond 8 hours", () => {
    const id = createSession(db, userId, T0);
    let now = 0;
    while (now + 20 * MINUTE <= SESSION_MAX_AGE_MS) {
      now += 20 * MINUTE;
      expect(resolveSession(db, id, at(now))).not.toBeNull();
    }
    expect(resolveSession(db, id, at(SESSION_MAX_AGE_MS + MINUTE))).toBeNull();
    // An expired session is gone for good.
    expect(resolveSession(db, id, at(now))).toBeNull();
  });

  it("ends on sign-out", () => {
    const id = createSession(db, userId, T0);
    deleteSession(db, id);
    expect(resolveSession(db, id, T0)).toBeNull();
  });
});

describe("sign-in throttling", () => {
  const attempt = (password: string, address = "10.0.0.1", when = T0, email = "clerk@musterstadt.example") =>
    attemptSignIn(db, { email, password, address }, when);

  it("signs in with the right password and creates a session", async () => {
    const outcome = await attempt(PASSWORD);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(resolveSession(db, outcome.sessionId, T0)?.id).toBe(userId);
  });

  it("locks the account after repeated failures, even for the right password, until the lock expires", async () => {
    for (let i = 1; i < THROTTLE.maxAccountFailures; i++) expect(await attempt("wrong password!")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("wrong password!")).toMatchObject({ ok: false, reason: "throttled" });
    expect(await attempt(PASSWORD)).toMatchObject({ ok: false, reason: "throttled" });
    // From another address too: the lock is on the account.
    expect(await attempt(PASSWORD, "10.0.0.2")).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attempt(PASSWORD, "10.0.0.2", at(THROTTLE.lockMs + MINUTE))).ok).toBe(true);
  });

  it("locks an address that tries many accounts", async () => {
    for (let i = 0; i < THROTTLE.maxAddressFailures; i++) await attempt("wrong password!", "10.9.9.9", T0, `guess${i}@musterstadt.example`);
    expect(await attempt(PASSWORD, "10.9.9.9")).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attempt(PASSWORD, "10.0.0.3")).ok).toBe(true);
  });

  it("answers unknown accounts and deactivated ones like a wrong password", async () => {
    expect(await attempt(PASSWORD, "10.0.0.4", T0, "nobody@musterstadt.example")).toEqual({ ok: false, reason: "invalid" });
    db.$client.prepare("update staff_users set active = 0 where id = ?").run(userId);
    expect(await attempt(PASSWORD, "10.0.0.5")).toEqual({ ok: false, reason: "invalid" });
  });

  it("forgives earlier failures of the account after a successful sign-in", async () => {
    for (let i = 1; i < THROTTLE.maxAccountFailures; i++) await attempt("wrong password!");
    expect((await attempt(PASSWORD)).ok).toBe(true);
    expect(await attempt("wrong password!")).toEqual({ ok: false, reason: "invalid" });
  });
});

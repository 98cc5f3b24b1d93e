import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "@/db/client";
import { auditLog, staffSessions, staffUsers, type StaffUser } from "@/db/schema";
import type { SsoRoleMapping } from "@/lib/env";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { hashPassword } from "./password";
import { createSession, resolveSession, SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "./sessions";
import { attemptSignIn } from "./sign-in";
import { signInWithSso, type SsoSignInOutcome } from "./sso-sign-in";

let temp: ReturnType<typeof createTempDatabase>;
let db: AppDatabase;
beforeEach(() => {
  temp = createTempDatabase();
  db = temp.db;
});
afterEach(() => temp.cleanup());

const T0 = new Date("2026-11-24T07:00:00Z");
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const ISSUER = "https://login.musterstadt.example/realms/verwaltung";
const MAPPING: SsoRoleMapping = { claim: "roles", adminValues: ["tv-admin"], staffValues: ["tv-staff"] };

type Claims = Record<string, unknown>;
const anna = (extra: Claims = {}): Claims => ({ sub: "a-111", email: "anna@musterstadt.example", name: "Anna Admin", ...extra });

function signIn(claims: Claims, options: { mapping?: SsoRoleMapping | null; now?: Date; issuer?: string } = {}): SsoSignInOutcome {
  return signInWithSso(
    db,
    { issuer: options.issuer ?? ISSUER, subject: String(claims.sub), claims },
    { now: options.now ?? T0, roleMapping: options.mapping === undefined ? MAPPING : options.mapping },
  );
}
const accountOf = (subject: string, issuer = ISSUER): StaffUser | undefined =>
  db.select().from(staffUsers).where(and(eq(staffUsers.ssoIssuer, issuer), eq(staffUsers.ssoSubject, subject))).get();
const audit = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const sessionsOf = (userId: number) => db.select().from(staffSessions).where(eq(staffSessions.userId, userId)).all();
function signedIn(outcome: SsoSignInOutcome): Extract<SsoSignInOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected a sign-in, got the refusal ${outcome.reason}`);
  return outcome;
}

describe("first sign-in", () => {
  it("with a role from the claim: an active account with that role, our own session, audited with the method", () => {
    const outcome = signedIn(signIn(anna({ roles: ["tv-admin"] })));
    expect(outcome.user).toMatchObject({ email: "anna@musterstadt.example", name: "Anna Admin", role: "admin", active: true, passwordHash: null, ssoAccess: "claim" });
    expect(resolveSession(db, outcome.sessionId, T0)?.id).toBe(outcome.user.id);

    const [created] = audit("staff.sso_create");
    expect(created).toMatchObject({ actorLabel: "system", entityId: String(outcome.user.id) });
    expect(created!.after).toEqual({ email: "anna@musterstadt.example", name: "Anna Admin", role: "admin", active: true });
    const [signInEntry] = audit("staff.sign_in");
    expect(signInEntry).toMatchObject({ actorUserId: outcome.user.id, actorLabel: "anna@musterstadt.example", after: { method: "oidc" } });
    // The audit keeps nothing of the identity provider's keys.
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain("a-111");
  });

  it.each([
    { name: "the claim grants no role", claims: anna({ roles: ["offline_access"] }), mapping: MAPPING },
    { name: "no role mapping is configured", claims: anna({ roles: ["tv-admin"] }), mapping: null },
  ])("when $name: an inactive account waiting for approval, and no session", ({ claims, mapping }) => {
    expect(signIn(claims, { mapping })).toEqual({ ok: false, reason: "account_created" });
    const account = accountOf("a-111")!;
    expect(account).toMatchObject({ active: false, ssoAccess: "pending", role: "staff", lastLoginAt: null });
    expect(sessionsOf(account.id)).toHaveLength(0);
    expect(audit("staff.sign_in")).toHaveLength(0);
    // The second attempt says "still waiting" and creates nothing new.
    expect(signIn(claims, { mapping })).toEqual({ ok: false, reason: "pending" });
    expect(db.select().from(staffUsers).all()).toHaveLength(1);
  });

  it("without a usable e-mail address: refused, nothing created", () => {
    expect(signIn({ sub: "x-1", name: "Nobody", roles: ["tv-admin"] })).toEqual({ ok: false, reason: "profile_incomplete" });
    expect(db.select().from(staffUsers).all()).toHaveLength(0);
  });

  it("the same subject at another issuer is another person", () => {
    const first = signedIn(signIn(anna({ roles: ["tv-staff"] })));
    const second = signedIn(signIn(anna({ roles: ["tv-staff"] }), { issuer: "https://login.microsoftonline.com/tenant/v2.0" }));
    expect(second.user.id).not.toBe(first.user.id);
  });
});

describe("an existing password account with the same e-mail address", () => {
  let localId: number;
  beforeEach(async () => {
    localId = db
      .insert(staffUsers)
      .values({ email: "anna@musterstadt.example", name: "Anna (Passwort)", role: "admin", passwordHash: await hashPassword("das-lokale-Passwort-1") })
      .returning()
      .get().id;
  });

  it("is not taken over: the identity gets an account of its own, with only what the claim grants", async () => {
    const outcome = signedIn(signIn(anna({ roles: ["tv-staff"] })));
    expect(outcome.user.id).not.toBe(localId);
    expect(outcome.user.role).toBe("staff");
    const local = db.select().from(staffUsers).where(eq(staffUsers.id, localId)).get()!;
    expect(local).toMatchObject({ name: "Anna (Passwort)", role: "admin", ssoSubject: null, ssoIssuer: null, ssoAccess: null, lastLoginAt: null });
    expect(sessionsOf(localId)).toHaveLength(0);
    // The password sign-in still finds exactly the password account.
    const password = await attemptSignIn(db, { email: "anna@musterstadt.example", password: "das-lokale-Passwort-1", address: "192.0.2.1" }, { now: T0, secret: "s".repeat(40) });
    expect(password.ok && password.user.id).toBe(localId);
  });

  it("is not taken over without role mapping either: the new account waits for approval", () => {
    expect(signIn(anna(), { mapping: null })).toEqual({ ok: false, reason: "account_created" });
    expect(accountOf("a-111")!.id).not.toBe(localId);
    expect(db.select().from(staffUsers).where(eq(staffUsers.id, localId)).get()!.active).toBe(true);
  });
});

describe("role sync at every sign-in (role mapping configured)", () => {
  it("follows a changed claim, ends the account's other sessions and audits the change", () => {
    const first = signedIn(signIn(anna({ roles: "tv-staff" })));
    const second = signedIn(signIn(anna({ roles: ["tv-admin"] }), { now: at(MINUTE) }));
    expect(second.user.role).toBe("admin");
    expect(resolveSession(db, first.sessionId, at(MINUTE))).toBeNull();
    expect(resolveSession(db, second.sessionId, at(MINUTE))).not.toBeNull();
    const [sync] = audit("staff.sso_role_sync");
    expect(sync).toMatchObject({ actorLabel: "system", before: { role: "staff", active: true }, after: { role: "admin", active: true } });
  });

  it("a removed claim takes access away like a deactivation; the claim's return gives it back", () => {
    const first = signedIn(signIn(anna({ roles: "tv-admin" })));
    expect(signIn(anna({ roles: [] }), { now: at(MINUTE) })).toEqual({ ok: false, reason: "role_removed" });
    const account = accountOf("a-111")!;
    expect(account).toMatchObject({ active: false, ssoAccess: "claim_removed" });
    expect(resolveSession(db, first.sessionId, at(MINUTE))).toBeNull();
    expect(audit("staff.sso_role_sync")).toHaveLength(1);
    expect(signIn(anna(), { now: at(2 * MINUTE) })).toEqual({ ok: false, reason: "role_removed" });

    const back = signedIn(signIn(anna({ roles: ["tv-staff"] }), { now: at(3 * MINUTE) }));
    expect(back.user).toMatchObject({ active: true, role: "staff", ssoAccess: "claim" });
    expect(audit("staff.sso_role_sync")).toHaveLength(2);
  });

  it("the same claim again changes nothing and writes no sync entry", () => {
    signedIn(signIn(anna({ roles: "tv-staff" })));
    signedIn(signIn(anna({ roles: "tv-staff" }), { now: at(MINUTE) }));
    expect(audit("staff.sso_role_sync")).toHaveLength(0);
  });

  it("a pending account is let in as soon as the claim grants a role", () => {
    expect(signIn(anna()).ok).toBe(false);
    const outcome = signedIn(signIn(anna({ roles: ["tv-staff"] }), { now: at(MINUTE) }));
    expect(outcome.user).toMatchObject({ active: true, role: "staff", ssoAccess: "claim" });
  });

  it("an account an admin deactivated stays out whatever the claim says", () => {
    const first = signedIn(signIn(anna({ roles: "tv-admin" })));
    db.update(staffUsers).set({ active: false, ssoAccess: "admin" }).where(eq(staffUsers.id, first.user.id)).run();
    expect(signIn(anna({ roles: "tv-admin" }), { now: at(MINUTE) })).toEqual({ ok: false, reason: "deactivated" });
  });

  it("an account an admin approved keeps its role while the claim grants none", () => {
    expect(signIn(anna()).ok).toBe(false);
    db.update(staffUsers).set({ active: true, role: "admin", ssoAccess: "admin" }).where(eq(staffUsers.ssoSubject, "a-111")).run();
    expect(signedIn(signIn(anna(), { now: at(MINUTE) })).user.role).toBe("admin");
  });
});

describe("without role mapping", () => {
  it("the role stays as the admin set it, whatever the claim says", () => {
    expect(signIn(anna({ roles: "tv-admin" }), { mapping: null }).ok).toBe(false);
    db.update(staffUsers).set({ active: true, role: "staff", ssoAccess: "admin" }).where(eq(staffUsers.ssoSubject, "a-111")).run();
    const outcome = signedIn(signIn(anna({ roles: "tv-admin" }), { mapping: null, now: at(MINUTE) }));
    expect(outcome.user.role).toBe("staff");
    expect(audit("staff.sso_role_sync")).toHaveLength(0);
  });
});

describe("profile and session", () => {
  it("name and e-mail address follow the identity provider, audited", () => {
    const first = signedIn(signIn(anna({ roles: "tv-staff" })));
    const second = signedIn(signIn(anna({ roles: "tv-staff", email: "anna.neu@musterstadt.example", name: "Anna Neu" }), { now: at(MINUTE) }));
    expect(second.user.id).toBe(first.user.id);
    expect(second.user).toMatchObject({ email: "anna.neu@musterstadt.example", name: "Anna Neu" });
    expect(audit("staff.sso_profile_sync")[0]).toMatchObject({
      before: { email: "anna@musterstadt.example", name: "Anna Admin" },
      after: { email: "anna.neu@musterstadt.example", name: "Anna Neu" },
    });
  });

  it("our own limits apply to the session: 30 minutes idle, 8 hours at most", () => {
    const { sessionId } = signedIn(signIn(anna({ roles: "tv-staff" })));
    expect(resolveSession(db, sessionId, at(SESSION_IDLE_MS + MINUTE))).toBeNull();
    const { sessionId: busy } = signedIn(signIn(anna({ roles: "tv-staff" }), { now: T0 }));
    for (let t = 20 * MINUTE; t <= SESSION_MAX_AGE_MS; t += 20 * MINUTE) expect(resolveSession(db, busy, at(t))).not.toBeNull();
    expect(resolveSession(db, busy, at(SESSION_MAX_AGE_MS + MINUTE))).toBeNull();
  });

  it("an account without a password cannot be signed into with one, not even with the dummy hash's password", async () => {
    const { user } = signedIn(signIn(anna({ roles: "tv-admin" })));
    const context = { now: T0, secret: "s".repeat(40) };
    const dummyPassword = "no account has this password, it only costs the same time";
    for (const password of [dummyPassword, "anything at all"]) {
      expect(await attemptSignIn(db, { email: user.email, password, address: "192.0.2.1" }, context)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(sessionsOf(user.id)).toHaveLength(1);
  });

  it("createSession and the SSO sign-in write the same kind of row", () => {
    const { user, sessionId } = signedIn(signIn(anna({ roles: "tv-staff" })));
    const manual = createSession(db, user.id, T0);
    const rows = db.select().from(staffSessions).all();
    expect(rows.map((row) => row.id).sort()).toEqual([sessionId, manual].sort());
    expect(db.select().from(staffUsers).where(eq(staffUsers.id, user.id)).get()!.lastLoginAt).toEqual(T0);
  });
});

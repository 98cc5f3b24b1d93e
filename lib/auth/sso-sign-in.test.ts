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

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
let db: AppDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
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

async function signIn(claims: Claims, options: { mapping?: SsoRoleMapping | null; now?: Date; issuer?: string } = {}): Promise<SsoSignInOutcome> {
  return signInWithSso(
    db,
    { issuer: options.issuer ?? ISSUER, subject: String(claims.sub), claims },
    { now: options.now ?? T0, roleMapping: options.mapping === undefined ? MAPPING : options.mapping },
  );
}
const accountOf = async (subject: string, issuer = ISSUER): Promise<StaffUser | undefined> =>
  (await db.select().from(staffUsers).where(and(eq(staffUsers.ssoIssuer, issuer), eq(staffUsers.ssoSubject, subject))))[0];
const audit = async (action: string) => await db.select().from(auditLog).where(eq(auditLog.action, action));
const sessionsOf = async (userId: number) => await db.select().from(staffSessions).where(eq(staffSessions.userId, userId));
function signedIn(outcome: SsoSignInOutcome): Extract<SsoSignInOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected a sign-in, got the refusal ${outcome.reason}`);
  return outcome;
}

describe("first sign-in", () => {
  it("with a role from the claim: an active account with that role, our own session, audited with the method", async () => {
    const outcome = signedIn(await signIn(anna({ roles: ["tv-admin"] })));
    expect(outcome.user).toMatchObject({ email: "anna@musterstadt.example", name: "Anna Admin", role: "admin", active: true, passwordHash: null, ssoAccess: "claim" });
    expect((await resolveSession(db, outcome.sessionId, T0))?.id).toBe(outcome.user.id);

    const [created] = await audit("staff.sso_create");
    expect(created).toMatchObject({ actorLabel: "system", entityId: String(outcome.user.id) });
    expect(created!.after).toEqual({ email: "anna@musterstadt.example", name: "Anna Admin", role: "admin", active: true });
    const [signInEntry] = await audit("staff.sign_in");
    expect(signInEntry).toMatchObject({ actorUserId: outcome.user.id, actorLabel: "anna@musterstadt.example", after: { method: "oidc" } });
    // The audit keeps nothing of the identity provider's keys.
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain("a-111");
  });

  it.each([
    { name: "the claim grants no role", claims: anna({ roles: ["offline_access"] }), mapping: MAPPING },
    { name: "no role mapping is configured", claims: anna({ roles: ["tv-admin"] }), mapping: null },
  ])("when $name: an inactive account waiting for approval, and no session", async ({ claims, mapping }) => {
    expect(await signIn(claims, { mapping })).toEqual({ ok: false, reason: "account_created" });
    const account = (await accountOf("a-111"))!;
    expect(account).toMatchObject({ active: false, ssoAccess: "pending", role: "staff", lastLoginAt: null });
    expect(await sessionsOf(account.id)).toHaveLength(0);
    expect(await audit("staff.sign_in")).toHaveLength(0);
    // The second attempt says "still waiting" and creates nothing new.
    expect(await signIn(claims, { mapping })).toEqual({ ok: false, reason: "pending" });
    expect(await db.select().from(staffUsers)).toHaveLength(1);
  });

  it("without a usable e-mail address: refused, nothing created", async () => {
    expect(await signIn({ sub: "x-1", name: "Nobody", roles: ["tv-admin"] })).toEqual({ ok: false, reason: "profile_incomplete" });
    expect(await db.select().from(staffUsers)).toHaveLength(0);
  });

  it("the same subject at another issuer is another person", async () => {
    const first = signedIn(await signIn(anna({ roles: ["tv-staff"] })));
    const second = signedIn(await signIn(anna({ roles: ["tv-staff"] }), { issuer: "https://login.microsoftonline.com/tenant/v2.0" }));
    expect(second.user.id).not.toBe(first.user.id);
  });
});

describe("an existing password account with the same e-mail address", () => {
  let localId: number;
  beforeEach(async () => {
    localId = (await db
      .insert(staffUsers)
      .values({ email: "anna@musterstadt.example", name: "Anna (Passwort)", role: "admin", passwordHash: await hashPassword("das-lokale-Passwort-1") })
      .returning())[0]!.id;
  });

  it("is not taken over: the identity gets an account of its own, with only what the claim grants", async () => {
    const outcome = signedIn(await signIn(anna({ roles: ["tv-staff"] })));
    expect(outcome.user.id).not.toBe(localId);
    expect(outcome.user.role).toBe("staff");
    const local = (await db.select().from(staffUsers).where(eq(staffUsers.id, localId)))[0]!;
    expect(local).toMatchObject({ name: "Anna (Passwort)", role: "admin", ssoSubject: null, ssoIssuer: null, ssoAccess: null, lastLoginAt: null });
    expect(await sessionsOf(localId)).toHaveLength(0);
    // The password sign-in still finds exactly the password account.
    const password = await attemptSignIn(db, { email: "anna@musterstadt.example", password: "das-lokale-Passwort-1", address: "192.0.2.1" }, { now: T0, secret: "s".repeat(40) });
    expect(password.ok && password.user.id).toBe(localId);
  });

  it("is not taken over without role mapping either: the new account waits for approval", async () => {
    expect(await signIn(anna(), { mapping: null })).toEqual({ ok: false, reason: "account_created" });
    expect((await accountOf("a-111"))!.id).not.toBe(localId);
    expect((await db.select().from(staffUsers).where(eq(staffUsers.id, localId)))[0]!.active).toBe(true);
  });
});

describe("role sync at every sign-in (role mapping configured)", () => {
  it("follows a changed claim, ends the account's other sessions and audits the change", async () => {
    const first = signedIn(await signIn(anna({ roles: "tv-staff" })));
    const second = signedIn(await signIn(anna({ roles: ["tv-admin"] }), { now: at(MINUTE) }));
    expect(second.user.role).toBe("admin");
    expect(await resolveSession(db, first.sessionId, at(MINUTE))).toBeNull();
    expect(await resolveSession(db, second.sessionId, at(MINUTE))).not.toBeNull();
    const [sync] = await audit("staff.sso_role_sync");
    expect(sync).toMatchObject({ actorLabel: "system", before: { role: "staff", active: true }, after: { role: "admin", active: true } });
  });

  it("a removed claim takes access away like a deactivation; the claim's return gives it back", async () => {
    const first = signedIn(await signIn(anna({ roles: "tv-admin" })));
    expect(await signIn(anna({ roles: [] }), { now: at(MINUTE) })).toEqual({ ok: false, reason: "role_removed" });
    const account = (await accountOf("a-111"))!;
    expect(account).toMatchObject({ active: false, ssoAccess: "claim_removed" });
    expect(await resolveSession(db, first.sessionId, at(MINUTE))).toBeNull();
    expect(await audit("staff.sso_role_sync")).toHaveLength(1);
    expect(await signIn(anna(), { now: at(2 * MINUTE) })).toEqual({ ok: false, reason: "role_removed" });

    const back = signedIn(await signIn(anna({ roles: ["tv-staff"] }), { now: at(3 * MINUTE) }));
    expect(back.user).toMatchObject({ active: true, role: "staff", ssoAccess: "claim" });
    expect(await audit("staff.sso_role_sync")).toHaveLength(2);
  });

  it("the same claim again changes nothing and writes no sync entry", async () => {
    signedIn(await signIn(anna({ roles: "tv-staff" })));
    signedIn(await signIn(anna({ roles: "tv-staff" }), { now: at(MINUTE) }));
    expect(await audit("staff.sso_role_sync")).toHaveLength(0);
  });

  it("a pending account is let in as soon as the claim grants a role", async () => {
    expect((await signIn(anna())).ok).toBe(false);
    const outcome = signedIn(await signIn(anna({ roles: ["tv-staff"] }), { now: at(MINUTE) }));
    expect(outcome.user).toMatchObject({ active: true, role: "staff", ssoAccess: "claim" });
  });

  it("an account an admin deactivated stays out whatever the claim says", async () => {
    const first = signedIn(await signIn(anna({ roles: "tv-admin" })));
    await db.update(staffUsers).set({ active: false, ssoAccess: "admin" }).where(eq(staffUsers.id, first.user.id));
    expect(await signIn(anna({ roles: "tv-admin" }), { now: at(MINUTE) })).toEqual({ ok: false, reason: "deactivated" });
  });

  it("an account an admin approved keeps its role while the claim grants none", async () => {
    expect((await signIn(anna())).ok).toBe(false);
    await db.update(staffUsers).set({ active: true, role: "admin", ssoAccess: "admin" }).where(eq(staffUsers.ssoSubject, "a-111"));
    expect(signedIn(await signIn(anna(), { now: at(MINUTE) })).user.role).toBe("admin");
  });
});

describe("without role mapping", () => {
  it("the role stays as the admin set it, whatever the claim says", async () => {
    expect((await signIn(anna({ roles: "tv-admin" }), { mapping: null })).ok).toBe(false);
    await db.update(staffUsers).set({ active: true, role: "staff", ssoAccess: "admin" }).where(eq(staffUsers.ssoSubject, "a-111"));
    const outcome = signedIn(await signIn(anna({ roles: "tv-admin" }), { mapping: null, now: at(MINUTE) }));
    expect(outcome.user.role).toBe("staff");
    expect(await audit("staff.sso_role_sync")).toHaveLength(0);
  });
});

describe("profile and session", () => {
  it("name and e-mail address follow the identity provider, audited", async () => {
    const first = signedIn(await signIn(anna({ roles: "tv-staff" })));
    const second = signedIn(await signIn(anna({ roles: "tv-staff", email: "anna.neu@musterstadt.example", name: "Anna Neu" }), { now: at(MINUTE) }));
    expect(second.user.id).toBe(first.user.id);
    expect(second.user).toMatchObject({ email: "anna.neu@musterstadt.example", name: "Anna Neu" });
    expect((await audit("staff.sso_profile_sync"))[0]).toMatchObject({
      before: { email: "anna@musterstadt.example", name: "Anna Admin" },
      after: { email: "anna.neu@musterstadt.example", name: "Anna Neu" },
    });
  });

  it("our own limits apply to the session: 30 minutes idle, 8 hours at most", async () => {
    const { sessionId } = signedIn(await signIn(anna({ roles: "tv-staff" })));
    expect(await resolveSession(db, sessionId, at(SESSION_IDLE_MS + MINUTE))).toBeNull();
    const { sessionId: busy } = signedIn(await signIn(anna({ roles: "tv-staff" }), { now: T0 }));
    for (let t = 20 * MINUTE; t <= SESSION_MAX_AGE_MS; t += 20 * MINUTE) expect(await resolveSession(db, busy, at(t))).not.toBeNull();
    expect(await resolveSession(db, busy, at(SESSION_MAX_AGE_MS + MINUTE))).toBeNull();
  });

  it("an account without a password cannot be signed into with one, not even with the dummy hash's password", async () => {
    const { user } = signedIn(await signIn(anna({ roles: "tv-admin" })));
    const context = { now: T0, secret: "s".repeat(40) };
    const dummyPassword = "no account has this password, it only costs the same time";
    for (const password of [dummyPassword, "anything at all"]) {
      expect(await attemptSignIn(db, { email: user.email, password, address: "192.0.2.1" }, context)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });

  it("createSession and the SSO sign-in write the same kind of row", async () => {
    const { user, sessionId } = signedIn(await signIn(anna({ roles: "tv-staff" })));
    const manual = await createSession(db, user.id, T0);
    const rows = await db.select().from(staffSessions);
    expect(rows.map((row) => row.id).sort()).toEqual([sessionId, manual].sort());
    expect((await db.select().from(staffUsers).where(eq(staffUsers.id, user.id)))[0]!.lastLoginAt).toEqual(T0);
  });
});

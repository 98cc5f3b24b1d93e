import { isPostgres } from "@/db/engine";
import { rawRows } from "@/lib/testing/raw-sql";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiKeys, auditLog } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { authenticateApiKey, findApiKey, issueApiKey, LAST_USED_INTERVAL_MS, listApiKeys, revokeApiKey } from "./api-keys";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  admin = await signedInAccess(fixture.context, "admin");
});
afterEach(() => fixture.cleanup());

const db = () => fixture.db;
const at = (offsetMs: number) => new Date(TEST_NOW.getTime() + offsetMs);
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const row = async (id: number) => (await db().select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!;
const auditFor = async (id: number) => (await db().select().from(auditLog).where(eq(auditLog.entityId, String(id)))).filter((entry) => entry.entityType === "api_key");
/**
 * Unchanged across a call means the call wrote nothing. SQLite: every write on the connection so far. PostgreSQL: the
 * row versions of the tables a key check could write (an UPDATE gives a row a new xmin) and the audit entries.
 */
const totalChanges = async () =>
  isPostgres
    ? JSON.stringify(await rawRows(db(), sql`select (select string_agg(xmin::text, ',' order by id) from api_keys) as keys, (select count(*) from audit_log) as audit`))
    : (db().$client.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
const errorCode = async (run: () => unknown) => {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("the call was not refused");
};

describe("issuing a key", () => {
  it("returns a tv_ key once and stores only its SHA-256, the prefix and who issued it when", async () => {
    const { key, record } = await issueApiKey(admin, { label: "  Bürgerportal Musterstadt " });
    expect(key).toMatch(/^tv_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ label: "Bürgerportal Musterstadt", keyPrefix: key.slice(3, 11), createdByUserId: admin.user.id, revokedAt: null, lastUsedAt: null });
    expect(record.createdAt).toEqual(TEST_NOW);
    expect(record).not.toHaveProperty("keyHash");
    const stored = await row(record.id);
    expect(stored.keyHash).toBe(sha256(key));
    expect(Object.values(stored)).not.toContain(key);
  });

  it("gives every key its own random value", async () => {
    const first = await issueApiKey(admin, { label: "Callcenter" });
    const second = await issueApiKey(admin, { label: "Callcenter" });
    expect(first.key).not.toBe(second.key);
    expect((await row(first.record.id)).keyHash).not.toBe((await row(second.record.id)).keyHash);
  });

  // The bytes on disk are SQLite's file; PostgreSQL's are the server's (the column holds only the hash on both).
  it.skipIf(isPostgres)("leaves the key itself nowhere in the database file or its write-ahead log", async () => {
    const { key } = await issueApiKey(admin, { label: "Portal-Dateiprobe" });
    const bytes = [fixture.databasePath, `${fixture.databasePath}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString("latin1"))
      .join("\n");
    // The label is found, so the bytes read do hold what was just written.
    expect(bytes).toContain("Portal-Dateiprobe");
    expect(bytes).not.toContain(key);
    // Nor the secret part after the displayed prefix, in case it were stored without `tv_`.
    expect(bytes).not.toContain(key.slice(11));
  });

  it("audits the issue with label and prefix, never the key or its hash", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Callcenter Nord" });
    const [entry, ...more] = await auditFor(record.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: "api_key.issue", actorUserId: admin.user.id, after: { label: "Callcenter Nord", keyPrefix: record.keyPrefix, status: "active" } });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(key.slice(3));
    expect(text).not.toContain(sha256(key));
  });

  it.each([
    { label: "", error: "label_required" },
    { label: "   ", error: "label_required" },
    { label: "ab", error: "label_too_short" },
    { label: "x".repeat(81), error: "label_too_long" },
    { label: "Portal\nNord", error: "label_invalid" },
  ])("refuses a label with $error, and stores nothing", async ({ label, error }) => {
    let thrown: unknown;
    try {
      await issueApiKey(admin, { label });
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).fieldErrors).toEqual({ label: [error] });
    expect(await db().select().from(apiKeys)).toEqual([]);
  });

  it("accepts labels of exactly 3 and 80 characters", async () => {
    expect((await issueApiKey(admin, { label: "abc" })).record.label).toBe("abc");
    expect((await issueApiKey(admin, { label: "y".repeat(80) })).record.label).toHaveLength(80);
  });
});

describe("authenticating a key", () => {
  it("finds the client for an active key", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Bürgerportal" });
    expect(await authenticateApiKey(db(), key, TEST_NOW)).toEqual({ id: record.id, label: "Bürgerportal" });
  });

  it("refuses unknown keys of the right shape", async () => {
    const { key } = await issueApiKey(admin, { label: "Bürgerportal" });
    const lastCharacter = key.at(-1) === "A" ? "B" : "A";
    expect(await authenticateApiKey(db(), `${key.slice(0, -1)}${lastCharacter}`, TEST_NOW)).toBeNull();
    expect(await authenticateApiKey(db(), `tv_${"A".repeat(43)}`, TEST_NOW)).toBeNull();
  });

  it.each([
    { name: "empty", value: () => "" },
    { name: "the prefix alone", value: () => "tv_" },
    { name: "without the prefix", value: (key: string) => key.slice(3) },
    { name: "another prefix", value: (key: string) => `tx_${key.slice(3)}` },
    { name: "one character short", value: (key: string) => key.slice(0, -1) },
    { name: "one character more", value: (key: string) => `${key}A` },
    { name: "with a space", value: (key: string) => ` ${key}` },
    { name: "a character outside base64url", value: (key: string) => `${key.slice(0, -1)}=` },
    { name: "a megabyte", value: () => `tv_${"A".repeat(1_000_000)}` },
    { name: "not a string", value: () => undefined as unknown as string },
  ])("refuses malformed input: $name", async ({ value }) => {
    const { key } = await issueApiKey(admin, { label: "Bürgerportal" });
    expect(await authenticateApiKey(db(), value(key), TEST_NOW)).toBeNull();
  });

  it("refuses a revoked key from the moment it is revoked", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Altes Portal" });
    expect(await authenticateApiKey(db(), key, TEST_NOW)).not.toBeNull();
    await revokeApiKey(admin, record.id);
    expect(await authenticateApiKey(db(), key, TEST_NOW)).toBeNull();
    expect(await authenticateApiKey(db(), key, at(LAST_USED_INTERVAL_MS * 10))).toBeNull();
  });

  it("records the last use at most once a minute, without a write in between", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Callcenter" });
    await authenticateApiKey(db(), key, TEST_NOW);
    expect((await row(record.id)).lastUsedAt).toEqual(TEST_NOW);

    const before = await totalChanges();
    expect(await authenticateApiKey(db(), key, at(30_000))).not.toBeNull();
    expect(await authenticateApiKey(db(), key, at(LAST_USED_INTERVAL_MS - 1))).not.toBeNull();
    expect(await totalChanges()).toBe(before);
    expect((await row(record.id)).lastUsedAt).toEqual(TEST_NOW);

    await authenticateApiKey(db(), key, at(LAST_USED_INTERVAL_MS));
    expect((await row(record.id)).lastUsedAt).toEqual(at(LAST_USED_INTERVAL_MS));
    await authenticateApiKey(db(), key, at(LAST_USED_INTERVAL_MS + 59_000));
    expect((await row(record.id)).lastUsedAt).toEqual(at(LAST_USED_INTERVAL_MS));
  });

  it("does not move the last use back for a request stamped earlier", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Callcenter" });
    await authenticateApiKey(db(), key, at(5 * 60_000));
    await authenticateApiKey(db(), key, TEST_NOW);
    expect((await row(record.id)).lastUsedAt).toEqual(at(5 * 60_000));
  });

  it("writes nothing for refused keys", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Altes Portal" });
    await revokeApiKey(admin, record.id);
    const before = await totalChanges();
    await authenticateApiKey(db(), key, TEST_NOW);
    await authenticateApiKey(db(), `tv_${"A".repeat(43)}`, TEST_NOW);
    expect(await totalChanges()).toBe(before);
    expect((await row(record.id)).lastUsedAt).toBeNull();
  });
});

describe("revoking a key", () => {
  it("marks the key revoked now and audits it without the key", async () => {
    const { key, record } = await issueApiKey(admin, { label: "Callcenter Süd" });
    const revoked = await revokeApiKey(admin, record.id);
    expect(revoked.revokedAt).toEqual(TEST_NOW);
    expect(revoked).not.toHaveProperty("keyHash");
    const entry = (await auditFor(record.id)).find((candidate) => candidate.action === "api_key.revoke");
    expect(entry).toMatchObject({
      actorUserId: admin.user.id,
      before: { label: "Callcenter Süd", keyPrefix: record.keyPrefix, status: "active" },
      after: { label: "Callcenter Süd", keyPrefix: record.keyPrefix, status: "revoked" },
    });
    expect(JSON.stringify(entry)).not.toContain(key.slice(3));
    expect(JSON.stringify(entry)).not.toContain(sha256(key));
  });

  it("changes nothing when revoked twice", async () => {
    const { record } = await issueApiKey(admin, { label: "Callcenter" });
    const first = await revokeApiKey(admin, record.id);
    // An hour later, by the same admin signed in again: the first revocation's time stays.
    const anHourLater = await signedInAccess({ ...fixture.context, now: () => at(3_600_000) }, "admin");
    expect(await revokeApiKey(anHourLater, record.id)).toEqual(first);
    expect(await revokeApiKey(admin, record.id)).toEqual(first);
    expect((await row(record.id)).revokedAt).toEqual(TEST_NOW);
    expect((await auditFor(record.id)).map((entry) => entry.action)).toEqual(["api_key.issue", "api_key.revoke"]);
  });

  it("answers not found for an unknown id", async () => {
    await expect((async () => revokeApiKey(admin, 999_999))()).rejects.toThrow(NotFoundError);
  });
});

describe("listing keys", () => {
  it("shows every key, newest first, with who issued it and never a hash", async () => {
    const first = await issueApiKey(admin, { label: "Bürgerportal" });
    const second = await issueApiKey(admin, { label: "Callcenter" });
    await revokeApiKey(admin, first.record.id);
    const list = await listApiKeys(admin);
    expect(list.map((key) => key.label)).toEqual(["Callcenter", "Bürgerportal"]);
    expect(list[0]).toMatchObject({ id: second.record.id, createdByName: admin.user.name, revokedAt: null });
    expect(list[1]!.revokedAt).toEqual(TEST_NOW);
    for (const key of list) expect(key).not.toHaveProperty("keyHash");
    expect(await findApiKey(admin, second.record.id)).toMatchObject({ label: "Callcenter" });
    expect(await findApiKey(admin, 999_999)).toBeNull();
  });
});

describe("who may manage keys", () => {
  it("refuses staff without the admin role, and writes nothing", async () => {
    const { record } = await issueApiKey(admin, { label: "Bürgerportal" });
    const clerk = await signedInAccess(fixture.context, "staff");
    expect(await errorCode(async () => issueApiKey(clerk, { label: "Eigenes Portal" }))).toBe("forbidden");
    expect(await errorCode(async () => listApiKeys(clerk))).toBe("forbidden");
    expect(await errorCode(async () => findApiKey(clerk, record.id))).toBe("forbidden");
    expect(await errorCode(async () => revokeApiKey(clerk, record.id))).toBe("forbidden");
    expect(await db().select().from(apiKeys)).toHaveLength(1);
    expect((await row(record.id)).revokedAt).toBeNull();
  });

  it("refuses an access that was not granted for a session", async () => {
    const forged = { ...admin } as StaffAccess;
    expect(await errorCode(async () => issueApiKey(forged, { label: "Gefälscht" }))).toBe("unauthenticated");
  });
});

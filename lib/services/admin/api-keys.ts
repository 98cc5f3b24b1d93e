/**
 * API keys for trusted clients of the public JSON API (a town's citizen portal, a call-centre tool): a client that
 * presents an active key books without the proof-of-work challenge anonymous clients solve. Admins issue and revoke
 * keys; the API checks them with `authenticateApiKey`, the one unguarded function here.
 *
 * A key is `tv_` + 32 random bytes (base64url). It is shown once, when issued, and only its SHA-256 is stored: with 256
 * random bits a plain, unsalted hash is enough (nothing to guess, no dictionary), and it lets the API find a key by an
 * indexed lookup instead of comparing secrets. Neither the key nor its hash goes into the audit log.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { apiKeys, staffUsers, type ApiKey } from "@/db/schema";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import { apiKeyIssueSchema, type ApiKeyIssueFormInput } from "@/lib/validation/api-keys";
import { recordAudit } from "../audit";
import { inWriteTransaction } from "@/db/transaction";

/** Tells a Terminvergabe key apart from other secrets (in logs, secret scanners, a client's configuration). */
export const API_KEY_PREFIX = "tv_";
/** Characters after `tv_` stored in clear to recognise a key in the list: 48 of its 256 bits, the rest stays secret. */
export const API_KEY_PREFIX_LENGTH = 8;
const KEY_BYTES = 32;
/** Exactly what `issueApiKey` hands out: anything else is refused before it is hashed or looked up. */
const KEY_PATTERN = /^tv_[A-Za-z0-9_-]{43}$/;
/** How stale "last used" may be: precise enough to see whether a client still uses its key, without a write per request. */
export const LAST_USED_INTERVAL_MS = 60_000;

/** A key as the admin page sees it: never the hash. */
export type ApiKeyRecord = Omit<ApiKey, "keyHash">;
export type ApiKeyListItem = ApiKeyRecord & { createdByName: string | null };
export type AuthenticatedApiClient = { id: number; label: string };

const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

const publicView = ({ keyHash: _omitted, ...record }: ApiKey): ApiKeyRecord => record;

/** What the audit log keeps of a key: enough to recognise it, nothing to use it. */
const auditView = (key: Pick<ApiKey, "label" | "keyPrefix" | "revokedAt">) => ({
  label: key.label,
  keyPrefix: key.keyPrefix,
  status: key.revokedAt ? "revoked" : "active",
});

const recordColumns = {
  id: apiKeys.id,
  label: apiKeys.label,
  keyPrefix: apiKeys.keyPrefix,
  createdAt: apiKeys.createdAt,
  createdByUserId: apiKeys.createdByUserId,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

/** Newest first: the key just issued is at the top, next to the form. */
export async function listApiKeys(access: StaffAccess): Promise<ApiKeyListItem[]> {
  const { db } = authorize(access, "admin");
  return await db
    .select({ ...recordColumns, createdByName: staffUsers.name })
    .from(apiKeys)
    .leftJoin(staffUsers, eq(staffUsers.id, apiKeys.createdByUserId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function findApiKey(access: StaffAccess, id: number): Promise<ApiKeyRecord | null> {
  const { db } = authorize(access, "admin");
  return (await db.select(recordColumns).from(apiKeys).where(eq(apiKeys.id, id)))[0] ?? null;
}

/**
 * Issues a key. The returned `key` exists only in this result: the caller shows it once and forgets it; nothing can
 * recover it later (a lost key is revoked and replaced).
 */
export async function issueApiKey(access: StaffAccess, input: ApiKeyIssueFormInput): Promise<{ key: string; record: ApiKeyRecord }> {
  const { db, actor, now } = authorize(access, "admin");
  const parsed = apiKeyIssueSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("invalid api key", fieldErrorsFrom(parsed.error));
  const secret = randomBytes(KEY_BYTES).toString("base64url");
  const key = `${API_KEY_PREFIX}${secret}`;
  const record = await inWriteTransaction(db, async (tx) => {
    const created = (await tx
      .insert(apiKeys)
      .values({
        label: parsed.data.label,
        keyHash: hashApiKey(key),
        keyPrefix: secret.slice(0, API_KEY_PREFIX_LENGTH),
        createdAt: now(),
        createdByUserId: actor.userId,
      })
      .returning())[0]!;
    await recordAudit(tx, actor, { action: "api_key.issue", entityType: "api_key", entityId: created.id, after: auditView(created) });
    return publicView(created);
  });
  return { key, record };
}

/**
 * Revokes a key at once: the next request with it is treated as anonymous. Revoking a revoked key changes nothing
 * (a second click, two admins at once) and writes no second audit entry. A key is never deleted, so the list and the
 * audit log still show who held it.
 */
export async function revokeApiKey(access: StaffAccess, id: number): Promise<ApiKeyRecord> {
  const { db, actor, now } = authorize(access, "admin");
  return inWriteTransaction(db, async (tx) => {
    const existing = await loadForUpdate(tx, id);
    if (existing.revokedAt) return publicView(existing);
    const revoked = (await tx.update(apiKeys).set({ revokedAt: now() }).where(eq(apiKeys.id, id)).returning())[0]!;
    await recordAudit(tx, actor, { action: "api_key.revoke", entityType: "api_key", entityId: id, before: auditView(existing), after: auditView(revoked) });
    return publicView(revoked);
  });
}

/**
 * The client behind a presented key, or null for a malformed, unknown or revoked one. Not guarded: the API calls it
 * for anonymous requests, and the key is the credential.
 *
 * Timing reveals nothing useful: the key is hashed first and looked up by its hash, so the database compares hashes
 * of the attacker's own input, never the stored secret against guesses. Malformed input is refused before any
 * lookup, which also bounds what gets hashed.
 *
 * "Last used" is written at most once per LAST_USED_INTERVAL_MS. The update is one statement whose condition repeats
 * the check, so concurrent requests in several processes write it once, without a read-then-write transaction.
 */
export async function authenticateApiKey(db: DbOrTransaction, presentedKey: string, now: Date): Promise<AuthenticatedApiClient | null> {
  if (typeof presentedKey !== "string" || !KEY_PATTERN.test(presentedKey)) return null;
  // Runs on every request with a key (each API booking of a portal): prepared once per connection (db/prepared.ts).
  const [found] = await preparedOnce(db, "api-key-by-hash", (d) =>
    d
      .select({ id: apiKeys.id, label: apiKeys.label, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, sql.placeholder("keyHash")))
      .prepare(),
  ).execute({ keyHash: hashApiKey(presentedKey) });
  if (!found || found.revokedAt) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
  if (!found.lastUsedAt || found.lastUsedAt <= staleBefore) {
    await inWriteTransaction(db, (tx) => tx.update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, found.id), or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, staleBefore)))));
  }
  return { id: found.id, label: found.label };
}

// ---------------------------------------------------------------------------------------------------------------

async function loadForUpdate(tx: DbTransaction, id: number): Promise<ApiKey> {
  const key = (await tx.select().from(apiKeys).where(eq(apiKeys.id, id)))[0];
  if (!key) throw new NotFoundError("api key");
  return key;
}

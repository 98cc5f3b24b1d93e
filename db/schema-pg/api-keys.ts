import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, instant } from "./_columns";
import { staffUsers } from "./staff-users";

/**
 * Keys an administrator issues to trusted API clients (a town's citizen portal, a call-centre tool), so they can book
 * through the public JSON API without the proof-of-work challenge anonymous clients solve (lib/services/admin/api-keys.ts).
 *
 * Only the SHA-256 of a key is stored: the key is 256 random bits, so a plain hash cannot be reversed, and a copy of
 * the database does not let anyone book as the client. Lookup is by the unique hash, so checking a key compares no
 * secret byte by byte. `keyPrefix` (the first characters after `tv_`) lets an admin tell keys apart in the list; it
 * is too short to help guess the rest. A key is never deleted, only revoked, so the audit log keeps pointing at it.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    label: text().notNull(),
    /** Hex SHA-256 of the whole key, `tv_` included. */
    keyHash: text().notNull().unique(),
    keyPrefix: text().notNull(),
    createdAt: createdAt(),
    createdByUserId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    revokedAt: instant(),
    /** Kept to the minute: writing it on every request would turn each API call into a write. */
    lastUsedAt: instant(),
  },
  (t) => [index("api_keys_created_by_idx").on(t.createdByUserId)],
);

export type ApiKey = typeof apiKeys.$inferSelect;

import { inWriteTransaction } from "@/db/transaction";
import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTransaction } from "../client";
import { revisionStamp, StampedCache } from "../revisions";
import { settings, type Settings } from "../schema";

const settingsCache = new StampedCache<Settings | undefined>(4);

/** The single settings row; created with defaults if a fresh database has none yet. Cached under the capacity counter. */
export async function getSettings(db: DbOrTransaction): Promise<Settings> {
  const row = await settingsCache.getOrCompute("settings", await revisionStamp(db, ["capacity"]), async () => (await db.select().from(settings).where(eq(settings.id, 1)))[0]);
  if (row) return row;
  const created = await inWriteTransaction(db, async (tx) => (await tx.insert(settings).values({ id: 1 }).onConflictDoNothing().returning())[0]);
  return created ?? (await db.select().from(settings).where(eq(settings.id, 1)))[0]!;
}

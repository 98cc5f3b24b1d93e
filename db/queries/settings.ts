import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTransaction } from "../client";
import { revisionStamp, StampedCache } from "../revisions";
import { settings, type Settings } from "../schema";

const settingsCache = new StampedCache<Settings | undefined>(4);

/** The single settings row; created with defaults if a fresh database has none yet. Cached under the capacity counter. */
export function getSettings(db: DbOrTransaction): Settings {
  const row = settingsCache.getOrCompute("settings", revisionStamp(db, ["capacity"]), () => db.select().from(settings).where(eq(settings.id, 1)).get());
  if (row) return row;
  return db.insert(settings).values({ id: 1 }).onConflictDoNothing().returning().get() ?? db.select().from(settings).where(eq(settings.id, 1)).get()!;
}

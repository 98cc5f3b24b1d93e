import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTransaction } from "../client";
import { settings, type Settings } from "../schema";

/** The single settings row; created with defaults if a fresh database has none yet. */
export function getSettings(db: DbOrTransaction): Settings {
  const row = db.select().from(settings).where(eq(settings.id, 1)).get();
  if (row) return row;
  return db.insert(settings).values({ id: 1 }).onConflictDoNothing().returning().get() ?? db.select().from(settings).where(eq(settings.id, 1)).get()!;
}

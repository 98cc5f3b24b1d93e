import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTransaction } from "../client";
import { emailOutbox, type OutboxMessage } from "../schema";

export function listRecentOutbox(db: DbOrTransaction, limit = 50): OutboxMessage[] {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(limit).all();
}

export function findOutboxMessage(db: DbOrTransaction, id: number): OutboxMessage | undefined {
  return db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();
}

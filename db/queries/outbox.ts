import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTransaction } from "../client";
import { emailOutbox, type OutboxMessage } from "../schema";

export async function listRecentOutbox(db: DbOrTransaction, limit = 50): Promise<OutboxMessage[]> {
  return await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(limit);
}

export async function findOutboxMessage(db: DbOrTransaction, id: number): Promise<OutboxMessage | undefined> {
  return (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
}

import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { auditLog } from "@/db/schema";
import { ValidationError } from "@/lib/errors";

/** The field errors an admin service refuses input with; fails the test when it throws anything else or nothing. */
export async function fieldErrorsOf(run: () => unknown): Promise<Record<string, string[]>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

/** The audit entries of one action, oldest first. */
export async function auditEntriesOf(db: AppDatabase, action: string) {
  return await db.select().from(auditLog).where(eq(auditLog.action, action));
}

import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { auditLog } from "@/db/schema";
import { ValidationError } from "@/lib/errors";

/** The field errors an admin service refuses input with; fails the test when it throws anything else or nothing. */
export function fieldErrorsOf(run: () => unknown): Record<string, string[]> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

/** The audit entries of one action, oldest first. */
export function auditEntriesOf(db: AppDatabase, action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action)).all();
}

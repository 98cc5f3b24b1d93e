import "server-only";
import { currentStaff, hasRole } from "@/lib/auth/staff";

/** Ids in a path are looked up, never trusted: anything but digits is treated as "no such record" (404). */
export function parseRecordId(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * Metadata is resolved alongside the page, possibly before its guard has run: only an admin gets a title naming the
 * record (an inactive concern's name is not public), everyone else a generic one.
 */
export async function isAdminViewer(): Promise<boolean> {
  const staff = await currentStaff();
  return staff !== null && hasRole(staff.user, "admin");
}

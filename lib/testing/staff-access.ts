import { eq } from "drizzle-orm";
import { staffUsers } from "@/db/schema";
import { createSession } from "@/lib/auth/sessions";
import { grantStaffAccess, type StaffAccess } from "@/lib/auth/staff-access";
import type { StaffRole } from "@/lib/domain/enums";
import type { ServiceContext } from "@/lib/services/context";

/**
 * A signed-in staff member for service tests, made the way the app makes one: a session row for an account, granted
 * through `grantStaffAccess`. Uses the seeded demo account of that role, or creates one on an unseeded database.
 */
export async function signedInAccess(context: ServiceContext, role: StaffRole = "admin"): Promise<StaffAccess> {
  const now = context.now();
  const existing = (await context.db.select().from(staffUsers).where(eq(staffUsers.role, role)))[0];
  const user =
    existing ??
    (await context.db
      .insert(staffUsers)
      .values({ email: `${role}-${now.getTime()}@musterstadt.example`, name: `Test ${role}`, role, passwordHash: "not-a-usable-hash", active: true })
      .returning())[0]!;
  const access = await grantStaffAccess(context, await createSession(context.db, user.id, now));
  if (!access) throw new Error("the test account could not be signed in");
  return access;
}

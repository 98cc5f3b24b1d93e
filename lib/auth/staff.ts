import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { StaffRole } from "@/lib/domain/enums";
import { appContext } from "@/lib/services/context";
import { auth } from "./auth";
import { grantStaffAccess, hasRole, type StaffAccess } from "./staff-access";

/** The signed-in staff member's access for this request, checked against the session table; null when signed out. */
export async function currentStaffAccess(): Promise<StaffAccess | null> {
  const session = await auth();
  const sessionId = session?.sessionId;
  if (!sessionId) return null;
  return grantStaffAccess(await appContext(), sessionId);
}

/**
 * For pages: signed out → the sign-in page, with the way back; wrong role → 403. The proxy (proxy.ts) normally
 * answered signed-out requests already; this holds when it did not, and the services check again (staff-access.ts).
 */
export async function requireStaffPage(role: StaffRole = "staff"): Promise<StaffAccess> {
  const access = await currentStaffAccess();
  if (!access) {
    const returnTo = (await headers()).get("x-request-path") ?? "/staff";
    redirect(`/staff/login?weiter=${encodeURIComponent(returnTo)}`);
  }
  if (!hasRole(access.user, role)) forbidden();
  return access;
}

/** For metadata that names a record: the access if signed in with `role`, else null (a generic title then). */
export async function staffAccessWithRole(role: StaffRole): Promise<StaffAccess | null> {
  const access = await currentStaffAccess();
  return access && hasRole(access.user, role) ? access : null;
}

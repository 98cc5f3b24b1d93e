import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { StaffRole } from "@/lib/domain/enums";
import type { Actor } from "@/lib/services/audit";
import { withoutSecrets, type PublicStaffUser } from "@/lib/services/staff-accounts";
import { auth } from "./auth";
import { resolveSession } from "./sessions";
import { now } from "@/lib/clock";

export type StaffContext = { user: PublicStaffUser; sessionId: string; actor: Actor };

/** The signed-in staff member, checked against the session table on every call; null when signed out or expired. */
export async function currentStaff(): Promise<StaffContext | null> {
  const session = await auth();
  const sessionId = session?.sessionId;
  if (!sessionId) return null;
  const user = resolveSession(getDb(), sessionId, now());
  if (!user) return null;
  return { user: withoutSecrets(user), sessionId, actor: { userId: user.id, label: user.email } };
}

export function hasRole(user: PublicStaffUser, role: StaffRole): boolean {
  return role === "staff" || user.role === "admin";
}

/** For pages: signed out → sign-in page (and back afterwards); wrong role → 403. */
export async function requireStaff(role: StaffRole = "staff", returnTo?: string): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect(`/staff/login${returnTo ? `?weiter=${encodeURIComponent(returnTo)}` : ""}`);
  if (!hasRole(staff.user, role)) forbidden();
  return staff;
}

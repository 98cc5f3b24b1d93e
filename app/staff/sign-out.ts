"use server";

import { signOut } from "@/lib/auth/auth";
import { deleteSession } from "@/lib/auth/sessions";
import { currentStaffAccess } from "@/lib/auth/staff";

/** Ends the session on the server too, so the old cookie is worthless even if someone kept a copy. */
export async function signOutAction(): Promise<void> {
  const access = await currentStaffAccess();
  if (access) await deleteSession(access.db, access.sessionId);
  await signOut({ redirectTo: "/staff/login?abgemeldet=1" });
}

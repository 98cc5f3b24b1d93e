"use server";

import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { deleteSession } from "@/lib/auth/sessions";
import { currentStaff } from "@/lib/auth/staff";

/** Ends the session on the server too, so the old cookie is worthless even if someone kept a copy. */
export async function signOutAction(): Promise<void> {
  const staff = await currentStaff();
  if (staff) deleteSession(getDb(), staff.sessionId);
  await signOut({ redirectTo: "/staff/login?abgemeldet=1" });
}

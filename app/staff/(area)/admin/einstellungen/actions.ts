"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/staff-action";
import { updateSettings } from "@/lib/services/admin/settings";
import { settingsSchema, type SettingsInput } from "@/lib/validation/admin-catalogue";

/*
 * Admin-only: staffAction checks the session and the admin role on every call; the service validates again and
 * writes in one transaction with its audit entry.
 */
export const updateSettingsAction = staffAction("admin", settingsSchema, async (_input, access, raw) => {
  await updateSettings(access, raw as SettingsInput);
  // The office name and contact phone appear in every layout (titles, error messages): refresh them all.
  revalidatePath("/", "layout");
  redirect("/staff/admin/einstellungen?hinweis=gespeichert");
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/staff-action";
import { createLocation, updateLocation } from "@/lib/services/admin/locations";
import { fromFormData, locationSchema, withRecordId, type LocationInput } from "@/lib/validation/admin-catalogue";

/*
 * Admin-only: staffAction checks the session and the admin role on every call; the service validates again and
 * writes in one transaction with its audit entry. Each success redirects, so a reload never posts twice.
 */

const LOCATIONS = "/staff/admin/standorte";

function posted(raw: Record<string, string | string[]>): LocationInput {
  const { id: _id, ...fields } = raw;
  return fields as LocationInput;
}

export const createLocationAction = staffAction("admin", fromFormData(locationSchema), async (_input, access, raw) => {
  await createLocation(access, posted(raw));
  revalidatePath(LOCATIONS, "layout");
  redirect(`${LOCATIONS}?hinweis=angelegt`);
});

export const updateLocationAction = staffAction("admin", withRecordId(locationSchema), async (input, access, raw) => {
  await updateLocation(access, input.id, posted(raw));
  revalidatePath(LOCATIONS, "layout");
  redirect(`${LOCATIONS}?hinweis=gespeichert`);
});

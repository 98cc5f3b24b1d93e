"use server";

import { cookies } from "next/headers";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/staff-action";
import { setCounterConcerns, updateQueueSettings } from "@/lib/services/admin/queue-settings";
import { issueKioskKey, KIOSK_COOKIE, revokeKioskKeys } from "@/lib/services/queue/kiosk-device";
import { counterConcernsSchema, locationOnlySchema, queueSettingsSchema } from "@/lib/validation/queue";

/** A kiosk tablet keeps its key for as long as browsers allow a cookie to live. */
const KIOSK_KEY_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

export const saveQueueSettingsAction = staffAction("admin", queueSettingsSchema, async (input, access) => {
  await updateQueueSettings(access, input);
  refresh();
  return { status: "success", data: { locationId: input.locationId } };
});

export const saveCounterConcernsAction = staffAction("admin", counterConcernsSchema, async (input, access) => {
  await setCounterConcerns(access, input);
  refresh();
  return { status: "success", data: { locationId: input.locationId, counter: input.counter } };
});

/** Makes the device the admin is using the kiosk of a location (its key lives only in this device's cookie). */
export const setUpKioskAction = staffAction("admin", locationOnlySchema, async (input, access) => {
  const { value, location } = await issueKioskKey(access, input.locationId);
  (await cookies()).set(KIOSK_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    path: "/kiosk",
    secure: access.publicUrl.startsWith("https:"),
    maxAge: KIOSK_KEY_MAX_AGE_SECONDS,
  });
  redirect(`/kiosk/${location.slug}`);
});

export const revokeKiosksAction = staffAction("admin", locationOnlySchema, async (input, access) => {
  await revokeKioskKeys(access, input.locationId);
  refresh();
  return { status: "success", data: { locationId: input.locationId } };
});

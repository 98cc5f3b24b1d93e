"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { findLocationBySlug } from "@/db/queries/locations";
import { parseSelection } from "@/lib/booking-flow/selection";
import { kickOutbox } from "@/lib/services/background-jobs";
import { offerTimeByStaff } from "@/lib/services/waiting-list/offers";

const offerSchema = z.object({ eintrag: z.coerce.number().int().positive(), standort: z.string().max(100), zeit: z.string().max(40) });

export const offerByHandAction = staffAction("staff", offerSchema, async (input, access) => {
  const time = parseSelection({ zeit: input.zeit }).time;
  const location = await findLocationBySlug(access.db, input.standort);
  if (!time || !location) return { status: "error", code: "validation", fieldErrors: { zeit: ["time_invalid"] }, values: {}, details: {} };
  await offerTimeByStaff(access, { entryId: input.eintrag, locationId: location.id, startsAt: time });
  kickOutbox();
  redirect(`/staff/warteliste?standort=${location.slug}&angeboten=1`);
});

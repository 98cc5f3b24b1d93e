"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { kickOutbox } from "@/lib/services/background-jobs";
import { confirmHeldBooking } from "@/lib/services/booking-confirmation";
import { appContext } from "@/lib/services/context";

const confirmationTokenField = z.string().regex(/^\d{1,12}\.[A-Za-z0-9_-]{43}$/);

/** The POST behind the confirmation page: the link in the mail only shows the page (mail scanners follow links). */
export const confirmBookingAction = publicAction(z.object({ token: confirmationTokenField }), async (input) => {
  const { manageToken } = await confirmHeldBooking(await appContext(), input.token);
  kickOutbox();
  redirect(`/termin/verwalten/${manageToken}?gebucht=1`);
});

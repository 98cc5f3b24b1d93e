"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/staff-action";
import { kickOutbox } from "@/lib/services/background-jobs";
import { resendConfirmation } from "@/lib/services/staff/undelivered";
import { resendEmailSchema } from "@/lib/validation/resend-email";

/** Queues the confirmation again with a fresh manage link and sends it right away; back to the list with a notice. */
export const resendEmailAction = staffAction("staff", resendEmailSchema, async (input, access) => {
  await resendConfirmation(access, input.outboxId, { correctedEmail: input.email });
  kickOutbox();
  redirect("/staff/nicht-zugestellt?gesendet=1");
});

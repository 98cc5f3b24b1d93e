"use server";

import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { checkManageLinkFormProof } from "@/lib/booking-flow/form-proof";
import { getEnv } from "@/lib/env";
import { clientAddress } from "@/lib/request-info";
import { kickOutbox } from "@/lib/services/background-jobs";
import { appContext } from "@/lib/services/context";
import { sendManageLinkAgain } from "@/lib/services/manage-link";
import { BUDGETS, spendBudgets } from "@/lib/services/rate-limit";
import { normalizeReferenceCode } from "@/lib/booking-tokens";
import { citizenDetailsSchema } from "@/lib/validation/booking";

const MANAGE_LINK_PAGE = "/termin/link-anfordern";

/** Everything optional: what is missing or wrong is answered on the page, never by a bare error state. */
const requestSchema = z.object({
  nummer: z.string().max(100).optional(),
  email: z.string().max(400).optional(),
  nonce: z.string().max(100).optional(),
  ausgestellt: z.string().max(1_000).optional(),
});

/**
 * "Termin verwalten" without the link. The form is plain HTML on the home page and on its own page, so every outcome
 * is a redirect (post, redirect, get): errors to the form's page, and one answer for every well-formed request,
 * whether or not the pair exists. The lookup and the e-mail run after the response has gone (`after`), so it takes
 * the same time for a known and an unknown pair; the mail itself goes through the outbox.
 */
export const requestManageLink = publicAction(requestSchema, async (input) => {
  const referenceCode = normalizeReferenceCode(input.nummer ?? "");
  const email = citizenDetailsSchema.shape.email.safeParse(input.email ?? "");
  const invalid = [...(referenceCode ? [] : ["reference_invalid"]), ...(email.success ? [] : [email.error.issues[0]?.message ?? "email_invalid"])];
  if (invalid.length > 0) redirect(`${MANAGE_LINK_PAGE}?fehler=${invalid.join(",")}`);

  const context = await appContext();
  const proof = checkManageLinkFormProof(context, { nonce: input.nonce ?? "", issued: input.ausgestellt });
  if (!proof.ok) redirect(`${MANAGE_LINK_PAGE}?fehler=${proof.code}`);
  const limit = await spendBudgets(context.db, [BUDGETS.manageLinkRequest], { address: await clientAddress() }, { secret: context.secret, scale: getEnv().rateLimitScale });
  if (!limit.allowed) redirect(`${MANAGE_LINK_PAGE}?fehler=rate_limited&minuten=${Math.ceil(limit.retryAfterSeconds / 60)}`);

  after(async () => {
    try {
      await sendManageLinkAgain(context, { referenceCode: referenceCode!, email: email.data! });
      kickOutbox();
    } catch (error) {
      console.error("manage link request failed:", error instanceof Error ? error.name : "unknown");
    }
  });
  redirect(`${MANAGE_LINK_PAGE}?gesendet=1`);
});

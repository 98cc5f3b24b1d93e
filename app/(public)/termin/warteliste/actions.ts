"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/action-state";
import { errorState, publicAction } from "@/lib/actions/public-action";
import { checkBookingFormProof } from "@/lib/booking-flow/form-proof";
import { resolveSelection } from "@/lib/booking-flow/resolve";
import { parseSelection } from "@/lib/booking-flow/selection";
import { isValidLocalDate, localDateFromParts, type LocalDate } from "@/lib/domain/zoned-time";
import { getEnv } from "@/lib/env";
import { isAppError, ValidationError } from "@/lib/errors";
import { getLanguage } from "@/lib/i18n/server";
import { clientAddress } from "@/lib/request-info";
import { kickOutbox } from "@/lib/services/background-jobs";
import { appContext } from "@/lib/services/context";
import { BUDGETS, refundedWhenBusy, spendBudgets } from "@/lib/services/rate-limit";
import { confirmWaitingListEntry, leaveWaitingList, signUpForWaitingList } from "@/lib/services/waiting-list/entries";
import { acceptOffer, declineOffer } from "@/lib/services/waiting-list/offers";
import { citizenDetailsSchema } from "@/lib/validation/booking";

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** A date as the date field sends it (YYYY-MM-DD), or typed where the browser has no date field (TT.MM.JJJJ). */
function parseDate(value: string): LocalDate | null {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return isValidLocalDate(trimmed) ? trimmed : null;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  if (!german) return null;
  const date = localDateFromParts(Number(german[3]), Number(german[2]), Number(german[1]));
  return isValidLocalDate(date) ? date : null;
}

const signUpSchema = z.object({
  anliegen: z.string().max(2_000),
  name: citizenDetailsSchema.shape.name,
  email: citizenDetailsSchema.shape.email,
  standorte: z.union([z.string(), z.array(z.string())]).optional(),
  von: z.string().max(20),
  bis: z.string().max(20),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  altcha: z.string().max(4_000).optional(),
  ausgestellt: z.string().max(1_000).optional(),
});

const invalid = (fields: Record<string, string[]>, values: Record<string, string | string[]>): ActionState => ({
  status: "error",
  code: "validation",
  fieldErrors: fields,
  values,
  details: {},
});

/** The sign-up: the same proof of work and budgets as a booking protect it (many mails to one address are abuse too). */
export const signUpAction = publicAction(signUpSchema, async (input, raw) => {
  const context = await appContext();
  const resolved = await resolveSelection(context.db, parseSelection({ anliegen: input.anliegen }));
  if (resolved.problem || resolved.requested.length === 0) redirect("/termin");
  const slugs = [input.standorte ?? []].flat();
  const locations = resolved.locations.filter((l) => slugs.includes(l.slug));
  const from = parseDate(input.von);
  const to = parseDate(input.bis);
  const problems: Record<string, string[]> = {};
  if (locations.length === 0 || locations.length !== slugs.length) problems.standorte = ["locations"];
  if (!from) problems.von = ["from"];
  if (!to) problems.bis = ["to"];
  if (Object.keys(problems).length > 0) return invalid(problems, raw);

  const proof = await checkBookingFormProof(context, { nonce: input.nonce, altcha: input.altcha, issued: input.ausgestellt });
  // From here on the form's proof is spent: any answer but success comes with a fresh form (new nonce and challenge).
  refresh();
  if (!proof.ok) return { status: "error", code: proof.code, fieldErrors: {}, values: raw, details: {} };
  const budgets = proof.provedWork ? [BUDGETS.bookingPerHour, BUDGETS.bookingPerDay] : [BUDGETS.bookingPerHour, BUDGETS.bookingPerDay, BUDGETS.bookingWithoutChallenge];
  const spent = { budgets, client: { address: await clientAddress() }, scale: getEnv().rateLimitScale };
  const limit = await spendBudgets(context.db, spent.budgets, spent.client, { secret: context.secret, scale: spent.scale });
  if (!limit.allowed) {
    return { status: "error", code: "rate_limited", fieldErrors: {}, values: raw, details: { minutes: Math.ceil(limit.retryAfterSeconds / 60) } };
  }

  const language = await getLanguage();
  try {
    // Busy (nothing written): the budgets are given back for the fresh form's next try.
    await refundedWhenBusy(context.db, context.secret, [spent], () =>
      signUpForWaitingList(context, {
        name: input.name,
        email: input.email,
        language,
        items: resolved.requested,
        locationIds: locations.map((l) => l.id),
        fromDate: from!,
        toDate: to!,
      }),
    );
  } catch (error) {
    if (error instanceof ValidationError) {
      const fields = error.fieldErrors;
      return invalid({ ...(fields.fromDate ? { von: ["from"] } : {}), ...(fields.toDate ? { bis: ["to"] } : {}), ...(fields.locationIds ? { standorte: ["locations"] } : {}) }, raw);
    }
    if (isAppError(error) && error.code === "request_invalid") return invalid({ standorte: ["notOffered"] }, raw);
    if (isAppError(error) && error.details.reason === "waiting_list_limit") return invalid({ email: ["limit"] }, raw);
    return errorState(error, raw);
  }
  kickOutbox();
  redirect("/termin/warteliste?gesendet=1");
});

/** The POST behind the confirmation page: the link in the mail only shows the page (mail scanners follow links). */
export const confirmAction = publicAction(z.object({ token }), async (input) => {
  await confirmWaitingListEntry(await appContext(), input.token);
  redirect(`/termin/warteliste/bestaetigen/${input.token}?bestaetigt=1`);
});

export const leaveAction = publicAction(z.object({ token }), async (input) => {
  await leaveWaitingList(await appContext(), input.token);
  kickOutbox();
  redirect("/termin/warteliste/verlassen?fertig=1");
});

export const acceptAction = publicAction(z.object({ token }), async (input) => {
  await acceptOffer(await appContext(), input.token);
  kickOutbox();
  // The offer's token is the booking's manage link: its page confirms the booking.
  redirect(`/termin/verwalten/${input.token}?gebucht=1`);
});

export const declineAction = publicAction(z.object({ token, verlassen: z.literal("1").optional() }), async (input) => {
  await declineOffer(await appContext(), input.token, { leave: input.verlassen === "1" });
  kickOutbox();
  redirect(`/termin/warteliste/angebot/abgelehnt${input.verlassen === "1" ? "?verlassen=1" : ""}`);
});

"use server";

import { createHash } from "node:crypto";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionState } from "@/lib/actions/action-state";
import { errorState, publicAction } from "@/lib/actions/public-action";
import { clearDraft, readDraft, writeDraft } from "@/lib/booking-flow/draft";
import { checkBookingFormProof } from "@/lib/booking-flow/form-proof";
import { resolveSelection } from "@/lib/booking-flow/resolve";
import { parseSelection, selectionHref, type SelectedItem, type Selection } from "@/lib/booking-flow/selection";
import { STEP_PATH } from "@/lib/booking-flow/steps";
import { findBookableSlot } from "@/lib/domain/availability";
import { zonedToInstant, instantToZoned, addDays } from "@/lib/domain/zoned-time";
import { loadLocationSchedule } from "@/db/queries/locations";
import { getEnv } from "@/lib/env";
import { getLanguage } from "@/lib/i18n/server";
import { clientAddress } from "@/lib/request-info";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { kickOutbox } from "@/lib/services/background-jobs";
import { createBooking, rulesFrom } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";
import { BUDGETS, refundedWhenBusy, spendBudgets } from "@/lib/services/rate-limit";
import { citizenDetailsSchema, type BookingDraft } from "@/lib/validation/booking";
import { now } from "@/lib/clock";
import { isAppError } from "@/lib/errors";

/** Hidden fields carry the choices so far; they are re-validated, never trusted. */
const carried = z.object({ anliegen: z.string().optional(), standort: z.string().optional(), tag: z.string().optional(), zeit: z.string().optional() });
const selectionFrom = (values: Record<string, unknown>): Selection =>
  parseSelection({
    anliegen: values.anliegen as string | undefined,
    standort: values.standort as string | undefined,
    tag: values.tag as string | undefined,
    zeit: values.zeit as string | undefined,
  });

const fieldError = (field: string, message: string, values: Record<string, string | string[]>): ActionState => ({
  status: "error",
  code: "validation",
  fieldErrors: { [field]: [message] },
  values,
  details: {},
});

// Step 1: concerns and quantities --------------------------------------------------------------------------------

export const chooseConcerns = publicAction(z.object({}).passthrough(), async (_input, raw) => {
  const slugs = [raw.anliegen ?? []].flat();
  if (slugs.length === 0) return fieldError("concerns", "concerns_required", raw);
  const items: SelectedItem[] = slugs.map((slug) => ({ slug, quantity: Number(raw[`anzahl-${slug}`] ?? "1") }));
  // A location named by the link that led here (e.g. the town's page for one office) is kept if it offers them all.
  const { location: requestedLocation } = selectionFrom({ standort: typeof raw.standort === "string" ? raw.standort : undefined });
  const resolved = await resolveSelection(getDb(), { items, location: requestedLocation, date: null, time: null });
  if (resolved.problem?.code === "quantity_out_of_range") {
    const entry = resolved.catalogue.find((c) => c.id === (resolved.problem as { concernId: number }).concernId);
    return fieldError(`anzahl-${entry?.slug ?? ""}`, "quantity_invalid", raw);
  }
  if (resolved.problem || resolved.chosen.length !== items.length) return fieldError("concerns", "concerns_required", raw);
  if (resolved.locations.length === 0) return fieldError("concerns", "combination_unavailable", raw);
  redirect(resolved.location ? selectionHref(STEP_PATH.day, { items, location: resolved.location.slug }) : selectionHref(STEP_PATH.location, { items, location: null }));
});

// Step 2: location ------------------------------------------------------------------------------------------------

export const chooseLocation = publicAction(carried, async (input, raw) => {
  const selection = selectionFrom(input);
  const resolved = await resolveSelection(getDb(), selection);
  if (resolved.chosen.length === 0) redirect(STEP_PATH.concerns);
  if (!resolved.location || !selection.location) return fieldError("standort", "location_required", raw);
  redirect(selectionHref(STEP_PATH.day, { items: selection.items, location: resolved.location.slug }));
});

// Step 4: time (step 3, the day, is plain links) ------------------------------------------------------------------

export const chooseTime = publicAction(carried, async (input, raw) => {
  const selection = selectionFrom(input);
  if (!selection.time) return fieldError("zeit", "time_required", raw);
  const context = await appContext();
  const resolved = await resolveSelection(context.db, selection);
  if (resolved.problem || !resolved.location) redirect(selectionHref(STEP_PATH.concerns, selection));
  const location = resolved.location!;
  const day = instantToZoned(selection.time, location.timeZone).date;
  const schedule = await loadLocationSchedule(context.db, location, zonedToInstant(day, 0, location.timeZone), zonedToInstant(addDays(day, 1), 0, location.timeZone));
  const slot = findBookableSlot(
    {
      now: context.now(),
      schedule,
      rules: rulesFrom(resolved.settings),
      audience: "online",
      concernIds: resolved.requested.map((r) => r.concernId),
      durationMinutes: resolved.durationMinutes,
    },
    selection.time,
  );
  if (!slot) {
    // Show the page again with the times as they are now.
    refresh();
    return { status: "error", code: "slot_taken", fieldErrors: {}, values: raw, details: {} };
  }
  redirect(selectionHref(STEP_PATH.details, { ...selection, location: location.slug, date: day }));
});

// Step 5: the citizen's details -------------------------------------------------------------------------------------

export const saveDetails = publicAction(z.intersection(carried, citizenDetailsSchema), async (input) => {
  const selection = selectionFrom(input);
  await writeDraft(input, now());
  redirect(selectionHref(STEP_PATH.review, selection));
});

// Step 6: book --------------------------------------------------------------------------------------------------------

const confirmSchema = carried.extend({
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  // The proof of work from the widget (JavaScript), or the sealed time the form was shown (without).
  altcha: z.string().max(4_000).optional(),
  ausgestellt: z.string().max(1_000).optional(),
});

export const confirmBooking = publicAction(confirmSchema, async (input, raw) => {
    const context = await appContext();
    const selection = selectionFrom(input);
    const draft = await readDraft(context.now());
    if (!draft) redirect(selectionHref(STEP_PATH.details, selection, { abgelaufen: "1" }));
    const resolved = await resolveSelection(context.db, selection);
    if (resolved.problem || !resolved.location || !selection.time) redirect(selectionHref(STEP_PATH.concerns, selection));

    const proof = await checkBookingFormProof(context, { nonce: input.nonce, altcha: input.altcha, issued: input.ausgestellt });
    if (!proof.ok) {
      // A fresh form (new nonce and challenge) comes with the refreshed page.
      refresh();
      return { status: "error", code: proof.code, fieldErrors: {}, values: raw, details: {} };
    }
    const spent = { budgets: proof.provedWork ? BOOKING_BUDGETS : [...BOOKING_BUDGETS, BUDGETS.bookingWithoutChallenge], client: { address: await clientAddress() }, scale: getEnv().rateLimitScale };
    const limit = await spendBudgets(context.db, spent.budgets, spent.client, { secret: context.secret, scale: spent.scale });
    if (!limit.allowed) {
      return { status: "error", code: "rate_limited", fieldErrors: {}, values: raw, details: { minutes: Math.ceil(limit.retryAfterSeconds / 60) } };
    }

    const language = await getLanguage();
    let token: string;
    let isHeld = false;
    try {
      // Busy (nothing written): the citizen sends the same form again, and the budgets are theirs again.
      const outcome = await refundedWhenBusy(context.db, context.secret, [spent], () => createBooking(context, CITIZEN_ACTOR, {
        locationId: resolved.location!.id,
        items: resolved.requested,
        startsAt: selection.time!,
        channel: "online",
        citizen: { name: draft!.name, email: draft!.email, phone: draft!.phone, note: draft!.note },
        language,
        // The same form sent twice finds the same booking; the same nonce with other data is another booking, so
        // a replayed nonce never hands over someone else's manage link.
        linkNonce: `${input.nonce}:${bookingFingerprint(draft!, selection)}`,
      }));
      token = outcome.manageToken;
      isHeld = outcome.booking.status === "held";
    } catch (error) {
      // Taken meanwhile: the review page shows it at the top, focused and announced, with the nearest free times.
      // The citizen's form goes away with it, so its button cannot leave focus on the body.
      if (isAppError(error) && error.code === "slot_taken") redirect(selectionHref(STEP_PATH.review, selection, { belegt: "1" }));
      return errorState(error, raw);
    }
    await clearDraft();
    kickOutbox();
    // With double opt-in the time is only held: the next page says until when and that the confirmation link is in the mail.
    redirect(isHeld ? `/termin/vorgemerkt/${token}` : `/termin/verwalten/${token}?gebucht=1`);
});

const BOOKING_BUDGETS = [BUDGETS.bookingPerHour, BUDGETS.bookingPerDay];

/** What makes a booking this booking: the citizen's details and the chosen appointment. */
function bookingFingerprint(draft: BookingDraft, selection: Selection): string {
  const fields = [draft.name, draft.email, draft.phone ?? "", draft.note ?? "", selection.location ?? "", selection.time?.toISOString() ?? ""];
  const items = selection.items.map((item) => `${item.slug}.${item.quantity}`).join(",");
  return createHash("sha256").update(JSON.stringify([...fields, items])).digest("base64url");
}

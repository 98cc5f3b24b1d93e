"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { formDataToObject } from "@/lib/actions/form-data";
import { publicAction } from "@/lib/actions/public-action";
import { kioskLanguage, kioskLocation } from "@/lib/hall/page-data";
import { LANGUAGES, type Language } from "@/lib/domain/enums";
import { CHECK_IN_WINDOW } from "@/lib/domain/queue";
import { formatClock, formatLocalDate } from "@/lib/i18n/format";
import { checkInByCode, drawTicket } from "@/lib/services/queue/arrival";
import { serviceDate } from "@/lib/services/queue/hall";

const kioskFields = { standort: z.string().max(100), sprache: z.enum(LANGUAGES).optional().catch(undefined) };

/** Back to the kiosk with what went wrong: the page shows it, with or without JavaScript. */
function backWithProblem(slug: string, language: Language, problem: string, extra: Record<string, string> = {}): never {
  const query = new URLSearchParams({ ...(language === "en" ? { sprache: "en" } : {}), problem, ...extra });
  redirect(`/kiosk/${encodeURIComponent(slug)}?${query}`);
}

const toTicket = (slug: string, token: string, language: Language): never => redirect(`/kiosk/${slug}/marke/${token}?sprache=${language}`);

const checkIn = publicAction(z.object({ ...kioskFields, code: z.string().max(200).default("") }), async (input) => {
  const language = kioskLanguage(input.sprache);
  const { context, location } = await kioskLocation(input.standort);
  if (input.code.trim() === "") backWithProblem(location.slug, language, "invalid");
  const outcome = await checkInByCode(context, location, input.code);
  if (outcome.ok) toTicket(location.slug, outcome.ticket.statusToken, language);
  else if (outcome.reason === "already") backWithProblem(location.slug, language, "already", { label: outcome.label });
  else {
    const details: Record<string, string> = {};
    if (outcome.reason === "other_location" && outcome.location) details.ort = outcome.location;
    if (outcome.reason === "other_day" && outcome.startsAt) details.datum = formatLocalDate(serviceDate(location, outcome.startsAt), language);
    if (outcome.reason === "early" && outcome.startsAt) {
      details.zeit = formatClock(new Date(outcome.startsAt.getTime() - CHECK_IN_WINDOW.opensMinutesBefore * 60_000), language, location.timeZone);
    }
    backWithProblem(location.slug, language, outcome.reason, details);
  }
});

const ticket = publicAction(z.object({ ...kioskFields, anliegen: z.coerce.number().int().positive() }), async (input) => {
  const language = kioskLanguage(input.sprache);
  const { context, location } = await kioskLocation(input.standort);
  const outcome = await drawTicket(context, location.slug, input.anliegen, language);
  if (outcome.ok) toTicket(location.slug, outcome.ticket.statusToken, language);
  else backWithProblem(location.slug, language, outcome.reason);
});

/** Input the schema refused (a tampered form) lands back on the kiosk with a calm message, never an error page. */
function refused(formData: FormData, state: ActionState, problem: string): void {
  if (state.status !== "error") return;
  const raw = formDataToObject(formData);
  const slug = typeof raw.standort === "string" ? raw.standort : "";
  backWithProblem(slug, kioskLanguage(raw.sprache), problem);
}

export async function kioskCheckInAction(formData: FormData): Promise<void> {
  refused(formData, await checkIn(IDLE, formData), "invalid");
}

export async function kioskTicketAction(formData: FormData): Promise<void> {
  refused(formData, await ticket(IDLE, formData), "unknown_concern");
}

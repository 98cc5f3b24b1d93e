import "server-only";
import { MIN_DWELL_MS, workFor } from "@/lib/domain/proof-of-work";
import { getEnv } from "@/lib/env";
import type { ServiceContext } from "@/lib/services/context";
import { checkSolution, issueChallenge } from "@/lib/services/proof-of-work";
import { BUDGETS, budgetUsed } from "@/lib/services/rate-limit";
import { seal, unseal } from "@/lib/services/sealed";

/**
 * The booking form's two ways of showing it was filled in by a person (lib/services/proof-of-work.ts explains why):
 * - with JavaScript, a proof of work bound to this form's nonce, harder for a client that books or searches a lot;
 * - without, a sealed note of when the form was shown: it must be sent no sooner than MIN_DWELL_MS later (a person
 *   reads the summary first) and no later than the draft lives. The action then spends a tighter budget.
 */
const MAX_FORM_AGE_MS = 2 * 60 * 60_000;
const ISSUED_PURPOSE = "booking-form-issued";

export type FormProof = { challenge: string; issued: string };
export type FormProofCheck = { ok: true; provedWork: boolean } | { ok: false; code: "proof_failed" | "too_fast" };

export async function bookingFormProof(context: ServiceContext, options: { nonce: string; address: string }): Promise<FormProof> {
  const limits = { secret: context.secret, scale: getEnv().rateLimitScale };
  const [bookingsThisHour, searchesThisMinute] = await Promise.all([
    budgetUsed(context.db, BUDGETS.bookingPerHour, { address: options.address }, limits),
    budgetUsed(context.db, BUDGETS.availability, { address: options.address }, limits),
  ]);
  const work = workFor({ bookingsThisHour, searchesThisMinute }, limits.scale);
  const challenge = await issueChallenge(context, { purpose: "booking-form", boundTo: options.nonce, work });
  return {
    challenge: JSON.stringify(challenge),
    issued: seal({ nonce: options.nonce, at: context.now().getTime() }, context.secret, ISSUED_PURPOSE),
  };
}

export async function checkBookingFormProof(
  context: Pick<ServiceContext, "secret" | "now">,
  posted: { nonce: string; altcha?: string; issued?: string },
): Promise<FormProofCheck> {
  if (posted.altcha) {
    const result = await checkSolution(context, posted.altcha, { purpose: "booking-form", boundTo: posted.nonce });
    return result.ok ? { ok: true, provedWork: true } : { ok: false, code: "proof_failed" };
  }
  return checkDwell(context, posted, ISSUED_PURPOSE);
}

/**
 * The form that sends the manage link again ("Termin verwalten" on the home page) is a plain server-rendered form, so
 * the home page needs no script and no messages on the client: it has only the dwell check, which the booking form
 * uses without JavaScript, and its own budget (BUDGETS.manageLinkRequest). A sealed time of its own purpose, so it
 * never passes for a booking form's.
 */
const MANAGE_LINK_PURPOSE = "manage-link-form-issued";

export function manageLinkFormIssued(context: Pick<ServiceContext, "secret" | "now">, nonce: string): string {
  return seal({ nonce, at: context.now().getTime() }, context.secret, MANAGE_LINK_PURPOSE);
}

export function checkManageLinkFormProof(context: Pick<ServiceContext, "secret" | "now">, posted: { nonce: string; issued?: string }): FormProofCheck {
  return checkDwell(context, posted, MANAGE_LINK_PURPOSE);
}

function checkDwell(context: Pick<ServiceContext, "secret" | "now">, posted: { nonce: string; issued?: string }, purpose: string): FormProofCheck {
  const issued = unseal(posted.issued, context.secret, purpose) as { nonce?: unknown; at?: unknown } | null;
  if (!issued || issued.nonce !== posted.nonce || typeof issued.at !== "number") return { ok: false, code: "proof_failed" };
  const dwell = context.now().getTime() - issued.at;
  if (dwell > MAX_FORM_AGE_MS) return { ok: false, code: "proof_failed" };
  if (dwell < MIN_DWELL_MS) return { ok: false, code: "too_fast" };
  return { ok: true, provedWork: false };
}

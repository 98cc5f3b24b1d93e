/**
 * RFC 9457 problem responses. Every error the API returns goes through `problemFromError`, the one place where typed
 * service errors become HTTP statuses; anything unexpected becomes a calm 500 that reveals nothing.
 */
import type { z } from "zod";
import { asServiceBusy } from "@/db/transaction";
import { BUSY_RETRY_AFTER_SECONDS, isAppError, type AppError, type ErrorCode } from "@/lib/errors";
import fieldMessages from "@/lib/i18n/messages/en.json";
import { PROBLEM_TYPES, problemTypeUri, type ProblemCode } from "./problem-types";
import type { ProblemBody } from "./schemas";

export type FieldError = { field: string; code: string; message: string };

/** A problem raised by the API layer itself (bad JSON, unknown slug, …), carried to the wrapper as an exception. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; alternatives?: string[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problemResponse(problem: ApiProblem, publicUrl: string | null): Response {
  const { status, title } = PROBLEM_TYPES[problem.code];
  const body: ProblemBody = {
    type: problemTypeUri(problem.code, publicUrl),
    title,
    status,
    detail: problem.detail,
    code: problem.code,
    ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
    ...(problem.extras.alternatives ? { alternatives: problem.extras.alternatives } : {}),
  };
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" });
  if (problem.extras.retryAfterSeconds !== undefined) headers.set("retry-after", String(problem.extras.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status, headers });
}

/** Which problem type a service error becomes. Codes the public API never triggers still get a safe answer. */
const PROBLEM_FOR_ERROR: Record<ErrorCode, ProblemCode> = {
  validation: "validation",
  not_found: "not_found",
  // Nothing here needs a session; should a service ever say so, the caller learns no more than "not found".
  unauthenticated: "not_found",
  forbidden: "not_found",
  invalid_credentials: "not_found",
  slot_taken: "slot_taken",
  request_invalid: "request_invalid",
  too_many_active_bookings: "too_many_active_bookings",
  too_many_no_shows: "too_many_no_shows",
  cutoff_passed: "cutoff_passed",
  booking_not_active: "booking_not_active",
  email_taken: "conflict",
  rate_limited: "rate_limited",
  conflict: "conflict",
  proof_failed: "challenge_invalid",
  too_fast: "challenge_invalid",
  mail_test_failed: "internal_error",
  busy: "busy",
};

export function problemFromAppError(error: AppError): ApiProblem {
  const code = PROBLEM_FOR_ERROR[error.code];
  switch (error.code) {
    case "slot_taken": {
      const alternatives = Array.isArray(error.details.alternatives) ? error.details.alternatives.map(String) : [];
      return new ApiProblem(code, "This time is no longer free. The nearest free times are listed in alternatives.", { alternatives });
    }
    case "too_many_active_bookings":
      return new ApiProblem(code, `At most ${String(error.details.max)} upcoming appointments can be booked online with one e-mail address.`);
    case "too_many_no_shows":
      return new ApiProblem(code, `This e-mail address missed ${String(error.details.max)} or more appointments recently; the office asks to book by phone.`);
    case "cutoff_passed":
      return new ApiProblem(code, `This appointment could be changed online until ${String(error.details.cutoffAt)}. Please call the office.`);
    case "booking_not_active":
      return new ApiProblem(code, "This booking is no longer active and cannot be changed.");
    case "not_found":
      return new ApiProblem(code, notFoundDetail(error.message));
    case "request_invalid":
      return new ApiProblem(code, "The concerns cannot be booked together at this location.");
    case "validation":
      return new ApiProblem(code, "The request contains invalid values.");
    case "busy": {
      const retryAfterSeconds = typeof error.details.retryAfterSeconds === "number" ? error.details.retryAfterSeconds : BUSY_RETRY_AFTER_SECONDS;
      return new ApiProblem(code, `Very many requests are being handled right now and this one waited too long. Nothing was changed; please retry after ${retryAfterSeconds} seconds.`, {
        retryAfterSeconds,
      });
    }
    default:
      return new ApiProblem(code, PROBLEM_TYPES[code].title + ".");
  }
}

function notFoundDetail(serviceMessage: string): string {
  if (serviceMessage.startsWith("booking")) return "No booking belongs to this manage token.";
  if (serviceMessage.startsWith("location")) return "This location does not exist or takes no bookings.";
  return "Not found.";
}

/** The wrapper's catch-all. `where` names the route for the log; request data never goes into it. */
export function problemFromError(thrown: unknown, publicUrl: string | null, where: string): Response {
  const error = asServiceBusy(thrown);
  if (error instanceof ApiProblem) return problemResponse(error, publicUrl);
  if (isAppError(error)) return problemResponse(problemFromAppError(error), publicUrl);
  console.error(`Unexpected error in API ${where}: ${describeForLog(error)}`);
  return problemResponse(new ApiProblem("internal_error", "Something went wrong on our side. Please try again later."), publicUrl);
}

/**
 * The error's class and where it was thrown, without its message: messages can quote input (a date, a slug, an
 * address), and the log must hold neither request data nor personal data.
 */
function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return "a non-Error value was thrown";
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 8);
  return [error.name, ...frames].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------

const FIELD_MESSAGES: Record<string, string> = fieldMessages.errors.fields;

/** API-layer message keys that the web form catalogue does not have. */
const API_FIELD_MESSAGES: Record<string, string> = {
  slug_invalid: "Use the slug as listed by the API (lower-case letters, digits and hyphens).",
  concerns_invalid: 'Write concerns as "slug:quantity" separated by commas, e.g. personalausweis:1,reisepass:2.',
  start_invalid: "Give the start as an ISO 8601 instant with Z or an offset, as listed by GET /availability.",
  date_out_of_range: "Give a date between the years 2000 and 2999.",
  range_reversed: "The last day must not be before the first day.",
  range_too_long: "The date range is too long.",
};

/**
 * zod issues as field errors. Our schemas use message keys (shared with the web form's catalogue); those become the
 * `code` with the English text as `message`. zod's own issues (wrong type, …) keep zod's code and message.
 */
export function fieldErrorsFrom(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "(body)";
    const known = messageFor(issue.message);
    return known ? { field, code: issue.message, message: known } : { field, code: issue.code, message: issue.message };
  });
}

function messageFor(key: string): string | null {
  if (Object.hasOwn(API_FIELD_MESSAGES, key)) return API_FIELD_MESSAGES[key]!;
  if (Object.hasOwn(FIELD_MESSAGES, key)) return FIELD_MESSAGES[key]!;
  return null;
}

/**
 * Every problem type the API answers with (RFC 9457). One list serves the responses, the OpenAPI document and the
 * documentation page, whose anchors `#problem-<code>` the `type` URIs point to. Pure data: safe to import anywhere.
 */
export const PROBLEM_TYPES = {
  invalid_json: { status: 400, title: "Malformed JSON body" },
  invalid_content_type: { status: 400, title: "Unsupported content type" },
  invalid_query: { status: 400, title: "Invalid query parameters" },
  invalid_header: { status: 400, title: "Invalid header" },
  token_missing: { status: 400, title: "Manage token missing" },
  challenge_required: { status: 401, title: "Proof of work or API key required" },
  challenge_invalid: { status: 403, title: "Proof of work not accepted" },
  api_key_invalid: { status: 401, title: "API key not accepted" },
  not_found: { status: 404, title: "Not found" },
  slot_taken: { status: 409, title: "Time no longer available" },
  cutoff_passed: { status: 409, title: "Too late to change online" },
  booking_not_active: { status: 409, title: "Booking not active" },
  conflict: { status: 409, title: "Conflicting change" },
  challenge_used: { status: 409, title: "Proof of work already used" },
  body_too_large: { status: 413, title: "Request body too large" },
  validation: { status: 422, title: "Invalid request body" },
  idempotency_key_reused: { status: 422, title: "Idempotency key used for another request" },
  request_invalid: { status: 422, title: "Concerns cannot be booked as requested" },
  too_many_active_bookings: { status: 422, title: "Too many active bookings" },
  too_many_no_shows: { status: 422, title: "Book by phone after missed appointments" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Internal error" },
  busy: { status: 503, title: "Busy, retry shortly" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;
export const PROBLEM_CODES = Object.keys(PROBLEM_TYPES) as [ProblemCode, ...ProblemCode[]];

/** Where a problem type is explained; relative when the public address is not known. */
export function problemTypeUri(code: ProblemCode, publicUrl: string | null): string {
  return `${publicUrl ?? ""}/api-dokumentation#problem-${code}`;
}

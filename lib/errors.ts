/**
 * Typed errors the services raise. Each has a stable `code`; the edges (server actions, API) map codes to messages
 * and HTTP statuses in one place. Anything that is not an AppError is unexpected: logged, never shown.
 */
export type ErrorCode =
  | "validation"
  | "not_found"
  | "unauthenticated"
  | "forbidden"
  | "slot_taken"
  | "request_invalid"
  | "too_many_active_bookings"
  | "too_many_no_shows"
  | "cutoff_passed"
  | "booking_not_active"
  | "email_taken"
  | "rate_limited"
  | "conflict"
  | "invalid_credentials"
  | "proof_failed"
  | "too_fast"
  | "mail_test_failed";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super("validation", message, { fieldErrors });
    this.name = "ValidationError";
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
    this.name = "NotFoundError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

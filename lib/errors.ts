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
  | "mail_test_failed"
  | "busy";

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

/** What a client is told to wait before trying again: long enough for a burst to drain, short enough to feel like "a moment". */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * The database made a write wait too long: a lock held by other bookings (a burst at slot release), no free
 * connection, or SQLite's file locked by another process. Nothing was written; the same request may simply be sent
 * again in a moment. Raised in one place only, the transaction helper (db/transaction.ts).
 */
export class ServiceBusyError extends AppError {
  constructor() {
    super("busy", "the database is busy; nothing was written", { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
    this.name = "ServiceBusyError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

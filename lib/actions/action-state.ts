import type { ErrorCode } from "@/lib/errors";

/** The one result shape every server action returns to its form. */
export type ActionState =
  | { status: "idle" }
  | { status: "success"; message?: string; data?: Record<string, unknown>; values?: Record<string, string | string[]> }
  | {
      status: "error";
      code: ErrorCode | "unexpected";
      /** Field → message keys of the `errors` catalogue. */
      fieldErrors: Record<string, string[]>;
      /** What was submitted, so a form re-rendered without JavaScript keeps the citizen's input. */
      values: Record<string, string | string[]>;
      details: Record<string, unknown>;
    };

export const IDLE: ActionState = { status: "idle" };

export function fieldValue(state: ActionState, name: string): string | undefined {
  if (state.status !== "error") return undefined;
  const value = state.values[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A failed result for a handler to return, e.g. failure("validation", { zeit: ["time_required"] }). */
export function failure(
  code: Extract<ActionState, { status: "error" }>["code"],
  fieldErrors: Record<string, string[]> = {},
  details: Record<string, unknown> = {},
): ActionState {
  return { status: "error", code, fieldErrors, values: {}, details };
}

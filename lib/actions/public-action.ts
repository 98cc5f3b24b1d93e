import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { asServiceBusy } from "@/db/transaction";
import { isAppError, ValidationError } from "@/lib/errors";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import type { ActionState } from "./action-state";
import { markFormErrorForTitle } from "./form-error-title";
import { formDataToObject } from "./form-data";

/** Fields never echoed back into a re-rendered form. */
const NOT_ECHOED = new Set(["password", "nonce"]);

/**
 * The wrapper for every citizen-facing server action: parse the form with the zod schema, run the handler, and turn
 * typed errors into the one result shape. Next's redirects pass through untouched; unexpected errors are logged
 * without their input and shown as a calm generic message. A form that comes back with errors gets "Fehler: " in
 * the title, also without JavaScript (./form-error-title.ts).
 */
export function publicAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, raw: Record<string, string | string[]>) => Promise<ActionState | void>,
) {
  return async (previous: ActionState, formData: FormData): Promise<ActionState> => {
    const state = await run(previous, formData);
    if (state.status === "error") await markFormErrorForTitle();
    return state;
  };

  async function run(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const raw = formDataToObject(formData);
    const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !NOT_ECHOED.has(key)));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return { status: "error", code: "validation", fieldErrors: fieldErrorsFrom(parsed.error), values, details: {} };
    }
    try {
      return (await handler(parsed.data, raw)) ?? { status: "success" };
    } catch (error) {
      unstable_rethrow(error);
      return errorState(error, values);
    }
  }
}

export function errorState(thrown: unknown, values: Record<string, string | string[]>): ActionState {
  const error = asServiceBusy(thrown);
  if (error instanceof ValidationError) {
    return { status: "error", code: "validation", fieldErrors: error.fieldErrors, values, details: {} };
  }
  if (isAppError(error)) return { status: "error", code: error.code, fieldErrors: {}, values, details: error.details };
  console.error("Unexpected error in a server action:", error instanceof Error ? `${error.name}: ${error.message}` : "unknown");
  return { status: "error", code: "unexpected", fieldErrors: {}, values, details: {} };
}

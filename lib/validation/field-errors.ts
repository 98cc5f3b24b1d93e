import type { z } from "zod";

/** zod issues as { "field.path": [messageKey, …] }; message keys are looked up in the `errors` catalogue. */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (result[key] ??= []).push(issue.message);
  }
  return result;
}

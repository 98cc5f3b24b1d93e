import type { z } from "zod";

/** What our schemas use as messages: keys of the `errors` catalogue, such as "email_invalid". */
const MESSAGE_KEY = /^[a-z][a-z0-9_]*$/;

/**
 * zod issues as { "field.path": [messageKey, …] }; message keys are looked up in the `errors` catalogue. A rule
 * without a key of ours (zod's own English, which may quote a regular expression) becomes the plain "invalid": people
 * see words, never a pattern.
 */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (result[key] ??= []).push(MESSAGE_KEY.test(issue.message) ? issue.message : "invalid");
  }
  return result;
}

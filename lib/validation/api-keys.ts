import { z } from "zod";

/**
 * Forms of the API key page. One schema serves the browser (react-hook-form) and the server (action and service);
 * messages are keys of `adminApiKeys.fieldErrors`, never the rule itself.
 */

export const API_KEY_LABEL_MIN = 3;
export const API_KEY_LABEL_MAX = 80;

/** Line breaks, tabs and other control characters would make the label unreadable in the list and the audit log. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Who holds the key, e.g. "Bürgerportal Musterstadt": what an admin reads in the list before revoking. */
export const apiKeyLabelSchema = z
  .string({ error: "label_required" })
  .trim()
  // `abort`: an empty label is missing, not also too short.
  .min(1, { error: "label_required", abort: true })
  .min(API_KEY_LABEL_MIN, { error: "label_too_short" })
  .max(API_KEY_LABEL_MAX, { error: "label_too_long" })
  .refine((label) => !CONTROL_CHARACTERS.test(label), { error: "label_invalid" });

export const apiKeyIssueSchema = z.object({ label: apiKeyLabelSchema });
export type ApiKeyIssueFormInput = z.input<typeof apiKeyIssueSchema>;
export type ApiKeyIssueInput = z.output<typeof apiKeyIssueSchema>;

/** The key a revoke form is about: a hidden field, so still parsed. */
export const apiKeyIdSchema = z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).positive({ error: "invalid" }).max(2 ** 31, { error: "invalid" });
export const apiKeyRevokeSchema = z.object({ id: apiKeyIdSchema });

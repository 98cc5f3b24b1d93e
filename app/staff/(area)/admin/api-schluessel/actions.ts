"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/actions/action-state";
import { staffAction } from "@/lib/actions/staff-action";
import { issueApiKey, revokeApiKey } from "@/lib/services/admin/api-keys";
import { apiKeyIssueSchema, apiKeyRevokeSchema } from "@/lib/validation/api-keys";

/*
 * Admin-only, checked per call by staffAction whatever page rendered the form; the issuing admin comes from the
 * session. Issuing deliberately does not post/redirect/get like the other admin forms: the new key must reach the
 * page once, and a redirect could only carry it in the URL (browser history, server logs). It travels in the action's
 * result instead, which the page renders, with or without JavaScript.
 */

const API_KEYS_PATH = "/staff/admin/api-schluessel";

export const issueApiKeyAction = staffAction("admin", apiKeyIssueSchema, async (input, access): Promise<ActionState> => {
  const { key, record } = await issueApiKey(access, input);
  revalidatePath(API_KEYS_PATH);
  return { status: "success", data: { key, label: record.label } };
});

export const revokeApiKeyAction = staffAction("admin", apiKeyRevokeSchema, async (input, access) => {
  await revokeApiKey(access, input.id);
  revalidatePath(API_KEYS_PATH, "layout");
  redirect(`${API_KEYS_PATH}?widerrufen=${input.id}`);
});

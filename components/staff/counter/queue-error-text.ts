"use client";

import { useTranslations } from "next-intl";
import { useActionErrorText } from "@/components/ui/office-context";
import type { ActionState } from "@/lib/actions/action-state";

/** The queue's own conflicts (a busy counter, a step overtaken by a colleague) in words; other errors as everywhere. */
export function useQueueErrorText() {
  const t = useTranslations("hall.counter");
  const generic = useActionErrorText();
  return (state: ActionState): string | undefined => {
    if (state.status !== "error") return undefined;
    if (state.code === "validation") return t("invalid");
    const reason = state.details.reason;
    if (reason === "counter_busy") return t("counterBusy", { label: String(state.details.label ?? "") });
    if (reason === "step_not_allowed" || reason === "changed") return t("stepNotAllowed");
    return generic(state);
  };
}

"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action-state";
import { useOffice } from "./office-provider";

export { OfficeProvider } from "./office-provider";

/** The message for a failed action that is not about one field; a broken account rule gets its own explanation. */
export function useActionErrorText() {
  const t = useTranslations("errors");
  const rules = useTranslations("adminPeople.rules");
  const { phone } = useOffice();
  return (state: ActionState): string | undefined => {
    if (state.status !== "error" || state.code === "validation") return undefined;
    if (state.code === "conflict" && typeof state.details.rule === "string" && rules.has(state.details.rule)) return rules(state.details.rule);
    const max = typeof state.details.max === "number" ? state.details.max : 0;
    const minutes = typeof state.details.minutes === "number" ? state.details.minutes : 0;
    return t(state.code as "unexpected", { phone, max, minutes });
  };
}

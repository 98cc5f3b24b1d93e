"use client";

import { useActionState } from "react";
import type { FieldValues } from "react-hook-form";
import type { z } from "zod";
import { useKitForm, type FormAction } from "@/components/ui/form-kit";
import { IDLE } from "@/lib/actions/action-state";
import { unflattenFormData } from "@/lib/validation/admin-catalogue";

/**
 * A catalogue form on the kit. After a failed post it shows exactly what was sent: an unticked box is absent from the
 * post, so it must not fall back to the stored value.
 */
export function useCatalogueForm<S extends z.ZodType<unknown, FieldValues>>(schema: S, action: FormAction, defaults: z.input<S>, formId: string) {
  const [state, formAction] = useActionState(action, IDLE);
  const initial = (state.status === "error" ? unflattenFormData(state.values) : defaults) as z.input<S>;
  return useKitForm(schema, { state, formAction, defaultValues: initial, formId });
}

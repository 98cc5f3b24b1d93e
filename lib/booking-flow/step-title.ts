import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { SearchParams } from "./load-step";
import { resolveSelection } from "./resolve";
import { parseSelection } from "./selection";
import { visibleSteps, type Step } from "./steps";

/**
 * A booking step's title names the step first, as the page says it: "Schritt 3 von 6: Tag wählen – Bürgerbüro". The
 * count follows the same rule as the step indicator (the location step only when there is a choice).
 */
export async function stepMetadata(searchParams: SearchParams, step: Step): Promise<Metadata> {
  const [params, t] = await Promise.all([searchParams, getTranslations("booking")]);
  const resolved = await resolveSelection(getDb(), parseSelection(params));
  const steps = visibleSteps(resolved.locations.length);
  const current = steps.indexOf(step) + 1;
  const title = t(`${step}.title`);
  return { title: current > 0 ? t("stepTitle", { step: t("stepOf", { current, total: steps.length }), title }) : title };
}

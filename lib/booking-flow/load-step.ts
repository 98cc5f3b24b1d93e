import "server-only";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { LocationWithHours } from "@/db/queries/locations";
import { resolveSelection, type ResolvedSelection } from "./resolve";
import { parseSelection, selectionHref, type Selection } from "./selection";
import { STEP_PATH, visibleSteps, type Step } from "./steps";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export type LoadedStep = ResolvedSelection & { selection: Selection; steps: Step[]; params: Record<string, string | string[] | undefined> };
export type LoadedStepWithLocation = LoadedStep & { location: LocationWithHours };

/**
 * Reads the wizard state for a step and sends the citizen back to the first step whose choice is missing or no longer
 * valid (an old link, a concern that was deactivated meanwhile).
 */
export async function loadStep(searchParams: SearchParams, step: Step): Promise<LoadedStep> {
  const params = await searchParams;
  const selection = parseSelection(params);
  const resolved = await resolveSelection(getDb(), selection);
  const steps = visibleSteps(resolved.locations.length);
  const loaded = { ...resolved, selection, steps, params };
  if (step === "concerns") return loaded;

  if (resolved.chosen.length === 0 || (resolved.problem && resolved.problem.code !== "concern_not_offered") || resolved.locations.length === 0) {
    redirect(selectionHref(STEP_PATH.concerns, selection));
  }
  if (step === "location") {
    if (resolved.locations.length === 1) redirect(selectionHref(STEP_PATH.day, { ...selection, location: resolved.locations[0]!.slug }));
    return loaded;
  }
  if (!resolved.location) redirect(selectionHref(STEP_PATH.location, selection));
  if (step === "day") return loaded;
  if (!selection.date) redirect(selectionHref(STEP_PATH.day, selection));
  if (step === "time") return loaded;
  if (!selection.time) redirect(selectionHref(STEP_PATH.time, selection));
  return loaded;
}

/** The previous visible step's URL, keeping every choice made so far. */
export function previousStepHref(loaded: LoadedStep, step: Step): string | undefined {
  const index = loaded.steps.indexOf(step);
  if (index <= 0) return "/";
  const previous = loaded.steps[index - 1]!;
  return selectionHref(STEP_PATH[previous], loaded.selection);
}

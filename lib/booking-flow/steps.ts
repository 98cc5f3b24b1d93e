export const STEPS = ["concerns", "location", "day", "time", "details", "review"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_PATH: Record<Step, string> = {
  concerns: "/termin",
  location: "/termin/standort",
  day: "/termin/tag",
  time: "/termin/uhrzeit",
  details: "/termin/daten",
  review: "/termin/pruefen",
};

/** The location step is skipped when only one location offers the chosen concerns. */
export function visibleSteps(locationChoices: number): Step[] {
  return STEPS.filter((step) => step !== "location" || locationChoices !== 1);
}

import type { Language } from "@/lib/domain/enums";
import { FEDERAL_STATE_CODES, FEDERAL_STATES } from "@/lib/domain/holidays";

/** The federal states for a select, by name in the admin's language (the codes are data, not for reading). */
export function federalStateOptions(language: Language): { value: string; label: string }[] {
  return FEDERAL_STATE_CODES.map((code) => ({ value: code, label: FEDERAL_STATES[code][language] })).sort((a, b) =>
    a.label.localeCompare(b.label, language),
  );
}

import { isoWeekday, type IsoWeekday, type LocalDate } from "./zoned-time";

/**
 * Capacity windows and walk-in blocks repeat: an optional weekday and an optional date range (inclusive) pick the
 * days they apply on. No weekday means every day of the range; no range means for ever.
 */
export type RecurringRule = {
  weekday: IsoWeekday | null;
  validFrom: LocalDate | null;
  validUntil: LocalDate | null;
};

export function ruleAppliesOn(rule: RecurringRule, date: LocalDate): boolean {
  if (rule.validFrom !== null && date < rule.validFrom) return false;
  if (rule.validUntil !== null && date > rule.validUntil) return false;
  return rule.weekday === null || rule.weekday === isoWeekday(date);
}

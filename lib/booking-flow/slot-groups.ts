import type { Slot } from "@/lib/domain/availability";
import type { Language } from "@/lib/domain/enums";
import { instantToZoned } from "@/lib/domain/zoned-time";
import { formatClock, formatDateTime } from "@/lib/i18n/format";
import { formatTimeParam } from "./selection";

const NOON = 12 * 60;

/** Morning and afternoon groups of slots, each labelled for the eye and, in full, for screen readers. */
export function groupSlots(slots: Slot[], timeZone: string, language: Language, labels: { morning: string; afternoon: string }) {
  const option = (slot: Slot) => ({
    value: formatTimeParam(slot.startsAt),
    time: formatClock(slot.startsAt, language, timeZone),
    fullName: formatDateTime(slot.startsAt, language, timeZone),
  });
  const isMorning = (slot: Slot) => instantToZoned(slot.startsAt, timeZone).minutesOfDay < NOON;
  return [
    { legend: labels.morning, slots: slots.filter(isMorning).map(option) },
    { legend: labels.afternoon, slots: slots.filter((s) => !isMorning(s)).map(option) },
  ].filter((group) => group.slots.length > 0);
}

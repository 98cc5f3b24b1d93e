/**
 * When a reminder e-mail is due: N calendar days before the appointment's local date, at a full hour of the
 * location's wall clock. Counted in calendar days, not 24-hour steps, so "two days before, at 9" stays 9 o'clock
 * when a daylight-saving change lies in between (a day may have 23 or 25 hours). Pure: the caller passes the instants.
 */
import { addDays, instantToZoned, zonedToInstant } from "./zoned-time";

export type ReminderRule = { daysBefore: number; hour: number };

/** What an administrator may choose: at most a fortnight ahead; hours of the day people read mail, not the night. */
export const REMINDER_LIMITS = { daysBefore: { min: 0, max: 14 }, hour: { min: 6, max: 21 } } as const;

export function reminderDueAt(appointmentStartsAt: Date, rule: ReminderRule, timeZone: string): Date {
  const appointmentDate = instantToZoned(appointmentStartsAt, timeZone).date;
  return zonedToInstant(addDays(appointmentDate, -rule.daysBefore), rule.hour * 60, timeZone);
}

/**
 * Whether a booking should get its reminder now. Not before it is due, not once the appointment has begun, and not
 * for a time chosen after the due moment (a booking for the day after tomorrow made this afternoon has just had its
 * confirmation: a second mail would be noise). `scheduledAt` is when the current time was chosen: booked or moved.
 */
export function isReminderDue(input: { startsAt: Date; scheduledAt: Date; dueAt: Date; now: Date }): boolean {
  const { startsAt, scheduledAt, dueAt, now } = input;
  return dueAt.getTime() <= now.getTime() && now.getTime() < startsAt.getTime() && scheduledAt.getTime() < dueAt.getTime();
}

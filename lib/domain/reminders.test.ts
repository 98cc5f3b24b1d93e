import { describe, expect, it } from "vitest";
import { isReminderDue, reminderDueAt } from "./reminders";

const TZ = "Europe/Berlin";

describe("reminderDueAt", () => {
  it.each([
    { name: "an ordinary winter week", startsAt: "2026-11-26T09:30:00Z", daysBefore: 2, hour: 9, due: "2026-11-24T08:00:00Z" },
    { name: "summer time (CEST)", startsAt: "2026-07-10T08:00:00Z", daysBefore: 2, hour: 9, due: "2026-07-08T07:00:00Z" },
    // Spring forward on Sunday 29 March 2026: the appointment is in CEST, the reminder in CET.
    { name: "across spring forward", startsAt: "2026-03-30T07:30:00Z", daysBefore: 2, hour: 9, due: "2026-03-28T08:00:00Z" },
    // Fall back on Sunday 25 October 2026: the appointment is in CET, the reminder in CEST.
    { name: "across fall back", startsAt: "2026-10-26T08:30:00Z", daysBefore: 2, hour: 9, due: "2026-10-24T07:00:00Z" },
    { name: "on the spring-forward day itself", startsAt: "2026-03-31T07:00:00Z", daysBefore: 2, hour: 9, due: "2026-03-29T07:00:00Z" },
    { name: "on the fall-back day itself", startsAt: "2026-10-27T08:00:00Z", daysBefore: 2, hour: 9, due: "2026-10-25T08:00:00Z" },
    { name: "the local date counts, not the UTC date", startsAt: "2026-11-25T23:30:00Z", daysBefore: 1, hour: 18, due: "2026-11-25T17:00:00Z" },
    { name: "on the day itself", startsAt: "2026-11-26T13:00:00Z", daysBefore: 0, hour: 7, due: "2026-11-26T06:00:00Z" },
    { name: "a week before, across the change", startsAt: "2026-11-02T09:00:00Z", daysBefore: 14, hour: 9, due: "2026-10-19T07:00:00Z" },
  ])("$name", ({ startsAt, daysBefore, hour, due }) => {
    expect(reminderDueAt(new Date(startsAt), { daysBefore, hour }, TZ).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe("isReminderDue", () => {
  const dueAt = new Date("2026-11-24T08:00:00Z");
  const startsAt = new Date("2026-11-26T09:30:00Z");
  const bookedEarly = new Date("2026-11-10T12:00:00Z");
  it.each([
    { name: "a minute before the due time", now: "2026-11-24T07:59:00Z", scheduledAt: bookedEarly, due: false },
    { name: "exactly at the due time", now: "2026-11-24T08:00:00Z", scheduledAt: bookedEarly, due: true },
    { name: "later, before the appointment (after a restart)", now: "2026-11-25T20:00:00Z", scheduledAt: bookedEarly, due: true },
    { name: "once the appointment has begun", now: "2026-11-26T09:30:00Z", scheduledAt: bookedEarly, due: false },
    { name: "booked after the due time", now: "2026-11-24T15:00:00Z", scheduledAt: new Date("2026-11-24T14:00:00Z"), due: false },
    { name: "booked at the due time itself", now: "2026-11-24T09:00:00Z", scheduledAt: dueAt, due: false },
  ])("$name", ({ now, scheduledAt, due }) => {
    expect(isReminderDue({ startsAt, scheduledAt, dueAt, now: new Date(now) })).toBe(due);
  });
});

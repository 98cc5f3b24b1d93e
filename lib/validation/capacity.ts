import { z } from "zod";
import { isPlausibleLocalDate, parseTimeOfDay } from "@/lib/domain/zoned-time";

/** Forms send "HH:MM" and "YYYY-MM-DD"; services get minutes and checked dates. */
const time = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const minutes = parseTimeOfDay(value);
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: "time_invalid" });
      return z.NEVER;
    }
    return minutes;
  });
const optionalTime = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const minutes = parseTimeOfDay(value);
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: "time_invalid" });
      return z.NEVER;
    }
    return minutes;
  });
const date = z.string().trim().refine(isPlausibleLocalDate, { error: "date_invalid" });
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null)
  .refine((value) => value === null || isPlausibleLocalDate(value), { error: "date_invalid" });
const weekday = z.coerce.number().int().min(1, { error: "required" }).max(7).transform((n) => n as 1 | 2 | 3 | 4 | 5 | 6 | 7);
const optionalWeekday = z
  .string()
  .optional()
  .transform((value) => (value ? Number(value) : null))
  .refine((value) => value === null || (Number.isInteger(value) && value >= 1 && value <= 7), { error: "invalid" })
  .transform((value) => value as 1 | 2 | 3 | 4 | 5 | 6 | 7 | null);
const locationId = z.coerce.number().int().positive();
const counters = z.coerce.number().int({ error: "invalid" }).min(0, { error: "invalid" }).max(50, { error: "invalid" });

const rangeInOrder = <T extends { startMinute: number; endMinute: number }>(value: T) => value.startMinute < value.endMinute;
const datesInOrder = <T extends { validFrom: string | null; validUntil: string | null }>(value: T) =>
  value.validFrom === null || value.validUntil === null || value.validFrom <= value.validUntil;

export const openingRangeSchema = z
  .object({ locationId, weekday, startMinute: time, endMinute: time })
  .refine(rangeInOrder, { path: ["endMinute"], error: "end_before_start" });
export type OpeningRangeInput = z.output<typeof openingRangeSchema>;

const recurring = { locationId, weekday: optionalWeekday, validFrom: optionalDate, validUntil: optionalDate, startMinute: time, endMinute: time, note: z.string().trim().max(200).optional().transform((v) => v || null) };

export const capacityWindowSchema = z
  .object({
    ...recurring,
    onlineCounters: counters,
    staffCounters: counters,
    concernIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => [value ?? []].flat().map(Number).filter((n) => Number.isInteger(n) && n > 0)),
  })
  .refine(rangeInOrder, { path: ["endMinute"], error: "end_before_start" })
  .refine(datesInOrder, { path: ["validUntil"], error: "end_before_start" })
  .refine((w) => w.onlineCounters + w.staffCounters > 0, { path: ["onlineCounters"], error: "counters_required" });
export type CapacityWindowInput = z.output<typeof capacityWindowSchema>;

export const walkInBlockSchema = z
  .object({ ...recurring, counters: counters.min(1, { error: "counters_required" }) })
  .refine(rangeInOrder, { path: ["endMinute"], error: "end_before_start" })
  .refine(datesInOrder, { path: ["validUntil"], error: "end_before_start" });
export type WalkInBlockInput = z.output<typeof walkInBlockSchema>;

export const closureSchema = z
  .object({
    locationId: z
      .string()
      .optional()
      .transform((value) => (value && value !== "alle" ? Number(value) : null))
      .refine((value) => value === null || (Number.isInteger(value) && value > 0), { error: "invalid" }),
    startDate: date,
    endDate: date,
    startMinute: optionalTime,
    endMinute: optionalTime,
    reason: z.string().trim().min(1, { error: "reason_required" }).max(200),
  })
  .refine((c) => c.startDate <= c.endDate, { path: ["endDate"], error: "end_before_start" });
export type ClosureInput = z.output<typeof closureSchema>;

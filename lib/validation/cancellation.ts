import { z } from "zod";

/**
 * Staff cancellations: one booking from its page, or the checked ones among the bookings a capacity change no longer
 * fits. Parsed by the server actions and, unchanged, by react-hook-form in the browser.
 */

/**
 * The checked booking boxes. A posted form sends one value, several or none; react-hook-form reads a group as a list
 * and a lone box as its value, or `false` when it is cleared.
 */
const checkedBookingIds = z
  .union([z.string(), z.array(z.string()), z.literal(false)])
  .optional()
  .transform((value) => (value === false || value === undefined ? [] : [value].flat()).map(Number).filter((n) => Number.isInteger(n) && n > 0))
  .refine((ids) => ids.length > 0, { error: "bookings_required" });

export const staffCancelSchema = z.object({
  bookingId: z.coerce.number().int().positive(),
  reason: z.string().trim().max(300, { error: "reason_too_long" }).optional(),
});
export type StaffCancelInput = z.output<typeof staffCancelSchema>;

export const bulkCancelSchema = z.object({
  /** The location whose capacity page the form sits on, to return there. */
  standort: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: "invalid" }),
  bookingIds: checkedBookingIds,
  reason: z.string().trim().min(1, { error: "reason_required" }).max(200, { error: "reason_too_long" }),
});
export type BulkCancelInput = z.output<typeof bulkCancelSchema>;

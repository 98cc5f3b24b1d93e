import { z } from "zod";
import type { MinuteRange } from "@/lib/domain/availability";
import type { RuleKind } from "@/lib/domain/capacity-change";
import { parseTimeOfDay } from "@/lib/domain/zoned-time";

/**
 * Removing or shortening one capacity rule: the confirmation page's address (GET) and its confirm and undo posts.
 * Addresses are German, as all routes: `regel=oeffnungszeit|fenster|offene-tuer`, `id`, and for shortening `beginn`
 * and `ende` ("HH:MM").
 */

export const RULE_SLUGS = { oeffnungszeit: "opening_hours", fenster: "capacity_window", "offene-tuer": "walk_in_block" } as const satisfies Record<string, RuleKind>;
export type RuleSlug = keyof typeof RULE_SLUGS;
export const slugOfKind = (kind: RuleKind): RuleSlug => (Object.keys(RULE_SLUGS) as RuleSlug[]).find((slug) => RULE_SLUGS[slug] === kind)!;

const ruleSlug = z.enum(Object.keys(RULE_SLUGS) as [RuleSlug, ...RuleSlug[]], { error: "invalid" }).transform((slug) => RULE_SLUGS[slug]);
const ruleId = z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).positive({ error: "invalid" }).max(Number.MAX_SAFE_INTEGER);
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
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Start and end together make a shortening; neither is a removal; one without the other is a mistake. */
const replacementOf = <T extends { beginn: number | null; ende: number | null }>(value: T): MinuteRange | null =>
  value.beginn === null || value.ende === null ? null : { startMinute: value.beginn, endMinute: value.ende };
const bothOrNeither = <T extends { beginn: number | null; ende: number | null }>(value: T) => (value.beginn === null) === (value.ende === null);

const change = {
  regel: z.preprocess(single, ruleSlug),
  id: z.preprocess(single, ruleId),
  beginn: z.preprocess(single, optionalTime),
  ende: z.preprocess(single, optionalTime),
};

/** Which rule: the part of the address without which there is nothing to show (404). */
export const ruleRefSchema = z.object({ regel: change.regel, id: change.id }).transform((value) => ({ kind: value.regel, id: value.id }));

/** The confirmation page's query. `kuerzen` asks for the shortening form before any times are given. */
export const ruleChangeQuerySchema = z
  .object({ ...change, kuerzen: z.preprocess(single, z.string().optional()) })
  .refine(bothOrNeither, { path: ["ende"], error: "time_required" })
  .transform((value) => ({ kind: value.regel, id: value.id, replacement: replacementOf(value), wantsShortening: value.kuerzen === "1" || replacementOf(value) !== null }));
export type RuleChangeQuery = z.output<typeof ruleChangeQuerySchema>;

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const ids = [value ?? []].flat().filter((v) => v !== "").map(Number);
    if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
    return ids;
  });

/** The confirm post: the change, the stranded bookings shown, the checked ones and what to do with them. */
export const ruleChangeConfirmSchema = z
  .object({
    ...change,
    shown: idList,
    bookingIds: idList,
    handling: z.enum(["cancel", "keep"], { error: "invalid" }),
    reason: z.string().trim().max(200, { error: "reason_too_long" }).optional(),
  })
  .refine(bothOrNeither, { path: ["ende"], error: "time_required" })
  .refine((value) => value.handling !== "cancel" || value.shown.length === 0 || value.bookingIds.length > 0, { path: ["bookingIds"], error: "bookings_required" })
  .refine((value) => value.handling !== "cancel" || value.bookingIds.length === 0 || Boolean(value.reason), { path: ["reason"], error: "reason_required" })
  .transform((value) => ({
    change: { kind: value.regel, id: value.id, replacement: replacementOf(value) },
    shownBookingIds: value.shown,
    cancelBookingIds: value.handling === "cancel" ? value.bookingIds : [],
    reason: value.reason || null,
  }));

export const undoRuleChangeSchema = z.object({ aenderung: ruleId });

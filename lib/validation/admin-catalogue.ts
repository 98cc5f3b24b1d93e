import { z } from "zod";
import { REMINDER_LIMITS } from "@/lib/domain/reminders";
import { DOCUMENT_SCOPES, LOCATION_TIME_ZONES, SLOT_GRID_MINUTES, type DocumentScope } from "@/lib/domain/enums";
import { FEDERAL_STATE_CODES } from "@/lib/domain/holidays";
import { parseFrameAncestors } from "@/lib/domain/embedding";

/**
 * Administration forms: the concern catalogue, locations and settings. One schema per form, used by react-hook-form in
 * the browser, by the server action and again by the service. Inputs are what a form posts (strings, "ja" for a ticked
 * checkbox); outputs are typed values. Messages are error codes looked up first in `adminCatalogue.errors`, then in
 * `errors.fields`.
 */

export const MAX_DOCUMENT_ROWS = 500;
export const TICKED = "ja";

// ---------------------------------------------------------------------------
// Field building blocks
// ---------------------------------------------------------------------------

/** Browsers post line breaks as CRLF; stored as LF so an unchanged text never looks changed in the audit log. */
const unixNewlines = (value: string) => value.replace(/\r\n?/g, "\n");

const requiredText = (max: number) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(max, { error: "text_too_long" })
    .transform(unixNewlines);

/** Empty becomes null, so "no text" has one representation in the database. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "text_too_long" })
    .optional()
    .transform((value) => (value ? unixNewlines(value) : null));

/** A whole number typed into a text field; `step` demands a multiple (durations in 5-minute steps). */
function wholeNumber(min: number, max: number, error: string, step = 1) {
  return z
    .string({ error })
    .trim()
    .regex(/^-?\d{1,7}$/, { error })
    .transform(Number)
    .pipe(
      z
        .number()
        .int({ error })
        .min(min, { error })
        .max(max, { error })
        .refine((value) => value % step === 0, { error }),
    );
}

/** Display order: empty means "keep the current place" or, for something new, "at the end". */
const positionField = z
  .string()
  .trim()
  .regex(/^\d{0,4}$/, { error: "position_invalid" })
  .optional()
  .transform((value) => (value ? Number(value) : null));

/** Ticked checkbox: "ja" when posted natively, the value or `true` from react-hook-form, absent/false otherwise. */
const flag = z
  .union([z.string(), z.boolean(), z.null()])
  .optional()
  .transform((value) => value === TICKED || value === true);

const recordId = (error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^\d{1,9}$/, { error })
    .transform(Number);

/** A group of checkboxes: nothing, one value or several, as a browser or react-hook-form may send them. */
export const idList = z
  .union([z.string(), z.array(z.string()), z.boolean(), z.null()])
  .optional()
  .transform((value) => (Array.isArray(value) ? value : typeof value === "string" && value !== "" ? [value] : []))
  .pipe(z.array(z.string().regex(/^\d{1,9}$/, { error: "unknown_reference" }).transform(Number)))
  .transform((ids) => [...new Set(ids)]);

/** Lower-case letters, digits and single hyphens: the part of a link or key people may read. Empty: derived from the name. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .max(60, { error: "slug_invalid" })
  .refine((value) => value === "" || SLUG_PATTERN.test(value), { error: "slug_invalid" })
  .optional()
  .transform((value) => (value ? value : null));

const postalCodeField = z.string({ error: "postal_code_invalid" }).trim().regex(/^\d{5}$/, { error: "postal_code_invalid" });

const phoneField = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(40, { error: "phone_invalid" })
  .regex(/^[0-9+()/\s-]*$/, { error: "phone_invalid" });

const emailField = z
  .string({ error: "email_invalid" })
  .trim()
  .toLowerCase()
  .max(254, { error: "email_invalid" })
  .pipe(z.email({ error: "email_invalid" }));

/** Both language versions or neither: an English reader must not silently miss a note the German page shows. */
function bothLanguages<T extends Record<string, unknown>>(pairs: [keyof T & string, keyof T & string][]) {
  return (value: T, ctx: z.RefinementCtx<T>) => {
    for (const [de, en] of pairs) {
      if (value[de] && !value[en]) ctx.addIssue({ code: "custom", path: [en], message: "translation_required" });
      if (value[en] && !value[de]) ctx.addIssue({ code: "custom", path: [de], message: "translation_required" });
    }
  };
}

// ---------------------------------------------------------------------------
// Fee
// ---------------------------------------------------------------------------

/**
 * A fee as typed by an administrator: "37,00", "37.00", "37", "8,5" or "37,00 €". Thousands separators are refused
 * because "1.234" would be ambiguous; no office fee comes near 1,000 euro. Empty or zero means free (null).
 */
export function parseFeeCents(input: string | null | undefined): { ok: true; cents: number | null } | { ok: false } {
  const compact = (input ?? "").replace(/[\s\u00a0€]/g, "");
  if (compact === "") return { ok: true, cents: null };
  const match = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return { ok: false };
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return { ok: true, cents: cents === 0 ? null : cents };
}

/** Cents as the form shows them: "37,00" in German, "37.00" in English; empty for free. */
export function formatFeeInput(cents: number | null, language: "de" | "en"): string {
  if (cents === null) return "";
  const text = (cents / 100).toFixed(2);
  return language === "de" ? text.replace(".", ",") : text;
}

const feeField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const parsed = parseFeeCents(value);
    if (!parsed.ok) {
      ctx.issues.push({ code: "custom", message: "fee_invalid", input: value });
      return z.NEVER;
    }
    return parsed.cents;
  });

// ---------------------------------------------------------------------------
// Form data with nested fields
// ---------------------------------------------------------------------------

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Turns posted names like "documents.3.count" into nested objects and arrays, the shape react-hook-form builds in the
 * browser, so one schema reads both. Array indexes are capped: a forged "documents.999999999.count" must not make the
 * schema walk a billion empty slots.
 */
export function unflattenFormData(raw: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const parts = key.split(".");
    if (parts.some((part) => part === "" || UNSAFE_KEYS.has(part) || (/^\d+$/.test(part) && Number(part) >= MAX_DOCUMENT_ROWS))) continue;
    let node: Record<string, unknown> | unknown[] = result;
    let valid = true;
    for (let i = 0; i < parts.length - 1 && valid; i++) {
      const part = parts[i]!;
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      const container = readChild(node, part);
      if (container === INVALID) {
        valid = false;
        break;
      }
      if (container === undefined) {
        const created: Record<string, unknown> | unknown[] = nextIsIndex ? [] : {};
        valid = writeChild(node, part, created);
        node = created;
      } else if (typeof container === "object" && container !== null) {
        node = container as Record<string, unknown> | unknown[];
      } else {
        valid = false;
      }
    }
    if (valid) writeChild(node, parts[parts.length - 1]!, value);
  }
  return result;
}

const INVALID = Symbol("invalid");

function readChild(node: Record<string, unknown> | unknown[], part: string): unknown {
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(part) || Number(part) >= MAX_DOCUMENT_ROWS) return INVALID;
    return node[Number(part)];
  }
  return Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
}

function writeChild(node: Record<string, unknown> | unknown[], part: string, value: unknown): boolean {
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(part) || Number(part) >= MAX_DOCUMENT_ROWS) return false;
    node[Number(part)] = value;
    return true;
  }
  node[part] = value;
  return true;
}

/** The schema a server action uses for a posted form: flat names first become the nested shape. */
export function fromFormData<S extends z.ZodType>(schema: S) {
  return z.preprocess((raw) => (raw && typeof raw === "object" && !Array.isArray(raw) ? unflattenFormData(raw as Record<string, unknown>) : raw), schema);
}

/** Edit forms post the record's id in a hidden field as well. */
export function withRecordId<S extends z.ZodType>(schema: S) {
  return fromFormData(z.intersection(z.object({ id: recordId("not_found") }), schema));
}

// ---------------------------------------------------------------------------
// Concerns
// ---------------------------------------------------------------------------

export const MAX_CONDITION_LENGTH = 200;
export const DEFAULT_DOCUMENT_SCOPE: DocumentScope = "once_per_visit";

/** One row of the documents table in the concern form; only ticked rows are checked and saved. */
const concernDocumentRow = z
  .object({
    documentId: recordId("unknown_reference"),
    selected: flag,
    scope: z.enum(DOCUMENT_SCOPES, { error: "document_scope_invalid" }).optional(),
    count: z.string().trim().optional(),
    /** Empty: always needed; otherwise "Nur wenn …" in both languages. */
    conditionDe: optionalText(MAX_CONDITION_LENGTH),
    conditionEn: optionalText(MAX_CONDITION_LENGTH),
    position: z.string().trim().optional(),
  })
  .superRefine((row, ctx) => {
    if (!row.selected) return;
    if (row.scope === undefined) ctx.addIssue({ code: "custom", path: ["scope"], message: "document_scope_invalid" });
    bothLanguages<typeof row>([["conditionDe", "conditionEn"]])(row, ctx);
    const count = Number(row.count);
    if (!/^\d{1,2}$/.test(row.count ?? "") || count < 1 || count > 20) {
      ctx.addIssue({ code: "custom", path: ["count"], message: "document_count_invalid" });
    }
    if (!/^\d{0,4}$/.test(row.position ?? "")) ctx.addIssue({ code: "custom", path: ["position"], message: "position_invalid" });
  })
  .transform((row) => ({
    documentId: row.documentId,
    selected: row.selected,
    scope: row.scope ?? DEFAULT_DOCUMENT_SCOPE,
    count: row.selected ? Number(row.count) : 1,
    condition: row.conditionDe && row.conditionEn ? { de: row.conditionDe, en: row.conditionEn } : null,
    position: row.position ? Number(row.position) : null,
  }));

export const concernSchema = z
  .object({
    nameDe: requiredText(120),
    nameEn: requiredText(120),
    slug: slugField,
    categoryId: recordId("category_required"),
    descriptionDe: requiredText(4000),
    descriptionEn: requiredText(4000),
    durationMinutes: wholeNumber(5, 480, "duration_invalid", 5),
    fee: feeField,
    feeNoteDe: optionalText(500),
    feeNoteEn: optionalText(500),
    maxQuantity: wholeNumber(1, 20, "max_quantity_invalid"),
    leikaKey: z
      .string()
      .optional()
      .transform((value) => (value ?? "").replace(/\s/g, ""))
      .refine((value) => value === "" || /^\d{14}$/.test(value), { error: "leika_invalid" })
      .transform((value) => (value ? value : null)),
    active: flag,
    position: positionField,
    locationIds: idList,
    documents: z
      .array(concernDocumentRow)
      .max(MAX_DOCUMENT_ROWS)
      .optional()
      .transform((rows) => rows ?? []),
    formIds: idList,
  })
  .superRefine(bothLanguages([["feeNoteDe", "feeNoteEn"]]))
  .superRefine((concern, ctx) => {
    // An active concern no location offers could be chosen but never booked.
    if (concern.active && concern.locationIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["locationIds"], message: "locations_required" });
    }
  });
export type ConcernInput = z.input<typeof concernSchema>;
export type ConcernValues = z.output<typeof concernSchema>;

export const categorySchema = z.object({
  nameDe: requiredText(80),
  nameEn: requiredText(80),
  slug: slugField,
  position: positionField,
  openByDefault: flag,
});
export type CategoryInput = z.input<typeof categorySchema>;

export const documentSchema = z
  .object({
    nameDe: requiredText(200),
    nameEn: requiredText(200),
    key: slugField,
    hintDe: optionalText(1000),
    hintEn: optionalText(1000),
    /** Documents that satisfy this one as well: listed instead of it when both are needed. */
    alternativeIds: idList,
  })
  .superRefine(bothLanguages([["hintDe", "hintEn"]]));
export type DocumentInput = z.input<typeof documentSchema>;

/** A form is a file the office hosts under /forms/ or a page on an https site; nothing else may end up as a link. */
export function isAllowedFormHref(href: string): boolean {
  if (href.startsWith("/")) {
    return /^\/forms\/[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(href) && !href.includes("..");
  }
  try {
    const url = new URL(href);
    return url.protocol === "https:" && url.hostname.includes(".") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

export const formSchema = z.object({
  titleDe: requiredText(200),
  titleEn: requiredText(200),
  key: slugField,
  href: z
    .string({ error: "href_invalid" })
    .trim()
    .max(500, { error: "href_invalid" })
    .refine(isAllowedFormHref, { error: "href_invalid" }),
});
export type FormInput = z.input<typeof formSchema>;

export const MOVE_DIRECTIONS = ["up", "down"] as const;
export const moveSchema = z.object({
  id: recordId("not_found"),
  direction: z.enum(MOVE_DIRECTIONS),
});

export const recordIdSchema = z.object({ id: recordId("not_found") });

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

export const locationSchema = z
  .object({
    name: requiredText(120),
    slug: slugField,
    street: requiredText(120),
    postalCode: postalCodeField,
    city: requiredText(80),
    timeZone: z.enum(LOCATION_TIME_ZONES, { error: "time_zone_invalid" }),
    federalState: z.enum(FEDERAL_STATE_CODES, { error: "federal_state_invalid" }),
    phone: phoneField,
    email: emailField,
    directionsDe: optionalText(1000),
    directionsEn: optionalText(1000),
    active: flag,
    position: positionField,
    remindersEnabled: flag,
    reminderDaysBefore: wholeNumber(REMINDER_LIMITS.daysBefore.min, REMINDER_LIMITS.daysBefore.max, "reminder_days_invalid"),
    reminderHour: wholeNumber(REMINDER_LIMITS.hour.min, REMINDER_LIMITS.hour.max, "reminder_hour_invalid"),
  })
  .superRefine(bothLanguages([["directionsDe", "directionsEn"]]));
export type LocationInput = z.input<typeof locationSchema>;
export type LocationValues = z.output<typeof locationSchema>;

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

export type SlotGridMinutes = (typeof SLOT_GRID_MINUTES)[number];
const isSlotGrid = (value: number): value is SlotGridMinutes => (SLOT_GRID_MINUTES as readonly number[]).includes(value);

/** Upper bounds keep typos (an extra zero) from switching online booking off or keeping data for years. */
export const SETTINGS_LIMITS = {
  leadTimeMinutes: { min: 0, max: 20_160 },
  horizonDays: { min: 1, max: 365 },
  cancellationCutoffMinutes: { min: 0, max: 10_080 },
  maxActiveBookingsPerEmail: { min: 1, max: 20 },
  noShowLimit: { min: 0, max: 20 },
  noShowWindowMonths: { min: 1, max: 24 },
  offerHoldHours: { min: 1, max: 72 },
  bookingConfirmationMinutes: { min: 0, max: 1440 },
  retentionDays: { min: 1, max: 365 },
} as const;

const limited = (field: keyof typeof SETTINGS_LIMITS, error: string) => wholeNumber(SETTINGS_LIMITS[field].min, SETTINGS_LIMITS[field].max, error);

export const settingsSchema = z
  .object({
    leadTimeMinutes: limited("leadTimeMinutes", "lead_time_invalid"),
    horizonDays: limited("horizonDays", "horizon_invalid"),
    slotGridMinutes: z
      .string({ error: "slot_grid_invalid" })
      .trim()
      .regex(/^\d{1,3}$/, { error: "slot_grid_invalid" })
      .transform(Number)
      .refine(isSlotGrid, { error: "slot_grid_invalid" })
      .transform((value) => value as SlotGridMinutes),
    cancellationCutoffMinutes: limited("cancellationCutoffMinutes", "cutoff_invalid"),
    maxActiveBookingsPerEmail: limited("maxActiveBookingsPerEmail", "max_active_invalid"),
    noShowLimit: limited("noShowLimit", "no_show_limit_invalid"),
    noShowWindowMonths: limited("noShowWindowMonths", "no_show_window_invalid"),
    offerHoldHours: limited("offerHoldHours", "offer_hold_invalid"),
    bookingConfirmationMinutes: limited("bookingConfirmationMinutes", "confirmation_minutes_invalid"),
    retentionDays: limited("retentionDays", "retention_invalid"),
    officeName: requiredText(120),
    operatorName: requiredText(120),
    operatorStreet: requiredText(120),
    operatorPostalCode: postalCodeField,
    operatorCity: requiredText(80),
    operatorRepresentative: requiredText(200),
    contactPhone: phoneField,
    contactEmail: emailField,
    accessibilityContactEmail: emailField,
    dataProtectionOfficer: requiredText(500),
    supervisoryAuthority: requiredText(500),
    vatId: z
      .string()
      .optional()
      .transform((value) => (value ?? "").replace(/\s/g, "").toUpperCase())
      .refine((value) => value === "" || /^DE\d{9}$/.test(value), { error: "vat_id_invalid" }),
    frameAncestors: z
      .string()
      .max(2_000, { error: "frame_ancestors_invalid" })
      .optional()
      .transform((value) => parseFrameAncestors(value ?? ""))
      .refine((parsed) => parsed.ok, { error: "frame_ancestors_invalid" })
      .transform((parsed) => (parsed.ok ? parsed.origins.join(" ") : "")),
  })
  .superRefine((values, ctx) => {
    // A lead time as long as the horizon leaves no bookable day at all. zod may run this with a field that already
    // failed its own check; only compare two values that are valid on their own.
    const horizonValid = Number.isInteger(values.horizonDays) && values.horizonDays >= SETTINGS_LIMITS.horizonDays.min;
    if (horizonValid && values.leadTimeMinutes >= values.horizonDays * 24 * 60) {
      ctx.addIssue({ code: "custom", path: ["leadTimeMinutes"], message: "lead_time_beyond_horizon" });
    }
  });
export type SettingsInput = z.input<typeof settingsSchema>;
export type SettingsValues = z.output<typeof settingsSchema>;

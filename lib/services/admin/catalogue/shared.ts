/**
 * What the catalogue services (and the location and settings services) share: parsing a form's input into a
 * ValidationError the form shows per field, slugs and keys that never clash, and the audit log's view of a change.
 */
import type { z } from "zod";
import { AppError, ValidationError } from "@/lib/errors";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

/** Parses with the form's schema; field problems become a ValidationError the form shows next to each field. */
export function parseAdminInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(`invalid ${what}`, fieldErrorsFrom(parsed.error));
  return parsed.data;
}

/** "Führungszeugnis beantragen" → "fuehrungszeugnis-beantragen": German letters spelled out, the rest reduced to a-z0-9. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** A record's slug or key is part of links and seeds; a clash is a conflict the form shows at that field. */
export class DuplicateKeyError extends AppError {
  constructor(field: string, reason: "slug_taken" | "key_taken") {
    super("conflict", `${field} already in use`, { field, reason });
    this.name = "DuplicateKeyError";
  }
}

/**
 * An explicit slug must be free; an empty one is derived from the name and numbered ("-2", "-3") until it is free, so
 * an administrator never has to invent one.
 */
export async function resolveUniqueSlug(
  explicit: string | null,
  name: string,
  fallback: string,
  isTaken: (slug: string) => Promise<boolean>,
  field: string,
  reason: "slug_taken" | "key_taken",
): Promise<string> {
  if (explicit) {
    if (await isTaken(explicit)) throw new DuplicateKeyError(field, reason);
    return explicit;
  }
  const base = slugify(name, fallback);
  if (!(await isTaken(base))) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base.slice(0, 56)}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new DuplicateKeyError(field, reason);
}

/** Only what changed, for the audit log; null when nothing did. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T & string>;
  const changed = [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<T>,
  };
}


/** Timestamps say nothing an audit entry's own time does not. */
export function withoutTimestamps<T extends { createdAt?: Date; updatedAt?: Date }>(row: T): Omit<T, "createdAt" | "updatedAt"> {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row;
  return rest;
}

/** A catalogue row with the number of concerns that use it (a used document or form cannot be deleted). */
export type WithUsage<T> = T & { usedBy: number };

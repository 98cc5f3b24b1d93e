/**
 * The booking wizard keeps its choices (concerns, location, day, time) in the URL, so every step is a real page with
 * its own address, back links keep what was chosen, and the flow works without JavaScript. Personal data never goes
 * into the URL: it lives in the sealed draft cookie.
 */
import { z } from "zod";
import { isPlausibleLocalDate, type LocalDate } from "@/lib/domain/zoned-time";

export type SelectedItem = { slug: string; quantity: number };
export type Selection = { items: SelectedItem[]; location: string | null; date: LocalDate | null; time: Date | null };

export const PARAM = { items: "anliegen", location: "standort", date: "tag", time: "zeit" } as const;

const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);
const MAX_ITEMS = 10;

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Lenient: whatever part is malformed is dropped, and the wizard sends the citizen back to that step. */
export function parseSelection(params: Params): Selection {
  const items: SelectedItem[] = [];
  for (const part of (first(params[PARAM.items]) ?? "").split("_").slice(0, MAX_ITEMS)) {
    const [slug, quantityText] = part.split(".");
    const quantity = Number(quantityText ?? "1");
    if (slugSchema.safeParse(slug).success && Number.isInteger(quantity) && quantity >= 1 && quantity <= 20 && !items.some((i) => i.slug === slug)) {
      items.push({ slug: slug!, quantity });
    }
  }
  const location = first(params[PARAM.location]) ?? null;
  const date = first(params[PARAM.date]) ?? null;
  const timeText = first(params[PARAM.time]) ?? null;
  const timeMatch = timeText ? /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})Z$/.exec(timeText) : null;
  const time = timeMatch ? new Date(`${timeMatch[1]}T${timeMatch[2]}:${timeMatch[3]}:00Z`) : null;
  return {
    items,
    location: location && slugSchema.safeParse(location).success ? location : null,
    date: date && isPlausibleLocalDate(date) ? date : null,
    time: time && !Number.isNaN(time.getTime()) && isPlausibleLocalDate(timeMatch![1]!) ? time : null,
  };
}

/** "2026-12-01T0830Z": a short, exact UTC instant that needs no escaping in URLs. */
export function formatTimeParam(instant: Date): string {
  return instant.toISOString().slice(0, 16).replace(":", "") + "Z";
}

export function selectionParams(selection: Partial<Selection>, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.items && selection.items.length > 0) {
    params.set(PARAM.items, selection.items.map((i) => `${i.slug}.${i.quantity}`).join("_"));
  }
  if (selection.location) params.set(PARAM.location, selection.location);
  if (selection.date) params.set(PARAM.date, selection.date);
  if (selection.time) params.set(PARAM.time, formatTimeParam(selection.time));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

export function selectionHref(path: string, selection: Partial<Selection>, extra: Record<string, string> = {}): string {
  const query = selectionParams(selection, extra).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Which other sites may show the booking pages in a frame (the town's website leading straight to booking): a list
 * of origins an administrator keeps in the settings, turned into the Content-Security-Policy's `frame-ancestors`.
 * Only exact origins: https (plain http only for a local test host), no paths, no wildcards, no quotes that could
 * smuggle another directive into the header.
 */
const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/;
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;
export const MAX_FRAME_ANCESTORS = 10;

/** The origins in a settings text (separated by spaces, commas or lines), or the first entry that is not one. */
export function parseFrameAncestors(text: string): { ok: true; origins: string[] } | { ok: false; invalid: string } {
  const entries = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/\/+$/, ""))
    .filter(Boolean);
  const invalid = entries.find((entry) => !ORIGIN.test(entry) && !LOCAL_ORIGIN.test(entry));
  if (invalid !== undefined) return { ok: false, invalid };
  if (entries.length > MAX_FRAME_ANCESTORS) return { ok: false, invalid: entries[MAX_FRAME_ANCESTORS]! };
  return { ok: true, origins: [...new Set(entries)] };
}

/** The `frame-ancestors` directive's value: none unless origins are allowed (and never for the staff area). */
export function frameAncestorsDirective(settingsText: string, isStaffArea: boolean): string {
  if (isStaffArea) return "'none'";
  const parsed = parseFrameAncestors(settingsText);
  return parsed.ok && parsed.origins.length > 0 ? parsed.origins.join(" ") : "'none'";
}

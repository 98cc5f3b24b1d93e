import "server-only";

/** Ids in a path are looked up, never trusted: anything but digits is treated as "no such record" (404). */
export function parseRecordId(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

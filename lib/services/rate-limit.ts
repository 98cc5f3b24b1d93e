/**
 * A small in-memory sliding-window limiter per process (bookings per address, API calls). Keys are hashed before they
 * are kept, so no address sits in memory in plain text; nothing is written to the database.
 */
import { createHash } from "node:crypto";
import { now as clockNow } from "@/lib/clock";

type Window = { hits: number[] };
const windows = new Map<string, Window>();
let lastSweep = 0;

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

export function hitRateLimit(key: string, limit: number, windowMs: number, now = clockNow().getTime()): RateLimitResult {
  sweep(now, windowMs);
  const id = createHash("sha256").update(key).digest("base64url");
  const window = windows.get(id) ?? { hits: [] };
  window.hits = window.hits.filter((t) => t > now - windowMs);
  if (window.hits.length >= limit) {
    windows.set(id, window);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.hits[0]! + windowMs - now) / 1000)) };
  }
  window.hits.push(now);
  windows.set(id, window);
  return { allowed: true, retryAfterSeconds: 0 };
}

function sweep(now: number, windowMs: number) {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  for (const [id, window] of windows) if (window.hits.every((t) => t <= now - windowMs)) windows.delete(id);
}


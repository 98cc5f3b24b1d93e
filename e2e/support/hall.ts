import Database from "better-sqlite3";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, type Locator } from "@playwright/test";
import { holidaysBetween, isFederalStateCode } from "@/lib/domain/holidays";
import { instantToZoned } from "@/lib/domain/zoned-time";
import { E2E } from "./settings";

/**
 * Test setup for the hall (kiosk, queue, call display): open the door today for a while, and read the queue. Plain
 * SQL, like e2e/support/db.ts.
 */
function open() {
  const db = new Database(E2E.databasePath, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  return db;
}

/**
 * A walk-in block at the Rathaus from half an hour ago for two hours, today only. Online booking is unaffected: its
 * lead time starts after the block.
 */
export function openDoorForAWhile(): number {
  const db = open();
  try {
    const { date, minutesOfDay } = instantToZoned(E2E.now(), "Europe/Berlin");
    const locationId = (db.prepare("select id from locations where slug = 'rathaus'").get() as { id: number }).id;
    const result = db
      .prepare(
        "insert into walk_in_blocks (location_id, weekday, valid_from, valid_until, start_minute, end_minute, counters, note, created_at, updated_at) values (?, null, ?, ?, ?, ?, 1, 'e2e', ?, ?)",
      )
      .run(locationId, date, date, Math.max(0, minutesOfDay - 30), Math.min(1440, minutesOfDay + 120), E2E.now().getTime(), E2E.now().getTime());
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}

/**
 * Today's public holiday at the Rathaus by the app's clock (its German name), or null. On a holiday the hall stays
 * closed whatever the walk-in blocks say (lib/services/queue/hall.ts), so no walk-in ticket can be drawn: the specs
 * that need one check the closed door instead (`npm run test:dates` runs them on Reformationstag).
 */
export function holidayAtRathausToday(): string | null {
  const db = open();
  try {
    const { federal_state: state } = db.prepare("select federal_state from locations where slug = 'rathaus'").get() as { federal_state: string };
    const { date } = instantToZoned(E2E.now(), "Europe/Berlin");
    return isFederalStateCode(state) ? (holidaysBetween(date, date, state).get(date)?.name.de ?? null) : null;
  } finally {
    db.close();
  }
}

export function closeDoor(blockId: number): void {
  const db = open();
  try {
    db.prepare("delete from walk_in_blocks where id = ?").run(blockId);
  } finally {
    db.close();
  }
}

/** Moves a booking to start `minutesFromNow` minutes from the app's now: an appointment due for check-in today. */
export function moveBookingToSoon(referenceCode: string, minutesFromNow: number): void {
  const db = open();
  try {
    const startsAt = E2E.now().getTime() + minutesFromNow * 60_000;
    db.prepare("update bookings set starts_at = ?, ends_at = ? + (ends_at - starts_at) where reference_code = ?").run(startsAt, startsAt, referenceCode);
  } finally {
    db.close();
  }
}

export type QueueRow = { id: number; number: number; kind: string; status: string; counter: number | null };

export function queueRows(): QueueRow[] {
  const db = open();
  try {
    return db.prepare("select id, number, kind, status, counter from queue_entries order by id").all() as QueueRow[];
  } finally {
    db.close();
  }
}

/** Reads a QR code from what the browser shows (a screenshot of `element`), as a scanner would. */
export async function readQrCode(element: Locator): Promise<string> {
  const png = PNG.sync.read(await element.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  expect(code, "a readable QR code").not.toBeNull();
  return code!.data;
}

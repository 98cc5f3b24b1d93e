// Child process of lib/cli/backup.test.ts: books through the real service code, one booking after another, until the
// stop file appears. Prints "booked <reference>" for each booking only after createBooking has returned, i.e. after
// its transaction committed: a reference the parent has read is durably in the database.
import { existsSync } from "node:fs";
import { closeTestDatabase, openTestDatabase } from "./temp-db";
import { addDays, instantToZoned } from "@/lib/domain/zoned-time";
import { createBooking, SlotTakenError } from "@/lib/services/bookings";
import { generateFormNonce } from "@/lib/booking-tokens";
import { freeSlots } from "./booking-fixtures";

// A CommonJS script (no top-level await): the work runs in main().
async function main(): Promise<void> {

  const [databasePath, payloadJson] = process.argv.slice(2);
  const payload = JSON.parse(payloadJson!) as { locationId: number; concernId: number; now: string; stopFile: string; maxMs: number };
  const now = new Date(payload.now);
  const db = openTestDatabase(databasePath!);
  const context = { db, now: () => now, publicUrl: "https://x.example", canSendMail: false, secret: "s".repeat(40) };
  const items = [{ concernId: payload.concernId, quantity: 1 }];
  const giveUpAt = Date.now() + payload.maxMs; // a safety net if the parent dies without creating the stop file

  let booked = 0;
  let day = instantToZoned(now, "Europe/Berlin").date;
  outer: for (let dayIndex = 0; dayIndex < 50; dayIndex++, day = addDays(day, 1)) {
    for (const slot of await freeSlots(db, items, "rathaus", day, { now })) {
      for (let seat = 0; seat < slot.remaining; seat++) {
        if (existsSync(payload.stopFile) || Date.now() > giveUpAt) break outer;
        try {
          const { booking } = await createBooking(context, { userId: null, label: "citizen" }, {
            locationId: payload.locationId,
            items,
            startsAt: slot.startsAt,
            channel: "online",
            citizen: { name: `Last ${booked}`, email: `last-${booked}@example.org`, phone: null, note: null },
            language: "de",
            linkNonce: generateFormNonce(),
          });
          booked += 1;
          process.stdout.write(`booked ${booking.referenceCode}\n`);
        } catch (error) {
          if (!(error instanceof SlotTakenError)) throw error;
        }
      }
    }
  }
  await closeTestDatabase(db);
  process.stdout.write(`done ${booked}\n`);
}

void main();

// Child process of the two-process race test: tries to book the same start several times at the shared instant.
import { closeTestDatabase, openTestDatabase } from "./temp-db";
import { createBooking, SlotTakenError } from "@/lib/services/bookings";
import { generateFormNonce } from "@/lib/booking-tokens";
import { waitUntil } from "./process-harness";

// A CommonJS script (no top-level await): the work runs in main().
async function main(): Promise<void> {

  const [startAt, databasePath, payloadJson] = process.argv.slice(2);
  const payload = JSON.parse(payloadJson!) as { locationId: number; concernId: number; startsAt: string; attempts: number; now: string; tag: string };
  const db = openTestDatabase(databasePath!);
  const context = { db, now: () => new Date(payload.now), publicUrl: "https://x.example", canSendMail: false, secret: "s".repeat(40) };

  waitUntil(Number(startAt));
  const outcomes = { booked: 0, taken: 0, other: [] as string[] };
  for (let i = 0; i < payload.attempts; i++) {
    try {
      await createBooking(context, { userId: null, label: "citizen" }, {
          locationId: payload.locationId,
          items: [{ concernId: payload.concernId, quantity: 1 }],
          startsAt: new Date(payload.startsAt),
          channel: "online",
          citizen: { name: `Racer ${payload.tag}-${i}`, email: `racer-${payload.tag}-${i}@example.org`, phone: null, note: null },
          language: "de",
          linkNonce: generateFormNonce(),
        });
      outcomes.booked += 1;
    } catch (error) {
      if (error instanceof SlotTakenError) outcomes.taken += 1;
      else outcomes.other.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }
  await closeTestDatabase(db);
  console.log(JSON.stringify(outcomes));
}

void main();

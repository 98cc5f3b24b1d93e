// Child process of the two-clerk race test: one clerk at `counter` presses "call next" and finishes, until the hall is empty.
import { openDatabase } from "@/db/client";
import { applyQueueStep, callNext } from "@/lib/services/queue/counter";
import { waitUntil } from "./process-harness";
import { signedInAccess } from "./staff-access";

const [startAt, databasePath, payloadJson] = process.argv.slice(2);
const payload = JSON.parse(payloadJson!) as { locationId: number; counter: number; now: string };
const db = openDatabase(databasePath!);
const context = { db, now: () => new Date(payload.now), publicUrl: "https://x.example", canSendMail: false, secret: "s".repeat(40) };
const clerk = signedInAccess(context, "staff");

waitUntil(Number(startAt));
const called: number[] = [];
const errors: string[] = [];
for (;;) {
  try {
    const next = callNext(clerk, payload.locationId, payload.counter);
    if (!next) break;
    called.push(next.entry.id);
    applyQueueStep(clerk, next.entry.id, "finish", { counter: payload.counter });
  } catch (error) {
    errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    break;
  }
}
db.$client.close();
console.log(JSON.stringify({ called, errors }));

// Child process of the two-clerk race test: one clerk at `counter` presses "call next" and finishes, until the hall is empty.
import { count, eq } from "drizzle-orm";
import { queueEntries } from "@/db/schema";
import { closeTestDatabase, openTestDatabase } from "./temp-db";
import { applyQueueStep, callNext } from "@/lib/services/queue/counter";
import { waitUntil } from "./process-harness";
import { signedInAccess } from "./staff-access";

// A CommonJS script (no top-level await): the work runs in main().
async function main(): Promise<void> {

  const [startAt, databasePath, payloadJson] = process.argv.slice(2);
  const payload = JSON.parse(payloadJson!) as { locationId: number; counter: number; otherCounter: number; now: string };
  const db = openTestDatabase(databasePath!);
  const context = { db, now: () => new Date(payload.now), publicUrl: "https://x.example", canSendMail: false, secret: "s".repeat(40) };
  const clerk = await signedInAccess(context, "staff");

  /**
   * After its first call, each clerk waits until the other has called someone too: on a busy machine one process can
   * start so late that the other empties the hall alone, and then nothing was tested. From there on both run at once.
   */
  async function waitForTheOtherClerk(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while ((await db.select({ n: count() }).from(queueEntries).where(eq(queueEntries.counter, payload.otherCounter)))[0]!.n === 0) {
      if (Date.now() > deadline) throw new Error("the other clerk never called anyone");
    }
  }

  waitUntil(Number(startAt));
  const called: number[] = [];
  const errors: string[] = [];
  for (;;) {
    try {
      const next = await callNext(clerk, payload.locationId, payload.counter);
      if (!next) break;
      called.push(next.entry.id);
      await applyQueueStep(clerk, next.entry.id, "finish", { counter: payload.counter });
      if (called.length === 1) await waitForTheOtherClerk();
    } catch (error) {
      errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      break;
    }
  }
  await closeTestDatabase(db);
  console.log(JSON.stringify({ called, errors }));
}

void main();

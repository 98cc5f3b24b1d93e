// Child process of the reminder test: one app process running its reminder pass at the given instant.
import { closeTestDatabase, openTestDatabase } from "./temp-db";
import { queueDueReminders } from "@/lib/services/reminders";
import { waitUntil } from "./process-harness";

// A CommonJS script (no top-level await): the work runs in main().
async function main(): Promise<void> {

  const [startAt, databasePath, now, secret] = process.argv.slice(2);
  const db = openTestDatabase(databasePath!);
  const context = { db, now: () => new Date(now!), publicUrl: "https://termine.musterstadt.example", canSendMail: false, secret: secret! };
  waitUntil(Number(startAt));
  const queued = await queueDueReminders(context);
  await closeTestDatabase(db);
  console.log(JSON.stringify({ queued }));
}

void main();

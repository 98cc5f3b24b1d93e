/**
 * `npm run db:seed` fills the database with the Musterstadt demo. With `--if-empty` it leaves a database that already
 * holds data alone, so `npm run demo` can be started again and again. Refuses to run in production mode.
 */
import { getEnv } from "@/lib/env";
import { closeAppDatabase, migrateAppDatabase, openAppDatabase } from "./client";
import { isDatabaseEmpty, seedDemo, DEMO_ACCOUNTS } from "./seed";
import { now } from "@/lib/clock";

async function main() {
  const env = getEnv();
  if (!env.isDemo) {
    console.error("Refusing to load demo data: TERMINVERGABE_MODE is production.");
    process.exit(1);
  }
  const where = env.databaseUrl ? "the PostgreSQL database" : env.databasePath;
  await migrateAppDatabase(env);
  const db = openAppDatabase(env);
  if (!await isDatabaseEmpty(db)) {
    if (process.argv.includes("--if-empty")) {
      console.log(`Demo data already present in ${where}; nothing to do.`);
      await closeAppDatabase(db);
      return;
    }
    console.error(`${where} already holds data. Delete it to start over, or pass --if-empty.`);
    process.exit(1);
  }
  const summary = await seedDemo(db, now());
  await closeAppDatabase(db);
  console.log(
    `Seeded ${where}: ${summary.locations} locations, ${summary.concerns} concerns, ${summary.bookings} demo bookings.\n` +
      `Demo sign-in (demo only): ${DEMO_ACCOUNTS.admin.email} / ${DEMO_ACCOUNTS.admin.password} (admin), ` +
      `${DEMO_ACCOUNTS.staff.email} / ${DEMO_ACCOUNTS.staff.password} (staff)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

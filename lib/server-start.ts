import { getDb } from "@/db/client";
import { ConfigurationError, getEnv } from "@/lib/env";
import { CLIENT_PROOF_ENV } from "@/lib/http/client-address";
import { runsBackgroundJobs } from "@/lib/ops/worker-role";
import { startBackgroundJobs } from "@/lib/services/background-jobs";

export function startServer(): void {
  try {
    const env = getEnv();
    if (!process.env[CLIENT_PROOF_ENV]) {
      // Without our HTTP server nobody knows the clients' addresses: every request would share one rate budget.
      const message = "Terminvergabe was not started through its own server (npm start, lib/http/server.ts): client addresses are unknown, so all clients share one request budget.";
      if (!env.isDemo) {
        console.error(`${message} Refusing to run in production mode.`);
        process.exit(1);
      }
      console.warn(message);
    }
    // Opens the database (our server has applied pending migrations before: lib/http/server.ts).
    getDb();
    // Background work in exactly one process: a single server runs it itself; of several workers only the one the
    // primary gave the "jobs" role (and its replacement) runs the timers. The others only kick the outbox after their
    // own commits, which the outbox's leases make safe. Why: lib/services/background-jobs.ts.
    startBackgroundJobs({ timers: runsBackgroundJobs() });
    if (env.isDemo) {
      // The URL is not printed: it may hold the database password.
      const database = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : env.databasePath;
      console.info(`Terminvergabe is running in DEMO mode (database: ${database}). Do not use it for real appointments.`);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

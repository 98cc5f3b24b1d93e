import { getDb } from "@/db/client";
import { ConfigurationError, getEnv } from "@/lib/env";
import { startBackgroundJobs } from "@/lib/services/background-jobs";

export function startServer(): void {
  try {
    const env = getEnv();
    getDb();
    startBackgroundJobs();
    if (env.isDemo) {
      console.info(`Terminvergabe is running in DEMO mode (database: ${env.databasePath}). Do not use it for real appointments.`);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

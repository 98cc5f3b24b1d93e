import { pgTable, text } from "drizzle-orm/pg-core";
import { instant } from "./_columns";

/** The PostgreSQL twin of db/schema/job-runs.ts: when each periodic job last started, and where. */
export const jobRuns = pgTable("job_runs", {
  name: text().primaryKey(),
  startedAt: instant().notNull(),
  holder: text().notNull(),
});

import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { instant } from "./_columns";

/**
 * When each periodic job (retention, reminders, the waiting list's round) last started, and where. Every instance's
 * jobs worker has the timers; before a pass it claims the run here (lib/services/job-runs.ts), so each job runs once
 * per interval across all processes and instances on the database, not once per instance.
 */
export const jobRuns = sqliteTable("job_runs", {
  name: text().primaryKey(),
  startedAt: instant().notNull(),
  /** host:pid of the process that started the run: for operators reading the table. */
  holder: text().notNull(),
});

export type JobRun = typeof jobRuns.$inferSelect;

import { hostname } from "node:os";
import { eq } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { inWriteTransaction } from "@/db/transaction";

/** The periodic jobs that must run once per interval across every process and instance (lib/services/background-jobs.ts). */
export type PeriodicJob = "retention" | "reminders" | "waiting-list";

/**
 * A claimed run's interval may be this much shorter than the job's: the timers of the process that claimed last fire
 * a little late or early, and a run must never be skipped because the previous one started a few seconds "too late".
 */
const TIMER_SLACK = 0.1;

/** Who runs the job, for operators reading the table: several instances may share one database. */
export function jobHolder(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether this process should run `job` now: claims the run when no process on the database started one within the
 * job's interval. Several instances each have their jobs worker with its own timers; of those that fire within one
 * interval, only the first runs the job. One write transaction, so two claims at once cannot both succeed.
 */
export async function claimJobRun(db: DbOrTransaction, job: PeriodicJob, now: Date, intervalMs: number, holder: string = jobHolder()): Promise<boolean> {
  const startedAfter = now.getTime() - intervalMs * (1 - TIMER_SLACK);
  return inWriteTransaction(db, async (tx) => {
    const [last] = await tx.select({ startedAt: jobRuns.startedAt }).from(jobRuns).where(eq(jobRuns.name, job));
    if (last && last.startedAt.getTime() > startedAfter) return false;
    await tx
      .insert(jobRuns)
      .values({ name: job, startedAt: now, holder })
      .onConflictDoUpdate({ target: jobRuns.name, set: { startedAt: now, holder } });
    return true;
  });
}

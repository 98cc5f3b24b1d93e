import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { processHooks } from "@/lib/ops/process-hooks";
import { checkReadiness, readinessResponse } from "@/lib/ops/readiness";

/** Readiness for load balancers and monitoring: 200 or 503 with the failed checks (lib/ops/readiness.ts). */
export const dynamic = "force-dynamic";

export async function GET() {
  const env = getEnv();
  return readinessResponse(
    await checkReadiness(getDb, {
        now: now(),
        canSendMail: env.mail.transport !== null,
        outboxPollSeconds: env.outboxPollSeconds,
        shuttingDown: processHooks().shuttingDown,
      }),
  );
}

import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

/** Shared by the Playwright config (which starts the servers) and the specs (which read the same database). */
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const mailPort = Number(process.env.E2E_MAIL_PORT ?? 3901);
const databasePath = path.join(os.tmpdir(), "terminvergabe-e2e", "e2e.sqlite");

/**
 * E2E_POSTGRES_URL names a PostgreSQL server (playwright.postgres.config.ts requires it): the app then runs on a
 * database of its own there, dropped and created afresh at each start (start-app.mjs). Its name is derived from the
 * checkout, not from the run, so every process of a run (runner, workers, servers) arrives at the same one without
 * passing it around, a rerun replaces it instead of leaving another behind, and two checkouts on one server never meet.
 */
const postgresServer = process.env.E2E_POSTGRES_URL?.trim() || null;
const databaseUrl = postgresServer ? postgresDatabaseUrl(postgresServer) : null;

function postgresDatabaseUrl(server: string): string {
  const url = new URL(server);
  url.pathname = `/terminvergabe_e2e_${createHash("sha256").update(process.cwd()).digest("hex").slice(0, 12)}`;
  return url.toString();
}

/**
 * The app runs on a fixed clock, never on the day the suite happens to run: an ordinary Tuesday morning unless
 * E2E_CLOCK names another instant (`npm run test:dates` runs the date-sensitive specs at awkward ones). The moment the
 * clock was set is fixed once here, in the runner, and inherited by its workers and the servers, so all agree.
 */
const clockStart = process.env.E2E_CLOCK ?? "2026-11-24T09:00:00+01:00";
const clockSetAt = Number((process.env.E2E_CLOCK_SET_AT ??= String(Date.now())));
if (Number.isNaN(Date.parse(clockStart))) throw new Error(`E2E_CLOCK is not an ISO instant: ${clockStart}`);

export const E2E = {
  appPort,
  mailPort,
  baseUrl: `http://127.0.0.1:${appPort}`,
  mailUrl: `http://127.0.0.1:${mailPort}`,
  databasePath,
  /** The PostgreSQL database the app runs on, or null on the default SQLite run (then `databasePath` is the database). */
  databaseUrl,
  /** "Now" as the app sees it. */
  now: () => new Date(Date.parse(clockStart) + (Date.now() - clockSetAt)),
  appEnv: {
    TERMINVERGABE_CLOCK: clockStart,
    TERMINVERGABE_CLOCK_SET_AT: String(clockSetAt),
    PORT: String(appPort),
    DATABASE_PATH: databasePath,
    // Selects the engine (db/engine.ts); on SQLite it stays unset.
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PUBLIC_URL: `http://127.0.0.1:${appPort}`,
    // The real Resend SDK, pointed at the local recorder.
    RESEND_API_KEY: "re_e2e_local_recorder",
    RESEND_BASE_URL: `http://127.0.0.1:${mailPort}`,
    MAIL_FROM: "Bürgerbüro Musterstadt <termine@musterstadt.example>",
    OUTBOX_POLL_SECONDS: "1",
    // The suite books far more often from one address than any citizen would.
    RATE_LIMIT_SCALE: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  } as Record<string, string>,
};

import os from "node:os";
import path from "node:path";

/** Shared by the Playwright config (which starts the servers) and the specs (which read the same database). */
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const mailPort = Number(process.env.E2E_MAIL_PORT ?? 3901);
const databasePath = path.join(os.tmpdir(), "terminvergabe-e2e", "e2e.sqlite");

export const E2E = {
  appPort,
  mailPort,
  baseUrl: `http://127.0.0.1:${appPort}`,
  mailUrl: `http://127.0.0.1:${mailPort}`,
  databasePath,
  appEnv: {
    PORT: String(appPort),
    DATABASE_PATH: databasePath,
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

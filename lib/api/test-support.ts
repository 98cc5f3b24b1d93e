/**
 * For the API tests: a seeded temporary database that the route handlers reach through the app's own configuration
 * (appContext → getEnv/getDb), and requests as a client would send them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { GET as getChallenge } from "@/app/api/v1/challenge/route";
import { now } from "@/lib/clock";
import { CLIENT_ADDRESS_HEADER, CLIENT_PROOF_ENV, CLIENT_PROOF_HEADER } from "@/lib/http/client-address";
import { instantToZoned } from "@/lib/domain/zoned-time";
import { TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { appEnvFor, createTempDatabase } from "@/lib/testing/temp-db";
import { closeDatabase } from "@/db/client";

export const TEST_PUBLIC_URL = "https://termine.musterstadt.example";

/**
 * Seeds a fresh database (demo data placed around the fixed TEST_NOW) and points the app's configuration at it.
 * Call before the first handler call of a test file: configuration is read once per process, and Vitest runs each
 * test file in its own process. The handlers' clock is set to start at TEST_NOW, so "today" is a known Tuesday.
 */
export async function useSeededAppDatabase(): Promise<{ db: AppDatabase; cleanup: () => Promise<void> }> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-api-"));
  const temp = await createTempDatabase();
  const db = temp.db;
  // Before seeding: the app's clock reads its setting once, and the seed's row defaults already use it.
  Object.assign(process.env, {
    TERMINVERGABE_MODE: "demo",
    ...appEnvFor(temp, directory),
    AUTH_SECRET: "api-test-secret-api-test-secret-1234567",
    PUBLIC_URL: TEST_PUBLIC_URL,
    TERMINVERGABE_CLOCK: TEST_NOW.toISOString(),
  });
  // No transport: confirmations stay in the outbox, and kickOutbox() has nothing to send.
  delete process.env.RESEND_API_KEY;
  await seedDemo(db, TEST_NOW);
  return {
    db,
    cleanup: async () => {
      await closeDatabase();
      await temp.cleanup();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

let addressCounter = 0;
/** A client address of its own, so one test's requests never use up another test's rate limit. */
export function freshAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
}

type RequestOptions = { method?: string; headers?: Record<string, string>; json?: unknown; body?: string; address?: string };

/** What our HTTP server (lib/http/server.ts) adds to every request: the client address, with its proof. */
const TEST_CLIENT_PROOF = "api-test-client-proof";

export function apiRequest(pathAndQuery: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  process.env[CLIENT_PROOF_ENV] = TEST_CLIENT_PROOF;
  headers.set(CLIENT_ADDRESS_HEADER, options.address ?? freshAddress());
  headers.set(CLIENT_PROOF_HEADER, TEST_CLIENT_PROOF);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(`http://127.0.0.1/api/v1${pathAndQuery}`, { method: options.method ?? "GET", headers, body });
}

/** Today at the locations, by the clock the handlers use. */
export function todayAtLocations(): string {
  return instantToZoned(now(), TZ).date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field in tests
export async function readJson(response: Response): Promise<any> {
  return JSON.parse(await response.text());
}

/** A solved proof of work for one booking, as an API client sends it in the Altcha header. */
export async function solvedChallenge(address?: string): Promise<string> {
  const response = await getChallenge(apiRequest("/challenge", { address }));
  const { challenge } = await readJson(response);
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeAppDatabase, type AppDatabase } from "@/db/client";
import { appEnvFor, createTempDatabase, type TempDatabase } from "@/lib/testing/temp-db";
import { emailOutbox } from "@/db/schema";
import type { ProcessHooks } from "@/lib/ops/process-hooks";

/**
 * The jobs as the running app has them: configured from the environment, on the app's shared connection, sending to a
 * stand-in for Resend that answers only after `replyDelayMs`. Stopped the way the HTTP server stops them at shutdown,
 * through the process hooks.
 */
const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-jobs-"));
let replyDelayMs = 0;
let received = 0;
let provider: Server;
const shared = globalThis as unknown as { terminvergabeJobs?: unknown; terminvergabeProcess?: ProcessHooks; terminvergabeDb?: AppDatabase };

beforeAll(async () => {
  provider = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received += 1;
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ id: `msg-${received}` }));
      }, replyDelayMs);
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    RESEND_API_KEY: "re_test",
    RESEND_BASE_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}`,
    // Only the first pass and kicks run during a test, never the poll.
    OUTBOX_POLL_SECONDS: "3600",
  });
});
let temp: TempDatabase | undefined;
async function closeThisRunsDatabases() {
  if (shared.terminvergabeDb) await closeAppDatabase(shared.terminvergabeDb);
  delete shared.terminvergabeDb;
  await temp?.cleanup();
  temp = undefined;
}
afterAll(async () => {
  await closeThisRunsDatabases();
  await new Promise<void>((resolve) => provider.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});
let run = 0;
beforeEach(async () => {
  // A fresh process as far as the jobs know: new module copies, no shared job state, its own database.
  vi.resetModules();
  await closeThisRunsDatabases();
  temp = await createTempDatabase();
  await closeAppDatabase(temp.db);
  Object.assign(process.env, appEnvFor(temp, path.join(directory, `jobs-${++run}`)));
  delete shared.terminvergabeJobs;
  delete shared.terminvergabeProcess;
  received = 0;
});

async function startJobsWithOneMessage() {
  const { getDb } = await import("@/db/client");
  const db = getDb();
  const queue = async () => {
    const now = new Date("2026-11-24T08:00:00.000Z");
    const values = { kind: "booking_confirmation", recipient: "erika@example.org", subject: "Termin", html: "<p>x</p>", text: "x", nextAttemptAt: now, createdAt: now } as const;
    return (await db.insert(emailOutbox).values(values).returning({ id: emailOutbox.id }))[0]!.id;
  };
  const id = await queue();
  const jobs = await import("./background-jobs");
  jobs.startBackgroundJobs({ timers: true });
  await vi.waitFor(() => expect(received).toBe(1));
  const status = async () => (await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!.status;
  return { jobs, status, queue };
}

describe("stopping the background jobs", () => {
  it("waits for a running outbox pass to finish, then starts nothing more", async () => {
    replyDelayMs = 400;
    const { jobs, status, queue } = await startJobsWithOneMessage();
    expect(await status()).toBe("sending");

    const started = performance.now();
    expect(await shared.terminvergabeProcess!.stopBackgroundJobs!(5_000)).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(100);
    expect(await status()).toBe("sent");

    // A booking made during the drain kicks the outbox: its message waits for the next start.
    await queue();
    jobs.kickOutbox();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toBe(1);
  });

  it("stops waiting at its bound; the claimed message keeps its lease for a later pass", async () => {
    replyDelayMs = 1_500;
    const { status } = await startJobsWithOneMessage();
    const started = performance.now();
    expect(await shared.terminvergabeProcess!.stopBackgroundJobs!(100)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await status()).toBe("sending");
    // Let the pass end before the database is closed.
    await vi.waitFor(async () => expect(await status()).toBe("sent"), { timeout: 5_000 });
  });
});

describe("a worker without the jobs role (several server processes)", () => {
  it("polls nothing by itself, yet sends what its own commit queued when kicked", async () => {
    replyDelayMs = 0;
    const { getDb } = await import("@/db/client");
    const db = getDb();
    const now = new Date("2026-11-24T08:00:00.000Z");
    const message = { kind: "booking_confirmation", recipient: "erika@example.org", subject: "Termin", html: "<p>x</p>", text: "x", nextAttemptAt: now, createdAt: now } as const;
    const id = (await db.insert(emailOutbox).values(message).returning({ id: emailOutbox.id }))[0]!.id;
    const jobs = await import("./background-jobs");
    jobs.startBackgroundJobs({ timers: false });
    // The jobs worker would send it at once (first pass at start); this one leaves it to that worker's poll.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toBe(0);

    jobs.kickOutbox();
    await vi.waitFor(() => expect(received).toBe(1));
    await vi.waitFor(async () => expect((await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!.status).toBe("sent"));
    // Shutdown reaches it too (a kicked pass may be running when SIGTERM comes).
    expect(await shared.terminvergabeProcess!.stopBackgroundJobs!(1_000)).toBe(true);
  });
});

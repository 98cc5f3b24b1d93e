import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/settings";

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test.describe("the API without Next.js's routing", () => {
  // lib/http/api-routes.ts: the server calls the API's handlers itself. Next.js marks what it routes with a Vary
  // header for its router; the direct answers do not carry it, and must carry the headers next.config.ts sets.
  const SECURITY_HEADERS = { "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "cross-origin-opener-policy": "same-origin" };

  test("answers GET and POST directly, with the configured security headers", async ({ request }) => {
    const concerns = await request.get(`${E2E.baseUrl}/api/v1/concerns`);
    expect(concerns.status()).toBe(200);
    expect(concerns.headers()).toMatchObject(SECURITY_HEADERS);
    expect(concerns.headers()["x-request-id"]).toMatch(REQUEST_ID);
    expect(concerns.headers()["vary"] ?? "").not.toContain("rsc");
    const refused = await request.post(`${E2E.baseUrl}/api/v1/bookings`, { data: {} });
    expect(refused.status()).toBe(422);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    expect(refused.headers()).toMatchObject(SECURITY_HEADERS);
  });

  test("leaves HEAD, OPTIONS, other methods and trailing slashes to Next.js", async ({ request }) => {
    const head = await request.head(`${E2E.baseUrl}/api/v1/concerns`);
    expect(head.status()).toBe(200);
    expect(head.headers()).toMatchObject(SECURITY_HEADERS);
    const options = await request.fetch(`${E2E.baseUrl}/api/v1/concerns`, { method: "OPTIONS" });
    expect(options.status()).toBe(204);
    expect(options.headers()["allow"]).toContain("GET");
    expect((await request.delete(`${E2E.baseUrl}/api/v1/concerns`)).status()).toBe(405);
    expect((await request.get(`${E2E.baseUrl}/api/v1/concerns/`, { maxRedirects: 0 })).status()).toBe(308);
  });
});

test.describe("health endpoints", () => {
  test("/healthz says the process is up, uncached, with a request id", async ({ request }) => {
    const response = await request.get(`${E2E.baseUrl}/healthz`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(response.headers()["x-request-id"]).toMatch(REQUEST_ID);
  });

  test("/readyz reports every check of the running server as passed", async ({ request }) => {
    const response = await request.get(`${E2E.baseUrl}/readyz`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { database: { status: "ok" }, migrations: { status: "ok" }, outbox: { status: "ok" }, process: { status: "ok" } },
    });
  });

  test("a request id sent by the client is replaced by the server's own", async ({ request }) => {
    const response = await request.get(`${E2E.baseUrl}/healthz`, { headers: { "X-Request-Id": "from-the-client" } });
    const id = response.headers()["x-request-id"];
    expect(id).toMatch(REQUEST_ID);
    expect(id).not.toContain("from-the-client");
    const other = await request.get(`${E2E.baseUrl}/healthz`);
    expect(other.headers()["x-request-id"]).not.toBe(id);
  });

  test("probes are answered without a session, as often as a monitor asks", async ({ request }) => {
    for (let i = 0; i < 30; i += 1) {
      expect((await request.get(`${E2E.baseUrl}/readyz`, { maxRedirects: 0 })).status()).toBe(200);
      expect((await request.head(`${E2E.baseUrl}/healthz`, { maxRedirects: 0 })).status()).toBe(200);
    }
  });
});

/**
 * A server of its own, started the way the container and the systemd unit start it (node with tsx's loader, one
 * process, so the signal reaches the server itself: `npm start` and `npx` do not pass SIGTERM on).
 */
function startServer(port: number) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-ops-"));
  const databasePath = path.join(directory, "db.sqlite");
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_PATH: databasePath,
    TERMINVERGABE_MODE: "production",
    AUTH_SECRET: "a-production-secret-that-is-long-enough-1234",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    RESEND_API_KEY: "re_production_key_for_the_test",
    RESEND_BASE_URL: E2E.mailUrl,
    MAIL_FROM: "Bürgerbüro <termine@musterstadt.example>",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "lib/http/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return {
    child,
    databasePath,
    output: () => output,
    exited,
    cleanUp: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A POST whose body arrives in two parts: the request is in flight from the first byte until the server answers. */
function slowPost(port: number, pathname: string, body: string) {
  const request = httpRequest({
    host: "127.0.0.1",
    port,
    path: pathname,
    method: "POST",
    headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
  });
  const answered = new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, connection: response.headers.connection, text }));
    });
    request.on("error", reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { answered, finish: () => request.end(body.slice(half)) };
}

test.describe("graceful shutdown", () => {
  test("SIGTERM refuses new connections, lets the request in flight finish, closes the database and exits 0", async ({ request }) => {
    test.setTimeout(90_000);
    const port = E2E.appPort + 60;
    const base = `http://127.0.0.1:${port}`;
    const server = startServer(port);
    try {
      await expect.poll(async () => (await request.get(`${base}/healthz`).catch(() => null))?.status() ?? 0, { timeout: 45_000 }).toBe(200);
      // The app has opened its database and started its jobs.
      expect((await request.get(`${base}/readyz`)).status()).toBe(200);

      const inFlight = slowPost(port, "/api/v1/bookings", JSON.stringify({ note: "in flight while the server stops" }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalledAt = performance.now();
      server.child.kill("SIGTERM");
      await expect.poll(() => server.output()).toContain("SIGTERM: shutting down");

      // No new connections, while the old request is still being answered.
      await expect(request.get(`${base}/healthz`, { timeout: 2_000 })).rejects.toThrow();
      expect(server.child.exitCode).toBeNull();

      inFlight.finish();
      const answer = await inFlight.answered;
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).toContain("\"type\"");
      expect(answer.connection).toBe("close");

      const exit = await server.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      // Drain deadline 10 s plus the bounded job stop and Next's close; this request took about a second.
      expect(exit.at - signalledAt).toBeLessThan(15_000);

      const output = server.output();
      expect(output).toContain("Terminvergabe stopped");
      expect(output).not.toContain("cut off");
      const postLine = output.split("\n").find((line) => line.includes('"method":"POST"'));
      expect(JSON.parse(postLine!)).toMatchObject({ event: "request", path: "/api/v1/bookings", status: answer.status });
      // The WAL was folded into the database file: the file alone is the whole database.
      const wal = `${server.databasePath}-wal`;
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    } finally {
      server.cleanUp();
    }
  });
});

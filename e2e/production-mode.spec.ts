import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/settings";

/** Starts the production build with the given environment on its own port and database. */
function startServer(port: number, env: Record<string, string>) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-prod-"));
  const childEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1", DATABASE_PATH: path.join(directory, "db.sqlite"), ...env };
  const child = spawn("npx", ["tsx", "lib/http/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], { env: childEnv as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // Already gone.
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

test.describe("production mode", () => {
  test("refuses to start while its secret, public URL or mail settings are missing, naming each", async () => {
    const server = startServer(E2E.appPort + 50, { TERMINVERGABE_MODE: "production" });
    try {
      const code = await Promise.race([server.exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 45_000))]);
      expect(code).not.toBe("running");
      expect(code).not.toBe(0);
      const output = server.output();
      expect(output).toContain("cannot start in production mode");
      for (const name of ["AUTH_SECRET", "PUBLIC_URL", "RESEND_API_KEY", "MAIL_FROM"]) expect(output).toContain(name);
    } finally {
      server.stop();
    }
  });

  test("starts when configured, creates its database, and has no dev outbox page", async ({ request }) => {
    const port = E2E.appPort + 51;
    const server = startServer(port, {
      TERMINVERGABE_MODE: "production",
      AUTH_SECRET: "a-production-secret-that-is-long-enough-1234",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RESEND_API_KEY: "re_production_key_for_the_test",
      RESEND_BASE_URL: E2E.mailUrl,
      MAIL_FROM: "Bürgerbüro <termine@musterstadt.example>",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await expect.poll(async () => (await request.get(`${base}/`).catch(() => null))?.status() ?? 0, { timeout: 45_000 }).toBe(200);
      expect((await request.get(`${base}/dev/postausgang`)).status()).toBe(404);
      expect((await request.get(`${base}/staff/login`)).status()).toBe(200);
      expect(server.output()).not.toContain("DEMO");
      // Served over plain http here, so no HSTS: a browser would otherwise refuse this address for a year.
      expect((await request.get(`${base}/`)).headers()["strict-transport-security"]).toBeUndefined();
    } finally {
      server.stop();
    }
  });

  test("sends HSTS on every answer when the public address is https, and refuses a configured clock", async ({ request }) => {
    const port = E2E.appPort + 52;
    const production = {
      TERMINVERGABE_MODE: "production",
      AUTH_SECRET: "a-production-secret-that-is-long-enough-1234",
      PUBLIC_URL: "https://termine.musterstadt.example",
      RESEND_API_KEY: "re_production_key_for_the_test",
      RESEND_BASE_URL: E2E.mailUrl,
      MAIL_FROM: "Bürgerbüro <termine@musterstadt.example>",
    };
    const server = startServer(port, production);
    try {
      const base = `http://127.0.0.1:${port}`;
      await expect.poll(async () => (await request.get(`${base}/`).catch(() => null))?.status() ?? 0, { timeout: 45_000 }).toBe(200);
      for (const path of ["/", "/api/v1/locations", "/staff/login", "/nicht-da"]) {
        expect((await request.get(`${base}${path}`)).headers()["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
      }
    } finally {
      server.stop();
    }
    const clocked = startServer(port + 1, { ...production, TERMINVERGABE_CLOCK: "2026-12-31T09:00:00+01:00" });
    try {
      const code = await Promise.race([clocked.exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 45_000))]);
      expect(code).not.toBe("running");
      expect(clocked.output()).toContain("TERMINVERGABE_CLOCK must not be set");
    } finally {
      clocked.stop();
    }
  });
});

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { dropPostgresDatabase, freshPostgresDatabase } from "./support/db";
import { E2E } from "./support/settings";

/**
 * `npm start` with two worker processes (WEB_CONCURRENCY=2), started as the systemd unit starts it (node with tsx's
 * loader, so signals reach the primary). What tells the processes apart is the server's own output: the primary logs
 * each worker it forks with its role, the request log names the process that answered (`pid`), and the background
 * jobs say in which process they run. Each start gets an empty database of its own: a SQLite file in a temporary
 * directory, or on the PostgreSQL run (playwright.postgres.config.ts) a fresh database next to the app's.
 */
const PORT = E2E.appPort + 80;

async function startCluster(port = PORT) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-cluster-"));
  const databaseUrl = E2E.databaseUrl ? await freshPostgresDatabase("cluster") : null;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_PATH: path.join(directory, "db.sqlite"),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    TERMINVERGABE_MODE: "demo",
    WEB_CONCURRENCY: "2",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "lib/http/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    cleanUp: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      rmSync(directory, { recursive: true, force: true });
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    },
  };
}

/** A GET on a connection of its own: the cluster hands each new connection to the next worker. */
function get(pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: PORT, path: pathname, agent: false, headers: { Connection: "close" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.end();
  });
}

const matches = (output: string, pattern: RegExp) => [...output.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].map((match) => match.slice(1));
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("two workers share the port, one runs the background jobs, a dead worker is replaced, SIGTERM stops all with 0", async () => {
  test.setTimeout(150_000);
  const server = await startCluster();
  try {
    await expect.poll(() => matches(server.output(), /Terminvergabe listening on /).length, { timeout: 90_000 }).toBe(2);
    const started = matches(server.output(), /worker (\d+) started \((jobs|web)\)/);
    expect(started.map(([, role]) => role).sort()).toEqual(["jobs", "web"]);
    const jobsPid = Number(started.find(([, role]) => role === "jobs")![0]);
    const webPid = Number(started.find(([, role]) => role === "web")![0]);
    expect(server.child.pid).not.toBe(jobsPid);

    // Background jobs in exactly one process, the one given the role.
    await expect.poll(() => matches(server.output(), /background jobs: running in process (\d+)/).map(([pid]) => Number(pid))).toEqual([jobsPid]);

    // Both workers answer: every request on a new connection, and the request log names who answered.
    for (let i = 0; i < 10; i += 1) expect(await get("/healthz")).toBe(200);
    const answeredBy = () => new Set(matches(server.output(), /"path":"\/healthz".*?"pid":(\d+)/).map(([pid]) => Number(pid)));
    await expect.poll(() => [...answeredBy()].sort()).toEqual([jobsPid, webPid].sort());

    // The jobs worker dies: requests are still answered meanwhile, and its replacement takes over the jobs.
    process.kill(jobsPid, "SIGKILL");
    await expect.poll(() => server.output()).toContain(`worker ${jobsPid} (jobs) ended unexpectedly with signal SIGKILL`);
    for (let i = 0; i < 4; i += 1) expect(await get("/healthz")).toBe(200);
    await expect.poll(() => matches(server.output(), /worker (\d+) started \(jobs\)/).length, { timeout: 10_000 }).toBe(2);
    const replacementPid = Number(matches(server.output(), /worker (\d+) started \(jobs\)/)[1]![0]);
    await expect
      .poll(() => matches(server.output(), /background jobs: running in process (\d+)/).map(([pid]) => Number(pid)), { timeout: 90_000 })
      .toEqual([jobsPid, replacementPid]);
    await expect.poll(() => matches(server.output(), /Terminvergabe listening on /).length, { timeout: 30_000 }).toBe(3);
    expect(matches(server.output(), /worker (\d+) started \(web\)/)).toHaveLength(1);

    // SIGTERM to the primary: each worker drains and stops, then the primary exits 0.
    server.child.kill("SIGTERM");
    // Polled, not awaited: a primary that never exits must fail the test and still be cleaned up.
    await expect.poll(() => server.child.exitCode, { timeout: 40_000 }).toBe(0);
    expect(matches(server.output(), /^(Terminvergabe stopped)$/m)).toHaveLength(2);
    expect(server.output()).toContain("Terminvergabe stopped (2 workers)");
    expect(isRunning(webPid) || isRunning(replacementPid)).toBe(false);
  } finally {
    await server.cleanUp();
  }
});

test("a worker that cannot serve at the first start (port taken) stops the whole server with exit code 1, no restart loop", async () => {
  test.setTimeout(90_000);
  const port = PORT + 1;
  const squatter = createServer((_request, response) => response.end("someone else"));
  await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
  const server = await startCluster(port);
  try {
    await expect.poll(() => server.child.exitCode, { timeout: 60_000 }).toBe(1);
    expect(server.output()).toMatch(/worker \d+ \((jobs|web)\) ended with code \d+ before it could serve: stopping/);
    expect(server.output()).not.toContain("a new one starts");
    const workers = matches(server.output(), /worker (\d+) started/).map(([pid]) => Number(pid));
    expect(workers).toHaveLength(2);
    await expect.poll(() => workers.filter(isRunning)).toEqual([]);
  } finally {
    await server.cleanUp();
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
  }
});

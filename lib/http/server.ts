/**
 * The production HTTP server (`npm start`): Next.js's request handler behind a small `node:http` server, because
 * only the server sees the socket's peer address that rate limits and sign-in throttling must rely on. In front of
 * Next.js it
 * - decides the client address once (lib/http/client-address.ts) and hands it to the app with a per-process proof,
 *   after deleting any copy a client sent;
 * - answers methods the app does not serve (TRACE, CONNECT, PROPFIND …) with 405, and bodies over the limit with 413,
 *   before Next.js sees them;
 * - sends HSTS in production when the public address is https;
 * - hands `/api/v1/…` requests to their route handlers directly, without Next.js's routing (lib/http/api-routes.ts);
 * - gives every request an id (X-Request-Id) and writes one JSON line per request, without personal data
 *   (lib/ops/request-log.ts);
 * - shuts down gracefully on SIGTERM/SIGINT (see `shutDown`).
 *
 * Options: `--port` (or PORT, default 3000) and `--hostname` (or HOSTNAME, default all interfaces), as `next start`.
 *
 * With WEB_CONCURRENCY > 1 (default: one per core) this process becomes the node:cluster primary instead: it applies
 * the migrations once and forks that many workers, each of which runs everything below (lib/http/cluster.ts). With 1
 * it is the whole server, as before.
 */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeDatabase, migrateAppDatabase } from "@/db/client";
import { now } from "@/lib/clock";
import { ConfigurationError, getEnv } from "@/lib/env";
import { trackRequests } from "@/lib/ops/http-drain";
import { processHooks } from "@/lib/ops/process-hooks";
import { logRequest } from "@/lib/ops/request-log";
import { answerWithRoute, loadApiRoutes, type ApiRoutes } from "./api-routes";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_PROOF_ENV,
  CLIENT_PROOF_HEADER,
  parseTrustedProxies,
  peerIsTrustedProxy,
  resolveClientAddress,
} from "./client-address";

/** Pages take GET, HEAD and POST (forms, server actions); the API also DELETE, and OPTIONS for its clients. */
const PAGE_METHODS = ["GET", "HEAD", "POST"];
const API_METHODS = ["GET", "HEAD", "POST", "DELETE", "OPTIONS"];
/** Server actions carry a form; Next.js refuses more than 1 MB itself, but only after reading it, with a 500. */
const MAX_BODY_BYTES = 1024 * 1024;
/** What a proxy says about the address the browser used; from anyone else dropped, so Next.js takes it from the connection. */
const FORWARDED_DETAILS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];
/**
 * Shutdown budget: requests get DRAIN_TIMEOUT_MS to finish while the background jobs stop (at most JOBS_STOP_TIMEOUT_MS,
 * in parallel), then Next.js's pending `after()` work gets NEXT_CLOSE_TIMEOUT_MS. About 13 s in all, inside the 30 s
 * that systemd (TimeoutStopSec, deploy/terminvergabe.service) and container runtimes (docker stop -t 30) allow.
 */
const DRAIN_TIMEOUT_MS = 10_000;
const JOBS_STOP_TIMEOUT_MS = 5_000;
const NEXT_CLOSE_TIMEOUT_MS = 3_000;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  let env;
  let trustedProxies;
  try {
    env = getEnv();
    trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (error) {
    console.error(error instanceof ConfigurationError || error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // A single SQLite process migrates when it opens its file (db/client.ts); otherwise the migrations run here, once:
  // PostgreSQL's database object does not migrate, and N workers would queue for the same write lock at start (each
  // finding nothing left to do, db/migrate.ts, db/migrate-pg.ts). No connection is kept.
  if (cluster.isPrimary && (env.workers > 1 || env.databaseUrl)) {
    try {
      await migrateAppDatabase(env);
    } catch (error) {
      console.error("the database could not be opened or migrated:", error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message : "unknown");
      process.exit(1);
    }
  }
  if (cluster.isPrimary && env.workers > 1) {
    const { runPrimary } = await import("./cluster");
    runPrimary({ workers: env.workers });
    return;
  }
  const port = Number(option("port") ?? process.env.PORT ?? 3000);
  const hostname = option("hostname") ?? process.env.HOSTNAME ?? undefined;
  const proof = randomBytes(24).toString("base64url");
  // The app runs in this process and reads the proof from here; a client never learns it.
  process.env[CLIENT_PROOF_ENV] = proof;
  const hsts = !env.isDemo && env.publicUrl.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null;

  // tsx (which runs this file) switches on Node's source maps for its own transforms. Left on, Node also reads and
  // keeps the map of every Next.js server chunk loaded from here on, original sources included: tens of megabytes per
  // process (bench/README.md, "Hot paths"). Stack traces then point into .next/server, as with `next start`;
  // NODE_OPTIONS=--enable-source-maps keeps the maps for debugging.
  if (!process.execArgv.includes("--enable-source-maps") && !(process.env.NODE_OPTIONS ?? "").includes("--enable-source-maps")) {
    process.setSourceMapsEnabled(false);
  }
  // Loaded here, not at the top: a cluster primary does not need Next.js in its memory.
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: hostname ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  let apiRoutes: ApiRoutes;
  try {
    apiRoutes = await loadApiRoutes(".next");
  } catch (error) {
    console.error("the build's API routes could not be loaded:", error instanceof Error ? error.message : error);
    process.exit(1);
  }

  const hooks = processHooks();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.track(response);
    logRequest(request, response, { now, write: (line) => process.stdout.write(`${line}\n`) });
    if (hsts) response.setHeader("Strict-Transport-Security", hsts);
    const isApi = (request.url ?? "").startsWith("/api/");
    const allowed = isApi ? API_METHODS : PAGE_METHODS;
    if (!allowed.includes(request.method ?? "")) return refuse(response, 405, "Method Not Allowed", { Allow: allowed.join(", ") });
    const declaredLength = Number(request.headers["content-length"] ?? 0);
    if (declaredLength > MAX_BODY_BYTES) return refuse(response, 413, "Content Too Large", { Connection: "close" });

    delete request.headers[CLIENT_ADDRESS_HEADER];
    delete request.headers[CLIENT_PROOF_HEADER];
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
    request.headers[CLIENT_PROOF_HEADER] = proof;
    if (!peerIsTrustedProxy(request.socket.remoteAddress, trustedProxies)) {
      for (const name of FORWARDED_DETAILS) delete request.headers[name];
    }
    const apiRoute = apiRoutes.routeFor(request.method, request.url);
    if (apiRoute) void answerWithRoute(apiRoute, request, response);
    else void handle(request, response);
  });
  const requests = trackRequests(server);
  // A client that sends its headers or body very slowly must not hold a connection for minutes.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  // A port in use or not ours to bind: stop with exit code 1. Unhandled, the error would reach Next.js's own
  // uncaughtException handler, which only logs it, and a process that never listens would keep running (with
  // several workers, the primary could not tell it from a healthy one).
  const onListenError = (error: NodeJS.ErrnoException) => {
    console.error(`cannot listen on ${hostname ?? "all interfaces"}, port ${port}: ${error.code ?? error.message}`);
    process.exit(1);
  };
  server.once("error", onListenError);
  server.listen(port, hostname, () => {
    server.off("error", onListenError);
    console.info(`Terminvergabe listening on http://${hostname ?? "localhost"}:${port}${trustedProxies.kind === "none" ? "" : " (behind a trusted proxy)"}`);
  });

  /**
   * Stops without losing work: no new connections, in-flight requests finish (cut off after DRAIN_TIMEOUT_MS), the
   * outbox and retention timers stop and a running outbox pass may finish, Next.js runs its pending `after()` work,
   * then the WAL is folded into the database file and the connection closed, so a backup or copy of the file alone is
   * complete. Exit code 0: the stop was asked for. A second signal changes nothing (systemd or a terminal may send
   * several); the deadlines bound the whole.
   */
  const shutDown = async (signal: NodeJS.Signals) => {
    if (hooks.shuttingDown) return;
    hooks.shuttingDown = true;
    console.info(`${signal}: shutting down; finishing ${requests.activeCount} request(s), at most ${DRAIN_TIMEOUT_MS / 1000} s`);
    // Timers stop at once; a pass that is sending mail may finish while the requests drain.
    const jobsStopped = hooks.stopBackgroundJobs?.(JOBS_STOP_TIMEOUT_MS) ?? Promise.resolve(true);
    const { cutOff } = await requests.close(DRAIN_TIMEOUT_MS);
    if (cutOff > 0) console.warn(`shutdown: ${cutOff} request(s) did not finish within ${DRAIN_TIMEOUT_MS / 1000} s and were cut off`);
    if (!(await jobsStopped)) console.warn("shutdown: the outbox pass was still sending; its messages are sent again after their lease ends");
    await withTimeout(app.close(), NEXT_CLOSE_TIMEOUT_MS);
    try {
      if (!(await closeDatabase())) console.warn("shutdown: the WAL could not be emptied (another process is reading); SQLite folds it in later");
    } catch (error) {
      console.error("shutdown: closing the database failed:", error instanceof Error && "code" in error ? String(error.code) : "unknown");
    }
    console.info("Terminvergabe stopped");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutDown(signal));
}

/** Waits for `promise`, but not longer than `ms`; its failure is not ours to handle at shutdown. */
function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function refuse(response: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(`${status} ${text}\n`);
}

void main();

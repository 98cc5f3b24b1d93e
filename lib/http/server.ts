/**
 * The production HTTP server (`npm start`): Next.js's request handler behind a small `node:http` server, because
 * only the server sees the socket's peer address that rate limits and sign-in throttling must rely on. In front of
 * Next.js it
 * - decides the client address once (lib/http/client-address.ts) and hands it to the app with a per-process proof,
 *   after deleting any copy a client sent;
 * - answers methods the app does not serve (TRACE, CONNECT, PROPFIND …) with 405, and bodies over the limit with 413,
 *   before Next.js sees them;
 * - sends HSTS in production when the public address is https.
 *
 * Options: `--port` (or PORT, default 3000) and `--hostname` (or HOSTNAME, default all interfaces), as `next start`.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { ConfigurationError, getEnv } from "@/lib/env";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_PROOF_ENV,
  CLIENT_PROOF_HEADER,
  parseTrustedProxies,
  resolveClientAddress,
} from "./client-address";

/** Pages take GET, HEAD and POST (forms, server actions); the API also DELETE, and OPTIONS for its clients. */
const PAGE_METHODS = ["GET", "HEAD", "POST"];
const API_METHODS = ["GET", "HEAD", "POST", "DELETE", "OPTIONS"];
/** Server actions carry a form; Next.js refuses more than 1 MB itself, but only after reading it, with a 500. */
const MAX_BODY_BYTES = 1024 * 1024;

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
  const port = Number(option("port") ?? process.env.PORT ?? 3000);
  const hostname = option("hostname") ?? process.env.HOSTNAME ?? undefined;
  const proof = randomBytes(24).toString("base64url");
  // The app runs in this process and reads the proof from here; a client never learns it.
  process.env[CLIENT_PROOF_ENV] = proof;
  const hsts = !env.isDemo && env.publicUrl.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null;

  const app = next({ dev: false, hostname: hostname ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
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
    void handle(request, response);
  });
  // A client that sends its headers or body very slowly must not hold a connection for minutes.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.listen(port, hostname, () => {
    console.info(`Terminvergabe listening on http://${hostname ?? "localhost"}:${port}${trustedProxies.kind === "none" ? "" : " (behind a trusted proxy)"}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

function refuse(response: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(`${status} ${text}\n`);
}

void main();

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";

/**
 * One JSON line per request, written by the HTTP server (lib/http/server.ts) when the response is finished (or the
 * client went away first). It says what was asked and how it went, and nothing about who asked:
 * - no IP address, user agent, cookie or referrer;
 * - the path without its query string (booking steps carry the selection there, the sign-in page the return path);
 * - a manage link's token replaced by "…": whoever holds it can see and cancel the booking, and it is otherwise kept
 *   only as a hash. Any other path segment that looks like a random token is replaced too, so that a link added later
 *   does not leak by default.
 * The request id is made here, never taken from the client (a client could otherwise make lines look related or
 * inject text), and returned in X-Request-Id so that a citizen's or a monitor's report can be found in the log.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const MANAGE_LINK = /^(\/+termin\/+verwalten\/+)[^/]+/i;
/** Our tokens are 32 random bytes in base64url (43 characters); Next.js's file hashes contain a dot and are shorter. */
const TOKEN_LIKE_SEGMENT = /^[A-Za-z0-9_-]{32,}$/;
const REDACTED = "…";
/** Enough for every route we have; a longer path is noise or an attack, and must not bloat the log. */
const MAX_PATH_LENGTH = 200;

/** The request target as it may be logged: path only, tokens redacted, bounded length. */
export function loggablePath(target: string | undefined): string {
  if (!target) return "-";
  let path = target;
  if (!path.startsWith("/")) {
    // "*" (OPTIONS *) or an absolute URL (a client speaking to us as to a proxy): keep only the path.
    if (path === "*") return "*";
    try {
      path = new URL(path).pathname;
    } catch {
      return "(unreadable)";
    }
  }
  path = path.split(/[?#]/, 1)[0]!;
  path = path.replace(MANAGE_LINK, `$1${REDACTED}`);
  path = path
    .split("/")
    .map((segment) => (TOKEN_LIKE_SEGMENT.test(segment) ? REDACTED : segment))
    .join("/");
  return path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}${REDACTED}` : path;
}

export type RequestLogEntry = {
  time: Date;
  requestId: string;
  method: string | undefined;
  target: string | undefined;
  status: number;
  durationMs: number;
  /** Body bytes written (after compression); null when nothing could be counted. */
  bytes: number | null;
  /** The client closed the connection before the response was complete. */
  aborted: boolean;
  /** The server process that answered: with several workers (lib/http/cluster.ts), which one it was. */
  pid: number;
};

export function requestLogLine(entry: RequestLogEntry): string {
  return JSON.stringify({
    time: entry.time.toISOString(),
    event: "request",
    requestId: entry.requestId,
    method: (entry.method ?? "-").slice(0, 16),
    path: loggablePath(entry.target),
    status: entry.status,
    durationMs: Math.round(entry.durationMs * 10) / 10,
    bytes: entry.bytes,
    pid: entry.pid,
    ...(entry.aborted ? { aborted: true } : {}),
  });
}

/**
 * Gives the request its id (replacing any the client sent, in the request the app sees and in the response), counts
 * the body bytes written, and calls `write` with the finished line exactly once. Call before anything is written.
 */
export function logRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: { now: () => Date; write: (line: string) => void },
): string {
  const requestId = randomUUID();
  const started = performance.now();
  request.headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader("X-Request-Id", requestId);
  const counter = countBodyBytes(response);
  let logged = false;
  const log = (aborted: boolean) => {
    if (logged) return;
    logged = true;
    options.write(
      requestLogLine({
        time: options.now(),
        requestId,
        method: request.method,
        target: request.url,
        status: response.statusCode,
        durationMs: performance.now() - started,
        bytes: counter(),
        aborted,
        pid: process.pid,
      }),
    );
  };
  response.once("finish", () => log(false));
  // "close" also follows "finish"; alone it means the connection went away before the response was complete.
  response.once("close", () => log(!response.writableFinished));
  return requestId;
}

/**
 * Counts what goes through `write`/`end`. Next.js's compression wraps these methods again inside its handler, so what
 * we count is what went to the socket. A HEAD response writes no body, whatever its Content-Length says.
 */
function countBodyBytes(response: ServerResponse): () => number {
  let bytes = 0;
  const add = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") bytes += Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = response.write;
  const end = response.end;
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof response.write;
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (args.length > 0 && typeof args[0] !== "function") add(args[0], args[1]);
    return (end as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as typeof response.end;
  return () => (response.req?.method === "HEAD" ? 0 : bytes);
}

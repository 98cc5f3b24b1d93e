import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";

/**
 * The public API (`/api/v1/…`) answered by its route handlers without Next.js's routing in front (issue 14; measured in
 * bench/README.md, "The API without Next.js's routing"). The handlers are the ones Next.js built, taken from its build
 * output (`.next/server/app/api/v1/…/route.js`, the module's `routeModule.userland`), so the same module instances
 * serve both ways: one set of services, schemas, caches and database connection per process. Only the routing differs:
 * this server maps the path to its handler, makes a `Request` of the socket's request and writes the `Response` back,
 * with the headers that next.config.ts gives these paths (read from the build's routes manifest).
 *
 * What stays with Next.js: any method a route does not export (HEAD, OPTIONS, 405 answers), paths with a trailing
 * slash or a dynamic segment, every page, and `next dev` (which this server does not front). The build output is not
 * a public interface of Next.js: `loadApiRoutes` checks at start that every API route has its handlers where we
 * expect them and refuses to start otherwise, so an upgrade that moves them fails loudly (in CI's browser tests, which
 * run through this server) instead of slowly.
 */

export type RouteHandler = (request: Request) => Promise<Response> | Response;

export type ApiRoute = {
  handler: RouteHandler;
  /** The headers next.config.ts sets on this path. */
  headers: [string, string][];
};

export type ApiRoutes = {
  /** The route for this method and request target, or undefined: then Next.js answers. */
  routeFor(method: string | undefined, target: string | undefined): ApiRoute | undefined;
  readonly paths: readonly string[];
};

/** Only routes under this prefix are answered here: the API's handlers need nothing of Next's request context. */
const API_PREFIX = "/api/v1/";
const HANDLER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** As Next.js (the `compression` package's default): smaller bodies are not worth a gzip header. */
const COMPRESS_FROM_BYTES = 1024;
const gzip = promisify(gzipCallback);

type RoutesManifest = { headers?: { source: string; regex: string; headers: { key: string; value: string }[]; has?: unknown; missing?: unknown }[] };
type LoadModule = (file: string) => unknown;

/**
 * Reads the API routes and their handlers from a production build in `distDir` (`.next`). Throws, naming what it
 * missed, when the build does not look as expected.
 */
export async function loadApiRoutes(distDir: string, loadModule?: LoadModule): Promise<ApiRoutes> {
  const serverDir = path.resolve(distDir, "server");
  // Node's require, whose module cache Next.js's server shares: the handlers come from the instances Next.js uses.
  const load = loadModule ?? createRequire(path.join(serverDir, "api-routes.js"));
  const appPaths = readJson<Record<string, string>>(path.join(serverDir, "app-paths-manifest.json"));
  const headerRules = (readJson<RoutesManifest>(path.resolve(distDir, "routes-manifest.json")).headers ?? []).map((rule) => {
    // Conditions on headers, cookies or the host would need Next's matcher; next.config.ts has none.
    if (rule.has || rule.missing) throw new Error(`next.config.ts: the headers for ${rule.source} have conditions, which the API's direct routing does not evaluate`);
    return { regex: new RegExp(rule.regex), headers: rule.headers.map(({ key, value }) => [key, value] as [string, string]) };
  });
  const routes = new Map<string, Map<string, ApiRoute>>();
  for (const [entry, file] of Object.entries(appPaths)) {
    if (!entry.startsWith(API_PREFIX) || !entry.endsWith("/route")) continue;
    const pathname = entry.slice(0, -"/route".length);
    // A dynamic segment would need Next's matching (and its params); none of ours has one.
    if (pathname.includes("[")) continue;
    const { routeModule } = load(path.join(serverDir, file)) as { routeModule?: { userland?: Record<string, unknown>; ensureUserland?: () => Promise<void> } };
    // Turbopack builds a route whose imports load asynchronously as a lazy module: `userland` throws until it is loaded.
    await routeModule?.ensureUserland?.();
    const userland = routeModule?.userland;
    if (!userland || typeof userland !== "object") throw new Error(`${file}: no routeModule.userland in Next.js's build output; the API cannot be served without Next.js's routing`);
    // A route's path is fixed, so are its headers: matched once here, not on every request.
    const headers = headerRules.filter((rule) => rule.regex.test(pathname)).flatMap((rule) => rule.headers);
    const byMethod = new Map<string, ApiRoute>();
    for (const method of HANDLER_METHODS) {
      const handler = userland[method];
      if (typeof handler === "function") byMethod.set(method, { handler: handler as RouteHandler, headers });
    }
    if (byMethod.size === 0) throw new Error(`${file}: its routeModule.userland exports no request handler`);
    routes.set(pathname, byMethod);
  }
  if (routes.size === 0) throw new Error(`no ${API_PREFIX} routes in ${path.join(serverDir, "app-paths-manifest.json")}`);

  return {
    paths: [...routes.keys()].sort(),
    routeFor(method, target) {
      if (!method || !target?.startsWith(API_PREFIX)) return undefined;
      const end = target.search(/[?#]/);
      return routes.get(end === -1 ? target : target.slice(0, end))?.get(method);
    },
  };
}

/**
 * Answers `request` with `handler`. The handlers catch their own errors (lib/api/handler.ts turns each into a problem
 * document); one that escapes anyway is a bug and gets a bare 500, as Next.js would answer it.
 */
export async function answerWithRoute({ handler, headers }: ApiRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let answer: Response;
  try {
    answer = await handler(toWebRequest(request));
  } catch (error) {
    console.error("api route handler failed:", error instanceof Error ? error.name : "unknown");
    answer = new Response("Internal Server Error", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  try {
    await writeAnswer(answer, request, response, headers);
  } catch (error) {
    // The answer's body could not be read or written (the client went away, a stream failed): nothing left to say.
    console.error("api answer not written:", error instanceof Error ? error.name : "unknown");
    response.destroy();
  }
}

/**
 * The request as the handler sees it. The origin is fixed: the handlers use only the path and query of `request.url`
 * (links they make start from PUBLIC_URL), so a client's Host header cannot reach them through it.
 */
export function toWebRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://localhost${request.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
    // Required by Node's fetch for a streamed request body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function writeAnswer(answer: Response, request: IncomingMessage, response: ServerResponse, configHeaders: [string, string][]): Promise<void> {
  for (const [name, value] of configHeaders) response.setHeader(name, value);
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") response.setHeader(name, value);
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  let body: Buffer = Buffer.from(await answer.arrayBuffer());
  if (body.length >= COMPRESS_FROM_BYTES && !answer.headers.has("content-encoding") && acceptsGzip(request.headers["accept-encoding"])) {
    body = await gzip(body);
    response.setHeader("content-encoding", "gzip");
    const vary = response.getHeader("vary");
    response.setHeader("vary", vary ? `${String(vary)}, Accept-Encoding` : "Accept-Encoding");
  }
  response.statusCode = answer.status;
  response.setHeader("content-length", body.length);
  response.end(body);
}

/** "gzip" (or "*") listed and not refused with q=0. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : error}`);
  }
}

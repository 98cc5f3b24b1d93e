import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { acceptsGzip, answerWithRoute, loadApiRoutes, type ApiRoutes, type RouteHandler } from "./api-routes";

/** A build output as Next.js writes it: the manifests the server reads, and route modules by file. */
function fakeBuild(options: { headers?: unknown[]; routes?: Record<string, string> } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "api-routes-"));
  mkdirSync(path.join(dir, "server"));
  const routes = options.routes ?? {
    "/api/v1/bookings/route": "app/api/v1/bookings/route.js",
    "/api/v1/availability/route": "app/api/v1/availability/route.js",
    "/api/v1/things/[id]/route": "app/api/v1/things/[id]/route.js",
    "/api/auth/[...nextauth]/route": "app/api/auth/[...nextauth]/route.js",
    "/termin/page": "app/termin/page.js",
  };
  writeFileSync(path.join(dir, "server", "app-paths-manifest.json"), JSON.stringify(routes));
  const headers = options.headers ?? [
    { source: "/:path*", regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$", headers: [{ key: "Referrer-Policy", value: "same-origin" }] },
    { source: "/api/:path*", regex: "^/api(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    { source: "/termin", regex: "^/termin(?:/)?$", headers: [{ key: "X-Only-Termin", value: "1" }] },
  ];
  writeFileSync(path.join(dir, "routes-manifest.json"), JSON.stringify({ headers }));
  return dir;
}

const echo: RouteHandler = async (request) => {
  const body = request.method === "GET" ? null : await request.text();
  const url = new URL(request.url);
  return Response.json(
    { method: request.method, origin: url.origin, path: url.pathname, query: url.searchParams.get("q"), body, marker: request.headers.get("x-marker") },
    { status: 201, headers: [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["cache-control", "no-store"]] },
  );
};

/** As Turbopack builds a route with asynchronous imports: `userland` throws until `ensureUserland` has run. */
function lazyRouteModule(userland: Record<string, unknown>) {
  let loaded = false;
  return {
    async ensureUserland() {
      await Promise.resolve();
      loaded = true;
    },
    get userland() {
      if (!loaded) throw new Error("The lazy module is still loading.");
      return userland;
    },
  };
}

function modules(overrides: Record<string, unknown> = {}) {
  const byFile: Record<string, unknown> = {
    "app/api/v1/bookings/route.js": { routeModule: { userland: { POST: echo, dynamic: "force-dynamic" } } },
    "app/api/v1/availability/route.js": { routeModule: lazyRouteModule({ GET: echo }) },
    ...overrides,
  };
  const loaded: string[] = [];
  const load = (file: string) => {
    const key = file.split(`${path.sep}server${path.sep}`)[1]!;
    loaded.push(key);
    if (!(key in byFile)) throw new Error(`unexpected module ${key}`);
    return byFile[key];
  };
  return { load, loaded };
}

const builds: string[] = [];
function build(options?: Parameters<typeof fakeBuild>[0]): string {
  const dir = fakeBuild(options);
  builds.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of builds) rmSync(dir, { recursive: true, force: true });
});

describe("loading the API routes from the build", () => {
  it("takes the static /api/v1 routes and only those; loads no page, auth or dynamic route", async () => {
    const { load, loaded } = modules();
    const routes = await loadApiRoutes(build(), load);
    expect(routes.paths).toEqual(["/api/v1/availability", "/api/v1/bookings"]);
    expect(loaded.sort()).toEqual(["app/api/v1/availability/route.js", "app/api/v1/bookings/route.js"]);
  });

  it.each([
    { name: "an exported method", method: "POST", target: "/api/v1/bookings", found: true },
    { name: "the query is not part of the path", method: "GET", target: "/api/v1/availability?q=1&x=2", found: true },
    { name: "a method the route does not export (Next.js answers 405)", method: "GET", target: "/api/v1/bookings", found: false },
    { name: "HEAD stays with Next.js, which answers it from GET", method: "HEAD", target: "/api/v1/availability", found: false },
    { name: "OPTIONS stays with Next.js", method: "OPTIONS", target: "/api/v1/availability", found: false },
    { name: "a trailing slash (Next.js redirects it)", method: "POST", target: "/api/v1/bookings/", found: false },
    { name: "a dynamic route", method: "GET", target: "/api/v1/things/7", found: false },
    { name: "a page", method: "GET", target: "/termin", found: false },
    { name: "an absolute target", method: "POST", target: "http://example.org/api/v1/bookings", found: false },
    { name: "no target", method: "POST", target: undefined, found: false },
    { name: "another letter case", method: "POST", target: "/API/v1/bookings", found: false },
  ])("routes $name: $method $target", async ({ method, target, found }) => {
    const routes = await loadApiRoutes(build(), modules().load);
    expect(routes.routeFor(method, target) !== undefined).toBe(found);
  });

  it("gives each route the headers next.config.ts sets on its path, in the manifest's order", async () => {
    const route = (await loadApiRoutes(build(), modules().load)).routeFor("POST", "/api/v1/bookings");
    expect(route?.headers).toEqual([
      ["Referrer-Policy", "same-origin"],
      ["X-Frame-Options", "DENY"],
    ]);
  });

  it.each([
    { name: "a route module without routeModule.userland", overrides: { "app/api/v1/bookings/route.js": { GET: echo } }, message: "no routeModule.userland" },
    { name: "a route module without handlers", overrides: { "app/api/v1/bookings/route.js": { routeModule: { userland: { dynamic: "force-dynamic" } } } }, message: "exports no request handler" },
  ])("refuses $name", async ({ overrides, message }) => {
    await expect(loadApiRoutes(build(), modules(overrides).load)).rejects.toThrow(message);
  });

  it("refuses a build without API routes, and one without its manifests", async () => {
    await expect(loadApiRoutes(build({ routes: { "/termin/page": "app/termin/page.js" } }), modules().load)).rejects.toThrow("no /api/v1/ routes");
    const dir = build();
    rmSync(path.join(dir, "routes-manifest.json"));
    await expect(loadApiRoutes(dir, modules().load)).rejects.toThrow("routes-manifest.json");
    await expect(loadApiRoutes(path.join(dir, "missing"), modules().load)).rejects.toThrow("app-paths-manifest.json");
  });

  it("refuses header rules with conditions, which it cannot evaluate", async () => {
    const headers = [{ source: "/api/:path*", regex: "^/api(?:/(.*))?$", headers: [{ key: "X", value: "1" }], has: [{ type: "host", value: "a" }] }];
    await expect(loadApiRoutes(build({ headers }), modules().load)).rejects.toThrow("have conditions");
  });
});

describe("answering through a route handler", () => {
  let server: Server;
  let routes: ApiRoutes;
  let port: number;
  let handler: RouteHandler = echo;

  beforeAll(async () => {
    routes = await loadApiRoutes(build(), modules({ "app/api/v1/availability/route.js": { routeModule: { userland: { GET: (request: Request) => handler(request) } } } }).load);
    server = createServer((request, response) => {
      const route = routes.routeFor(request.method, request.url);
      if (route) void answerWithRoute(route, request, response);
      else response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => {
    handler = echo;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function send(method: string, target: string, headers: Record<string, string> = {}, body?: string) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const request = httpRequest({ host: "127.0.0.1", port, method, path: target, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  it("passes method, path, query, headers and body to the handler, and its status, headers and cookies back", async () => {
    const answer = await send("POST", "/api/v1/bookings?q=hello", { "content-type": "application/json", "x-marker": "m1", host: "evil.example" }, '{"a":1}');
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body.toString())).toEqual({ method: "POST", origin: "http://localhost", path: "/api/v1/bookings", query: "hello", body: '{"a":1}', marker: "m1" });
    expect(answer.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["referrer-policy"]).toBe("same-origin");
    expect(answer.headers["content-length"]).toBe(String(answer.body.length));
    expect(answer.headers["content-encoding"]).toBeUndefined();
  });

  it("sends bodies of 1 KB and more gzip'd to clients that accept it, and the same bytes plain to others", async () => {
    const large = { times: Array.from({ length: 200 }, (_, i) => `2026-12-0${(i % 9) + 1}T08:${String(i % 60).padStart(2, "0")}`) };
    handler = () => Response.json(large);
    const zipped = await send("GET", "/api/v1/availability", { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(large);
    const plain = await send("GET", "/api/v1/availability", { "accept-encoding": "gzip;q=0" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(large);
    handler = echo;
    const small = await send("GET", "/api/v1/availability?q=s", { "accept-encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("answers 500 without details when a handler throws", async () => {
    handler = () => {
      throw new Error("secret detail");
    };
    const answer = await send("GET", "/api/v1/availability");
    expect(answer.status).toBe(500);
    expect(answer.body.toString()).not.toContain("secret");
  });
});

describe("an answer that cannot be written", () => {
  it("closes that connection and keeps serving", async () => {
    let broken = true;
    const routes = await loadApiRoutes(build(), modules({
      "app/api/v1/availability/route.js": {
        routeModule: {
          userland: {
            GET: () =>
              broken
                ? new Response(new ReadableStream({ start: (controller) => controller.error(new Error("stream failed")) }))
                : Response.json({ ok: true }),
          },
        },
      },
    }).load);
    const server = createServer((request, response) => void answerWithRoute(routes.routeFor(request.method, request.url)!, request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/availability`;
    try {
      await expect(fetch(url)).rejects.toThrow();
      broken = false;
      expect(await (await fetch(url)).json()).toEqual({ ok: true });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("accepting gzip", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["gzip", true],
    ["br, GZIP", true],
    ["gzip;q=0", false],
    ["gzip; q=0.5", true],
    ["*", true],
    ["identity", false],
    [["deflate", "gzip"], true],
  ] as const)("%j → %s", (header, accepted) => {
    expect(acceptsGzip(header as string | string[] | undefined)).toBe(accepted);
  });
});

import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loggablePath, logRequest, requestLogLine } from "./request-log";

const TOKEN = "q3V8cX1mZ0tLd2hJc1F0a0JwR3lXbVZ1S0l4dE1Pc2E"; // 43 characters, like generateManageToken()
const FIXED = new Date("2026-11-24T08:00:00.000Z");

describe("loggablePath", () => {
  it.each([
    ["/termin/verwalten/" + TOKEN, "/termin/verwalten/…"],
    ["/termin/verwalten/" + TOKEN + "?_rsc=abc", "/termin/verwalten/…"],
    ["/termin/verwalten/" + TOKEN + "/kalender", "/termin/verwalten/…/kalender"],
    // A shortened or mistyped token is still a token: redacted whatever its length.
    ["/termin/verwalten/abc", "/termin/verwalten/…"],
    ["//termin//verwalten//" + TOKEN, "//termin//verwalten//…"],
    ["/Termin/Verwalten/" + TOKEN, "/Termin/Verwalten/…"],
    ["/termin/uhrzeit?standort=rathaus&anliegen=3&name=Erika", "/termin/uhrzeit"],
    ["/staff/login?weiter=%2Fstaff%2Ftermine%2F5", "/staff/login"],
    ["/staff/termine/17#notiz", "/staff/termine/17"],
    ["/bestaetigung/" + TOKEN, "/bestaetigung/…"],
    ["/_next/static/chunks/0a1b2c3d4e5f6a7b.js", "/_next/static/chunks/0a1b2c3d4e5f6a7b.js"],
    ["http://evil.example/termin/verwalten/" + TOKEN + "?x=1", "/termin/verwalten/…"],
    ["*", "*"],
    ["", "-"],
    [undefined, "-"],
  ])("%s → %s", (target, expected) => {
    expect(loggablePath(target)).toBe(expected);
  });

  it("bounds the length", () => {
    const path = loggablePath("/" + "a/".repeat(500));
    expect(path.length).toBeLessThanOrEqual(201);
    expect(path.endsWith("…")).toBe(true);
  });
});

describe("requestLogLine", () => {
  it("is one JSON object with the agreed fields and nothing of the query", () => {
    const line = requestLogLine({
      time: FIXED,
      requestId: "9b2f0c7e-1111-4222-8333-444455556666",
      method: "GET",
      target: `/termin/verwalten/${TOKEN}?name=Erika+Mustermann&email=erika%40example.org`,
      status: 200,
      durationMs: 12.345,
      bytes: 5120,
      aborted: false,
      pid: 4242,
    });
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      time: "2026-11-24T08:00:00.000Z",
      event: "request",
      requestId: "9b2f0c7e-1111-4222-8333-444455556666",
      method: "GET",
      path: "/termin/verwalten/…",
      status: 200,
      durationMs: 12.3,
      bytes: 5120,
      pid: 4242,
    });
    for (const secret of [TOKEN, "Erika", "example.org", "?"]) expect(line).not.toContain(secret);
  });
});

describe("logRequest on a real server", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: (request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => void) {
    const lines: string[] = [];
    const seenIds: (string | string[] | undefined)[] = [];
    server = createServer((request, response) => {
      logRequest(request, response, { now: () => FIXED, write: (line) => lines.push(line) });
      seenIds.push(request.headers["x-request-id"]);
      handler(request, response);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as AddressInfo).port, lines, seenIds };
  }

  function get(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
    return new Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("logs path, status and body bytes once, with its own request id and nothing about the client", async () => {
    const { port, lines, seenIds } = await serve((_request, response) => {
      response.writeHead(201, { "Content-Type": "text/plain; charset=utf-8" });
      response.write("Grüße ");
      response.end(Buffer.from("aus dem Rathaus"));
    });
    const answer = await get(port, `/termin/verwalten/${TOKEN}?name=Erika`, {
      headers: {
        "X-Request-Id": "forged-by-the-client",
        "X-Forwarded-For": "203.0.113.9",
        "User-Agent": "Mozilla/5.0 (Erikas Rechner)",
        Cookie: "terminvergabe.lang=de; session=geheim",
        Referer: "https://mail.example/erika",
      },
    });
    await expect.poll(() => lines.length).toBe(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ event: "request", method: "GET", path: "/termin/verwalten/…", status: 201, bytes: Buffer.byteLength("Grüße aus dem Rathaus"), pid: process.pid });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.requestId).not.toBe("forged-by-the-client");
    // The same id goes to the client and to the app; the client's own is dropped.
    expect(answer.headers["x-request-id"]).toBe(entry.requestId);
    expect(seenIds).toEqual([entry.requestId]);
    for (const leak of [TOKEN, "Erika", "203.0.113.9", "127.0.0.1", "Mozilla", "geheim", "mail.example", "forged"]) expect(lines[0]).not.toContain(leak);
  });

  it("counts no body for HEAD and marks a response the client did not wait for", async () => {
    const { port, lines } = await serve((request, response) => {
      if (request.method === "HEAD") return response.end();
      response.writeHead(200);
      response.write("first part");
      // Never ended: the client gives up.
    });
    await get(port, "/healthz", { method: "HEAD" });
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/langsam" }, (res) => res.once("data", () => (req.destroy(), resolve())));
      req.on("error", () => undefined);
      req.end();
    });
    await expect.poll(() => lines.length).toBe(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: "HEAD", path: "/healthz", status: 200, bytes: 0 });
    expect(JSON.parse(lines[1]!)).toMatchObject({ method: "GET", path: "/langsam", status: 200, bytes: "first part".length, aborted: true });
  });
});

import { request as httpRequest } from "node:http";

/**
 * Malformed requests for the public edge: the JSON API and the server actions of the citizen and staff pages, each as
 * a client might get it wrong (or an attacker on purpose). Deterministic from a seed, so a failure can be replayed.
 * Every one of them must be answered with a 4xx (or a calm page), never a 5xx.
 */
export type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer; chunked?: boolean };
export type FuzzAnswer = { status: number; request: FuzzRequest };

/** mulberry32: small, fast, good enough to vary inputs reproducibly. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (max: number) => Math.floor(next() * max);
  return { next, pick, int };
}

const WEIRD_STRINGS = [
  "",
  " ",
  "null",
  "undefined",
  "0",
  "-1",
  "1e309",
  "NaN",
  "9999-12-31",
  "0000-00-00",
  "2026-02-30",
  "2026-12-08T0800Z",
  "9999-12-31T2359Z",
  "../../etc/passwd",
  "%00",
  "%",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\u0000",
  "ÄÖÜßäöü€",
  "👩‍👩‍👧‍👦",
  "a".repeat(5_000),
  "[]",
  "{}",
  "true",
  "personalausweis.999",
  "personalausweis.1_reisepass.-3",
  "rathaus",
  "nordstadt",
  "Bearer x",
  "tv_" + "A".repeat(43),
];

const PAGE_PATHS = ["/termin", "/termin/standort", "/termin/tag", "/termin/uhrzeit", "/termin/daten", "/termin/pruefen", "/termin/verwalten/abc", "/staff/login", "/staff", "/sprache"];
const QUERY_KEYS = ["anliegen", "standort", "tag", "zeit", "monat", "ansicht", "weiter", "datum", "q", "ab", "von", "bis", "lang", "suchen"];
const ACTION_CONTENT_TYPES = [
  "text/plain;charset=UTF-8",
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=----x",
  "text/xml",
  "application/octet-stream",
  "",
];
const API_METHODS = ["GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "CONNECT"];

/** `origin` is the server's own: most posts carry it (as browsers do), some another site's or none. */
export function fuzzRequests(count: number, seed: number, origin: string): FuzzRequest[] {
  const random = randomFrom(seed);
  const someOrigin = () => random.pick([origin, origin, origin, "http://127.0.0.1", "null", "https://evil.example"]);
  const weird = () => random.pick(WEIRD_STRINGS);
  const query = () =>
    Array.from({ length: 1 + random.int(4) }, () => `${random.pick(QUERY_KEYS)}=${random.next() < 0.3 ? weird() : encodeURIComponent(weird())}`).join("&");
  const jsonish = (): string => {
    const values = [weird(), random.int(1e6), -random.int(1e6), null, true, [], {}, [weird()], { start: weird() }];
    const body: Record<string, unknown> = {};
    for (const key of ["location", "concerns", "start", "citizen", "language", "consent", "manageToken", "__proto__", weird()]) {
      if (random.next() < 0.6) body[key] = random.pick(values);
    }
    if (random.next() < 0.3) body.concerns = [{ concern: weird(), quantity: random.pick([0, 1, 99, -1, 1.5, "2", null]) }];
    if (random.next() < 0.3) body.citizen = { name: weird(), email: weird(), phone: weird() };
    const text = JSON.stringify(body);
    return random.next() < 0.25 ? text.slice(0, random.int(text.length)) : text;
  };
  const multipart = (boundary: string): string => {
    const parts = Array.from({ length: random.int(5) }, () => `--${boundary}\r\nContent-Disposition: form-data; name="${random.pick([...QUERY_KEYS, "nonce", "altcha", "ausgestellt", "email", "password", "$ACTION_ID_x", weird()])}"\r\n\r\n${weird()}\r\n`);
    const text = `${parts.join("")}--${boundary}--\r\n`;
    return random.next() < 0.3 ? text.slice(0, random.int(text.length)) : text;
  };

  const requests: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.int(6);
    if (kind === 0) {
      // API reads with broken queries and methods.
      const path = random.pick(["/api/v1/availability", "/api/v1/concerns", "/api/v1/locations", "/api/v1/challenge", "/api/v1/bookings/current", "/api/v1/openapi.json", "/api/v1/nothing"]);
      requests.push({ method: random.pick(API_METHODS), path: `${path}?${query()}&location=${encodeURIComponent(weird())}&concerns=${encodeURIComponent(weird())}&from=${encodeURIComponent(weird())}&to=${encodeURIComponent(weird())}`, headers: {} });
    } else if (kind === 1) {
      // Bookings with broken bodies, headers and proofs.
      const headers: Record<string, string> = { "content-type": random.pick(["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/vnd.api+json"]) };
      if (random.next() < 0.4) headers["idempotency-key"] = weird().slice(0, 200).replace(/[^\x20-\x7e]/g, "x");
      if (random.next() < 0.4) headers.altcha = Buffer.from(random.next() < 0.5 ? jsonish() : weird()).toString("base64");
      if (random.next() < 0.3) headers["x-api-key"] = weird().replace(/[^\x20-\x7e]/g, "x").slice(0, 100);
      if (random.next() < 0.3) headers["x-manage-token"] = weird().replace(/[^\x20-\x7e]/g, "x").slice(0, 300);
      const method = random.pick(["POST", "POST", "DELETE", "GET"]);
      requests.push({ method, path: method === "POST" ? "/api/v1/bookings" : "/api/v1/bookings/current", headers, body: Buffer.from(jsonish()) });
    } else if (kind === 2) {
      // Wizard and staff pages with impossible dates and other junk in the query.
      requests.push({ method: random.pick(["GET", "GET", "HEAD"]), path: `${random.pick(PAGE_PATHS)}?${query()}`, headers: random.next() < 0.3 ? { RSC: "1" } : {} });
    } else if (kind === 3) {
      // Server actions with wrong content types and broken bodies.
      const contentType = random.pick(ACTION_CONTENT_TYPES);
      const boundary = contentType.includes("boundary=----x") ? "----x" : "----y";
      const body = contentType.startsWith("multipart") ? multipart(boundary) : random.next() < 0.5 ? jsonish() : `${query()}`;
      const headers: Record<string, string> = { "next-action": random.next() < 0.8 ? random.pick(["0".repeat(42), "x", "", weird().slice(0, 60).replace(/[^\x21-\x7e]/g, "x")]) : "", origin: someOrigin() };
      if (contentType) headers["content-type"] = contentType;
      requests.push({ method: "POST", path: `${random.pick(PAGE_PATHS)}?${query()}`, headers, body: Buffer.from(body) });
    } else if (kind === 4) {
      // Native form posts (no JavaScript) with broken multipart bodies.
      const boundary = "----terminvergabe";
      requests.push({
        method: "POST",
        path: random.pick(PAGE_PATHS),
        headers: { "content-type": random.pick([`multipart/form-data; boundary=${boundary}`, "multipart/form-data; boundary=other", "application/x-www-form-urlencoded"]), origin: someOrigin() },
        body: Buffer.from(random.next() < 0.5 ? multipart(boundary) : `${query()}&%=%%&${weird()}`),
      });
    } else {
      // Bodies far over the limit, declared or streamed without a length.
      const size = 1_100_000 + random.int(500_000);
      const path = random.pick(["/termin/pruefen", "/staff/login", "/api/v1/bookings", "/termin"]);
      requests.push({ method: "POST", path, headers: { "content-type": random.pick(["text/plain;charset=UTF-8", "multipart/form-data; boundary=----z", "application/json"]), "next-action": "0".repeat(42), origin: someOrigin() }, body: Buffer.alloc(size, 0x61), chunked: random.next() < 0.5 });
    }
  }
  return requests;
}

/** Sends one request as it is, whatever its method or body (fetch refuses some methods and rewrites others). */
export function sendRaw(baseUrl: string, request: FuzzRequest): Promise<FuzzAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const headers = { ...request.headers };
    if (request.body && !request.chunked) headers["content-length"] = String(request.body.length);
    // Raw bytes outside printable ASCII cannot travel in a request line; percent signs stay as they are (broken on purpose).
    const path = request.path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c).replace(/%25/g, "%"));
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method: request.method, path, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, request }));
      response.on("error", () => resolve({ status: response.statusCode ?? 0, request }));
    });
    // A server may close the connection after refusing a large body before reading it: that is an answer, not a 5xx.
    outgoing.on("error", () => resolve({ status: 0, request }));
    if (request.body) {
      if (request.chunked) {
        for (let offset = 0; offset < request.body.length; offset += 64 * 1024) outgoing.write(request.body.subarray(offset, offset + 64 * 1024));
      } else outgoing.write(request.body);
    }
    outgoing.end();
  });
}

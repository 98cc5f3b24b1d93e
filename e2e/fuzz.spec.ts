import { expect, test } from "@playwright/test";
import { fuzzRequests, sendRaw, type FuzzAnswer } from "./support/fuzz";
import { E2E } from "./support/settings";

/**
 * Malformed API and server-action requests (e2e/support/fuzz.ts) get a 4xx or a calm page, never a 5xx. The suite
 * sends a few hundred; `npm run fuzz` sends 10,000 (FUZZ_REQUESTS, FUZZ_SEED to vary or replay).
 */
const COUNT = Number(process.env.FUZZ_REQUESTS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

test(`${COUNT} malformed requests, no 5xx`, async () => {
  test.setTimeout(Math.max(120_000, COUNT * 150));
  const requests = fuzzRequests(COUNT, SEED, E2E.baseUrl);
  const answers: FuzzAnswer[] = [];
  // A few at a time, as several clients would send them.
  for (let i = 0; i < requests.length; i += 8) {
    answers.push(...await Promise.all(requests.slice(i, i + 8).map((request) => sendRaw(E2E.baseUrl, request))));
  }
  const failures = answers.filter((a) => a.status >= 500).map((a) => `${a.status} ${a.request.method} ${a.request.path.slice(0, 160)} ${JSON.stringify(a.request.headers).slice(0, 200)}`);
  const byStatus = answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
  console.log(`fuzz: ${answers.length} requests (seed ${SEED}), answers by status: ${JSON.stringify(byStatus)}`);
  expect(failures, "requests answered with a 5xx").toEqual([]);
});

test("the review's malformed requests get 4xx answers", async () => {
  const ACTION = { "next-action": "7f".repeat(21), origin: E2E.baseUrl };
  const cases: { request: Parameters<typeof sendRaw>[1]; status: number | number[] }[] = [
    { request: { method: "TRACE", path: "/", headers: {} }, status: 405 },
    { request: { method: "TRACE", path: "/api/v1/concerns", headers: {} }, status: 405 },
    { request: { method: "PROPFIND", path: "/termin", headers: {} }, status: 405 },
    { request: { method: "GET", path: "/termin/tag?anliegen=personalausweis.1&standort=rathaus&tag=9999-12-31", headers: {} }, status: 200 },
    { request: { method: "GET", path: "/termin/uhrzeit?anliegen=personalausweis.1&standort=rathaus&tag=9999-12-31&zeit=9999-12-31T2359Z", headers: {} }, status: [200, 307] },
    { request: { method: "GET", path: "/termin/pruefen?anliegen=personalausweis.1&standort=rathaus&tag=2026-12-08&zeit=9999-12-31T2359Z", headers: {} }, status: [200, 307] },
    { request: { method: "POST", path: "/termin/pruefen", headers: { ...ACTION, "content-type": "application/json" }, body: Buffer.from("{}") }, status: 400 },
    { request: { method: "POST", path: "/termin/pruefen", headers: { ...ACTION, "content-type": "multipart/form-data; boundary=x" }, body: Buffer.from("--y\r\nbroken") }, status: 400 },
    { request: { method: "POST", path: "/termin/pruefen", headers: { ...ACTION, "content-type": "text/plain;charset=UTF-8" }, body: Buffer.alloc(1_200_000, 0x61) }, status: 413 },
    { request: { method: "POST", path: "/termin/pruefen", headers: { ...ACTION, "content-type": "text/plain;charset=UTF-8" }, body: Buffer.alloc(1_200_000, 0x61), chunked: true }, status: 413 },
  ];
  for (const { request, status } of cases) {
    const answer = await sendRaw(E2E.baseUrl, request);
    expect([status].flat(), `${request.method} ${request.path} ${request.chunked ? "(chunked)" : ""}`).toContain(answer.status);
  }
});

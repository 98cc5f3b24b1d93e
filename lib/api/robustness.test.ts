import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { POST as postBooking } from "@/app/api/v1/bookings/route";
import { DELETE as deleteCurrent, GET as getCurrent } from "@/app/api/v1/bookings/current/route";
import { GET as getConcerns } from "@/app/api/v1/concerns/route";
import { GET as getLocations } from "@/app/api/v1/locations/route";
import { apiRequest, readJson, solvedChallenge, useSeededAppDatabase } from "./test-support";

let cleanup: () => void;
beforeAll(async () => {
  ({ cleanup } = await useSeededAppDatabase());
});
afterAll(() => cleanup());

/** Whatever arrives, the answer is a success or a problem the client caused, never a 500. */
async function expectNoServerError(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(text).status).toBe(response.status);
  }
}

const validBooking = {
  location: "rathaus",
  concerns: [{ concern: "personalausweis", quantity: 1 }],
  start: "2026-12-08T08:00:00.000Z",
  citizen: { name: "Erika Mustermann", email: "robust@example.org" },
  consent: true,
};

describe("odd input never causes a 500", () => {
  it.each([
    "/concerns?lang[]=de",
    "/concerns?lang=de&lang=en",
    "/locations?lang=%00",
    "/locations?" + "x=1&".repeat(500),
  ])("GET %s", async (path) => {
    const handler = path.startsWith("/concerns") ? getConcerns : getLocations;
    await expectNoServerError(await handler(apiRequest(path)));
  });

  it.each([
    "location=rathaus&concerns=personalausweis:99999999999999999999999",
    "location=rathaus&concerns=%00",
    "location=rathaus&concerns=" + "a,".repeat(400) + "a",
    "location=rathaus&concerns=personalausweis:1&from=9999-12-31&to=9999-12-31",
    "location=rathaus&concerns=personalausweis:1&from=0000-01-01&to=0000-01-02",
    "location=rathaus&concerns=personalausweis:1&to=0001-01-01",
    "location=rathaus&concerns=personalausweis:1&from=2026-11-24&to=2026-11-24",
    "location=rathaus&concerns=personalausweis:1&from=2024-02-29&to=2024-03-01",
    "location=__proto__&concerns=constructor:1",
    "location=rathaus&concerns=toString:1",
    "location=rathaus&concerns=personalausweis:1,reisepass:4,kinderreisepass:4,anmeldung:1,meldebescheinigung:1,fuehrungszeugnis:1,beglaubigung:1,fundsache:1,abmeldung:1,ummeldung:1",
  ])("GET /availability?%s", async (query) => {
    await expectNoServerError(await getAvailability(apiRequest(`/availability?${query}`)));
  });

  it.each<[string, unknown]>([
    ["a prototype key", JSON.parse('{"__proto__": {"consent": true}, "location": "rathaus"}')],
    ["a start in year 0", { ...validBooking, start: "0000-01-01T00:00:00Z" }],
    ["a start in year 9999", { ...validBooking, start: "9999-12-31T23:59:59Z" }],
    ["a start with a +14:00 offset", { ...validBooking, start: "2026-12-08T22:00:00+14:00" }],
    ["a start in the past", { ...validBooking, start: "2020-01-07T08:00:00Z" }],
    ["a start off the grid", { ...validBooking, start: "2026-12-08T08:03:17.123Z" }],
    ["a huge quantity", { ...validBooking, concerns: [{ concern: "personalausweis", quantity: 1e308 }] }],
    ["a concern object with extra keys", { ...validBooking, concerns: [{ concern: "personalausweis", quantity: 1, constructor: 1 }] }],
    ["concerns named like object properties", { ...validBooking, concerns: [{ concern: "constructor", quantity: 1 }] }],
    ["unicode in the name", { ...validBooking, citizen: { name: "Zoë 🙂 Ağaoğlu", email: "zoe@example.org" } }],
    ["an e-mail with unicode", { ...validBooking, citizen: { name: "A", email: "zoë@exämple.org" } }],
    ["a number", 42],
    ["a string", "book me"],
  ])("POST /bookings with %s", async (_case, json) => {
    // With a solved challenge, so that the body gets past the proof of work to the booking itself.
    await expectNoServerError(await postBooking(apiRequest("/bookings", { method: "POST", json, headers: { altcha: await solvedChallenge() } })));
  });

  const base64 = (text: string) => Buffer.from(text).toString("base64");
  it.each<[string, Record<string, string>]>([
    ["an Altcha header of deeply nested JSON", { altcha: base64("[".repeat(5000) + "]".repeat(5000)) }],
    ["an Altcha header with a huge counter", { altcha: base64(JSON.stringify({ challenge: { parameters: { algorithm: "SHA-256", nonce: "0".repeat(32), data: { purpose: "booking-api", bound: "api", issuedAt: 0 } }, signature: "x" }, solution: { counter: 1e308, derivedKey: "00" } })) }],
    ["an Altcha header with a prototype key", { altcha: base64('{"__proto__": {"ok": true}, "challenge": null, "solution": null}') }],
    ["an Altcha header of odd characters", { altcha: '%00 ÿ;,="{}' }],
    ["an X-Api-Key of odd characters", { "x-api-key": 'tv_%00 ÿ;,="{}' }],
    ["an X-Api-Key of 8000 characters", { "x-api-key": "tv_" + "a".repeat(8000) }],
  ])("POST /bookings with %s", async (_case, headers) => {
    const response = await postBooking(apiRequest("/bookings", { method: "POST", json: validBooking, headers }));
    await expectNoServerError(response.clone());
    expect([401, 403]).toContain(response.status);
  });

  it("POST /bookings with deeply nested JSON", async () => {
    const body = "[".repeat(5000) + "]".repeat(5000);
    await expectNoServerError(await postBooking(apiRequest("/bookings", { method: "POST", body, headers: { "content-type": "application/json" } })));
  });

  it.each<[string, Record<string, string>]>([
    ["a very long token", { "x-manage-token": "a".repeat(8000) }],
    ["a bearer without token", { authorization: "Bearer" }],
    ["unicode in the token", { "x-manage-token": "t%C3%B6ken" }],
  ])("GET and DELETE /bookings/current with %s", async (_case, headers) => {
    await expectNoServerError(await getCurrent(apiRequest("/bookings/current", { headers })));
    await expectNoServerError(await deleteCurrent(apiRequest("/bookings/current", { method: "DELETE", headers })));
  });

  it("answers a known body with an unknown location as 404, not by trusting other fields", async () => {
    const json = { ...validBooking, location: "nirgendwo" };
    const response = await postBooking(apiRequest("/bookings", { method: "POST", json, headers: { altcha: await solvedChallenge() } }));
    expect(response.status).toBe(404);
    expect((await readJson(response)).code).toBe("not_found");
  });
});

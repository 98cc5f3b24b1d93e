import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { offeredDay } from "./support/availability";
import { countBookedAt, insertApiKey } from "./support/db";
import { E2E } from "./support/settings";

/**
 * Two app processes on one database, a few hundred booking requests at once for times of known capacity: exactly the
 * capacity is booked, every other request gets 409 with alternatives, nothing fails with a 5xx. The database is the
 * SQLite file, or on the PostgreSQL run (playwright.postgres.config.ts) the PostgreSQL database: the second process
 * gets E2E.appEnv like the first.
 */
const SECOND_PORT = E2E.appPort + 1;
const SECOND_URL = `http://127.0.0.1:${SECOND_PORT}`;
const REQUESTS = 300;
const TIMES = 5;

let second: ChildProcess;

test.beforeAll(async () => {
  second = spawn("npx", ["tsx", "lib/http/server.ts", "--port", String(SECOND_PORT), "--hostname", "127.0.0.1"], {
    env: { ...process.env, ...E2E.appEnv, PORT: String(SECOND_PORT), PUBLIC_URL: SECOND_URL },
    stdio: "ignore",
    detached: true,
  });
  await expect
    .poll(async () => (await fetch(`${SECOND_URL}/api/v1/locations`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250] })
    .toBe(200);
});

test.afterAll(() => {
  if (second.pid) process.kill(-second.pid, "SIGTERM");
});

test("parallel bookings across two processes never exceed capacity", async () => {
  test.setTimeout(120_000);
  // A day five weeks or more ahead, far from the days other specs use, with enough free times.
  const { date, slots: offered } = await offeredDay({ location: "rathaus", concerns: "meldebescheinigung:1", daysAhead: 35, minSlots: TIMES });
  const slots = offered.slice(0, TIMES);
  expect(slots).toHaveLength(TIMES);
  const capacity = new Map(slots.map((s) => [s.start, s.remaining]));

  // A trusted client with an administrator's API key: no proof of work per request (lib/api/booking-client.ts).
  const { key: apiKey } = await insertApiKey("e2e concurrency");
  const requests = Array.from({ length: REQUESTS }, (_, i) => {
    const slot = slots[i % TIMES]!;
    const base = i % 2 === 0 ? E2E.baseUrl : SECOND_URL;
    return fetch(`${base}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: JSON.stringify({
        location: "rathaus",
        concerns: [{ concern: "meldebescheinigung", quantity: 1 }],
        start: slot.start,
        citizen: { name: `Parallel ${i}`, email: `parallel-${i}-${date}@example.org` },
        language: "de",
        consent: true,
      }),
    }).then(async (response) => ({ slot: slot.start, status: response.status, body: await response.text() }));
  });
  const results = await Promise.all(requests);

  expect(results.filter((r) => r.status >= 500), "no 5xx").toEqual([]);
  expect(results.filter((r) => /SQLITE_BUSY|database is locked|deadlock|could not serialize/i.test(r.body)), "no lock error reaches a client").toEqual([]);
  for (const [start, remaining] of capacity) {
    const forSlot = results.filter((r) => r.slot === start);
    expect(forSlot.filter((r) => r.status === 201), `bookings at ${start}`).toHaveLength(remaining);
    for (const refused of forSlot.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(409);
      const problem = JSON.parse(refused.body);
      expect(problem.code).toBe("slot_taken");
      expect(problem.alternatives.length).toBeGreaterThan(0);
    }
  }

  // The database agrees: exactly the capacity, per time.
  for (const [start, remaining] of capacity) {
    expect(await countBookedAt(new Date(start), "parallel-"), `booked at ${start} in the database`).toBe(remaining);
  }
});

test("a booking made through one process shows at once in the other's cached availability", async () => {
  // Each process keeps availability answers under the database's change counters (db/revisions.ts); the counters are
  // read afresh for every request, so a booking committed by the other process renews the answer at once.
  const { date, slots } = await offeredDay({ location: "rathaus", concerns: "anmeldung:1", daysAhead: 40, minSlots: 1 });
  const slot = slots[0]!;
  const remainingAt = async (base: string) => {
    const response = await fetch(`${base}/api/v1/availability?location=rathaus&concerns=anmeldung:1&from=${date}&to=${date}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { days: { slots: { start: string; remaining: number }[] }[] };
    return body.days[0]?.slots.find((s) => s.start === slot.start)?.remaining ?? 0;
  };
  // Asked twice, so the first process answers the second time from its cache.
  expect(await remainingAt(E2E.baseUrl)).toBe(slot.remaining);
  expect(await remainingAt(E2E.baseUrl)).toBe(slot.remaining);

  const { key: apiKey } = await insertApiKey("e2e cross-process cache");
  const booked = await fetch(`${SECOND_URL}/api/v1/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    body: JSON.stringify({
      location: "rathaus",
      concerns: [{ concern: "anmeldung", quantity: 1 }],
      start: slot.start,
      citizen: { name: "Other Process", email: `other-process-${date}@example.org` },
      language: "de",
      consent: true,
    }),
  });
  expect(booked.status).toBe(201);
  expect(await remainingAt(E2E.baseUrl)).toBe(slot.remaining - 1);
});

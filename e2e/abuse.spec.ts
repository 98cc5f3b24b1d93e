import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { expect, test } from "@playwright/test";
import { BUDGETS } from "@/lib/services/rate-limit";
import { offeredDay } from "./support/availability";
import { countBookingsByEmail } from "./support/db";
import { E2E } from "./support/settings";
import { DEMO_STAFF } from "./support/staff";

/**
 * The attacks of the security review, replayed against a real server with production budgets (RATE_LIMIT_SCALE=1;
 * the main test server raises them because the suite books far more than any citizen). The attacker connects from
 * its own loopback address and rotates X-Forwarded-For on every request, as in the review, where one client booked a
 * whole Tuesday in two seconds and twenty failed sign-ins by strangers locked every staff member out.
 */
const PORT = E2E.appPort + 2;
const ATTACKER = "127.0.0.66";
const STRANGER = "127.0.0.67";

let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn("npx", ["tsx", "lib/http/server.ts", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    env: { ...process.env, ...E2E.appEnv, PORT: String(PORT), PUBLIC_URL: `http://127.0.0.1:${PORT}`, RATE_LIMIT_SCALE: "1" },
    stdio: "ignore",
    detached: true,
  });
  await expect.poll(async () => (await send(STRANGER, "GET", "/api/v1/locations").catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250] }).toBe(200);
});

test.afterAll(() => {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
});

type Answer = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

/** One HTTP request from a chosen loopback address: what the server sees as the socket's peer. */
function send(from: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: PORT, localAddress: from, method, path, headers: options.headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on("error", reject);
    if (options.body) request.write(options.body);
    request.end();
  });
}

let forged = 0;
/** A different claimed address for every request. */
const spoofed = () => ({ "x-forwarded-for": `203.0.113.${(forged = (forged + 1) % 250)}`, "x-real-ip": `198.51.100.${forged}` });

async function solvedChallenge(from: string): Promise<{ payload: string; counter: number }> {
  const answer = await send(from, "GET", "/api/v1/challenge", { headers: spoofed() });
  expect(answer.status).toBe(200);
  const { challenge } = JSON.parse(answer.body);
  const solution = (await solveChallenge({ challenge, deriveKey }))!;
  return { payload: Buffer.from(JSON.stringify({ challenge, solution })).toString("base64"), counter: solution.counter };
}

function bookingRequest(start: string, email: string) {
  return JSON.stringify({
    location: "rathaus",
    concerns: [{ concern: "meldebescheinigung", quantity: 1 }],
    start,
    citizen: { name: "Massen Buchung", email },
    consent: true,
  });
}

test("one client can no longer book out a day, however it disguises itself", async () => {
  test.setTimeout(180_000);
  const { date, slots } = await offeredDay({ location: "rathaus", concerns: "meldebescheinigung:1", daysAhead: 42, minSlots: 30 });

  // Without a proof of work (or an API key) nothing is booked at all.
  const bare = await send(ATTACKER, "POST", "/api/v1/bookings", { headers: { "content-type": "application/json", ...spoofed() }, body: bookingRequest(slots[0]!.start, `bare-${date}@example.org`) });
  expect(bare.status).toBe(401);

  // The attack: every free time of the day, each request under another forwarded address, each with a solved challenge.
  const work: number[] = [];
  const answers: Answer[] = [];
  for (const [index, slot] of slots.entries()) {
    const { payload, counter } = await solvedChallenge(ATTACKER);
    work.push(counter);
    const email = `attack-${index}-${date}@example.org`;
    answers.push(
      await send(ATTACKER, "POST", "/api/v1/bookings", {
        headers: { "content-type": "application/json", altcha: payload, ...spoofed() },
        body: bookingRequest(slot.start, email),
      }),
    );
    if (answers.some((a) => a.status === 429)) break;
  }
  const booked = answers.filter((a) => a.status === 201).length;
  expect(booked, "bookings the attacker got").toBe(BUDGETS.bookingPerHour.points);
  expect(answers.at(-1)!.status).toBe(429);
  expect(answers.find((a) => a.status === 429)!.headers["retry-after"]).toMatch(/^\d+$/);
  expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  // The proof of work grew with every booking beyond the first few (solutions reveal how far the client had to count).
  expect(Math.max(...work.slice(-3))).toBeGreaterThan(8 * Math.max(...work.slice(0, 2)));

  // A citizen on another connection books as usual: budgets are per client, never one "unknown" for all.
  const { payload } = await solvedChallenge(STRANGER);
  const citizen = await send(STRANGER, "POST", "/api/v1/bookings", {
    headers: { "content-type": "application/json", altcha: payload },
    body: bookingRequest(slots.at(-1)!.start, `stranger-${date}@example.org`),
  });
  expect(citizen.status, citizen.body).toBe(201);
  expect(countBookingsByEmail(`stranger-${date}@example.org`)).toBe(1);
});

test("strangers' failed sign-ins never lock the real staff member out", async ({ browser }) => {
  test.setTimeout(120_000);
  // The sign-in form as a browser without JavaScript posts it: its action id comes from the page.
  const page = await send(ATTACKER, "GET", "/staff/login");
  const hidden = [...page.body.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes('type="hidden"'));
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const fields = Object.fromEntries(hidden.map((tag) => [attribute(tag, "name") ?? "", (attribute(tag, "value") ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")]));
  expect(Object.keys(fields).some((name) => name.startsWith("$ACTION_"))).toBe(true);
  const attempt = async () => {
    const boundary = "----terminvergabe-e2e";
    const parts = Object.entries({ ...fields, email: DEMO_STAFF.email, password: "falsches-Passwort-123" }).map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return send(ATTACKER, "POST", "/staff/login", {
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: `http://127.0.0.1:${PORT}`, ...spoofed() },
      body: `${parts.join("")}--${boundary}--\r\n`,
    });
  };
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) statuses.push((await attempt()).status);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);

  // The real staff member, from their own connection, signs in at once.
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  const staffPage = await context.newPage();
  await staffPage.goto("/staff/login");
  await staffPage.getByLabel("E-Mail-Adresse").fill(DEMO_STAFF.email);
  await staffPage.getByLabel("Passwort").fill(DEMO_STAFF.password);
  await staffPage.getByRole("button", { name: "Anmelden" }).click();
  await expect(staffPage).toHaveURL(/\/staff$/);
  await expect(staffPage.getByText(/Angemeldet als/)).toBeVisible();
  await context.close();
});

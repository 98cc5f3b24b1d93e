import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { POST as postBooking } from "@/app/api/v1/bookings/route";
import { DELETE as deleteCurrent, GET as getCurrent } from "@/app/api/v1/bookings/current/route";
import { GET as getChallenge } from "@/app/api/v1/challenge/route";
import type { AppDatabase } from "@/db/client";
import { findLocationBySlug } from "@/db/queries/locations";
import { bookings, emailOutbox } from "@/db/schema";
import { now } from "@/lib/clock";
import { addDays, zonedToInstant } from "@/lib/domain/zoned-time";
import { issueApiKey, revokeApiKey } from "@/lib/services/admin/api-keys";
import { appContext, type ServiceContext } from "@/lib/services/context";
import { CHALLENGE_LIFETIME_MS, issueChallenge, type ChallengePurpose } from "@/lib/services/proof-of-work";
import { BUDGETS, budgetUsed, type Budget, type RateLimitClient } from "@/lib/services/rate-limit";
import { generateManageToken, generateReferenceCode, hashManageToken } from "@/lib/booking-tokens";
import { TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { challengeResponseExample } from "./examples";
import { API_RATE_LIMITS } from "./rate-limits";
import { MAX_BODY_BYTES } from "./request";
import { bookingCreatedSchema, bookingViewSchema, challengeResponseSchema } from "./schemas";
import { apiRequest, freshAddress, readJson, solvedChallenge, TEST_PUBLIC_URL, todayAtLocations, useSeededAppDatabase } from "./test-support";

let db: AppDatabase;
let cleanup: () => void;
/** The handlers' own context (same database, clock and secret), for issuing API keys and reading budgets. */
let context: ServiceContext;
/** A key an administrator issued, as a trusted service (a town's portal) holds it. */
let apiKey: { key: string; id: number };
beforeAll(async () => {
  ({ db, cleanup } = await useSeededAppDatabase());
  context = await appContext();
  const { key, record } = await issueApiKey(await signedInAccess(context, "admin"), { label: "Bürgerportal (Test)" });
  apiKey = { key, id: record.id };
});
afterAll(() => cleanup());

type Slot = { start: string; end: string; remaining: number };

/** Free times of the next two weeks, from the API itself. */
async function freeSlots(location: string, concerns: string): Promise<Slot[]> {
  const from = todayAtLocations();
  const response = await getAvailability(apiRequest(`/availability?location=${location}&concerns=${concerns}&from=${from}&to=${addDays(from, 14)}`));
  const body = await readJson(response);
  return body.days.flatMap((day: { slots: Slot[] }) => day.slots);
}

/** Slots that do not overlap each other, so booking one leaves the others free. */
function separateSlots(slots: Slot[], count: number): Slot[] {
  const chosen: Slot[] = [];
  for (const slot of slots) {
    if (chosen.every((c) => slot.start >= c.end || slot.end <= c.start)) chosen.push(slot);
    if (chosen.length === count) break;
  }
  expect(chosen).toHaveLength(count);
  return chosen;
}

let emailCounter = 0;
const uniqueEmail = () => `person${++emailCounter}@example.org`;

function bookingBody(start: string, overrides: Record<string, unknown> = {}) {
  return {
    location: "rathaus",
    concerns: [{ concern: "personalausweis", quantity: 1 }],
    start,
    citizen: { name: "Erika Mustermann", email: uniqueEmail() },
    consent: true,
    ...overrides,
  };
}

type BookOptions = {
  headers?: Record<string, string>;
  address?: string;
  /** The Altcha header: by default a freshly solved challenge (none with an API key); null sends none. */
  proof?: string | null;
  /** Sent as X-Api-Key. */
  apiKey?: string;
};

/** A booking as an API client sends it: with a solved challenge of its own, unless told otherwise. */
async function book(json: unknown, options: BookOptions = {}) {
  const { headers, address, apiKey: key } = options;
  const proof = options.proof === undefined ? (key === undefined ? await solvedChallenge(address) : null) : options.proof;
  const authHeaders: Record<string, string> = { ...(proof === null ? {} : { altcha: proof }), ...(key === undefined ? {} : { "x-api-key": key }) };
  return postBooking(apiRequest("/bookings", { method: "POST", json, address, headers: { ...authHeaders, ...headers } }));
}

const bookingsFor = async (email: string) => await db.select().from(bookings).where(eq(bookings.email, email));
const emailOf = (body: { citizen?: unknown }) => (body.citizen as { email: string }).email;

/** 03:00 tomorrow at the locations: never a bookable time, so an attempt spends its budgets and books nothing. */
const unbookableStart = () => zonedToInstant(addDays(todayAtLocations(), 1), 3 * 60, TZ).toISOString();

/** A challenge of our own making (another purpose, an old one, a foreign secret), solved and encoded as a client would. */
async function solvedOwnChallenge(options: { purpose?: ChallengePurpose; boundTo?: string; issuedAt?: Date; secret?: string } = {}): Promise<string> {
  const challenge = await issueChallenge(
    { secret: options.secret ?? context.secret, now: () => options.issuedAt ?? now() },
    { purpose: options.purpose ?? "booking-api", boundTo: options.boundTo ?? "api", work: 1_000 },
  );
  return encodeSolution(challenge);
}

/** A challenge as GET /challenge hands it out. */
const getChallengeBody = async (): Promise<{ challenge: Challenge }> => readJson(await getChallenge(apiRequest("/challenge")));

async function encodeSolution(challenge: Challenge, change: (payload: { challenge: Challenge; solution: unknown }) => void = () => {}): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  const payload = { challenge, solution };
  change(payload);
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

const used = (budget: Budget, client: RateLimitClient) => budgetUsed(context.db, budget, client, { secret: context.secret, scale: 1 });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await readJson(response);
  expect(body).toMatchObject({ status, code, type: `${TEST_PUBLIC_URL}/api-dokumentation#problem-${code}` });
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  return body;
}

describe("POST /api/v1/bookings", () => {
  it("books a free time from the availability answer and returns the view, the token and where to read it", async () => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1,reisepass:2");
    const body = bookingBody(slot!.start, {
      concerns: [
        { concern: "personalausweis", quantity: 1 },
        { concern: "reisepass", quantity: 2 },
      ],
      citizen: { name: "Erika Mustermann", email: "Erika.API@Example.org", phone: null, note: null },
    });
    const response = await book(body);
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("location")).toBe(`${TEST_PUBLIC_URL}/api/v1/bookings/current`);
    const raw = await readJson(response);
    const created = bookingCreatedSchema.parse(raw);
    expect(created.booking).toMatchObject({
      status: "booked",
      language: "de",
      start: slot!.start,
      end: slot!.end,
      location: { slug: "rathaus", name: "Bürgerbüro im Rathaus" },
      canChange: true,
      totalFeeCents: 3700 + 2 * 7000,
    });
    expect(created.booking.items).toEqual([
      { concern: "personalausweis", name: "Personalausweis beantragen", quantity: 1 },
      { concern: "reisepass", name: "Reisepass beantragen", quantity: 2 },
    ]);
    expect(created.booking.checklist.find((c) => c.key === "biometric-photo")?.quantity).toBe(3);
    expect(created.manageUrl).toBe(`${TEST_PUBLIC_URL}/termin/verwalten/${created.manageToken}`);
    // The answer is built from the rows the transaction has just written; a later read gives exactly the same view.
    const stored = await getCurrent(apiRequest("/bookings/current", { headers: { "x-manage-token": created.manageToken } }));
    expect(raw.booking).toEqual(await readJson(stored));

    // Same rules and side effects as the web flow: e-mail lower-cased, confirmation queued.
    const row = (await db.select().from(bookings).where(eq(bookings.referenceCode, created.booking.referenceCode)))[0]!;
    expect(row).toMatchObject({ channel: "online", email: "erika.api@example.org", phone: null, note: null });
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, row.id))).map((m) => m.kind)).toEqual(["booking_confirmation"]);
  });

  it("writes the booking view in the booking's language", async () => {
    const [slot] = await freeSlots("nordstadt", "anmeldung:1");
    const response = await book(bookingBody(slot!.start, { location: "nordstadt", concerns: [{ concern: "anmeldung", quantity: 1 }], language: "en" }));
    expect(response.status).toBe(201);
    const { booking } = await readJson(response);
    expect(booking.language).toBe("en");
    expect(booking.location.slug).toBe("nordstadt");
    expect(booking.items[0].name).toMatch(/^[A-Z][a-z]/);
    expect(booking.items[0].name).not.toBe("Anmeldung");
  });

  it("returns the first booking, with 200, when a request is retried with the same Idempotency-Key", async () => {
    const slot = (await freeSlots("rathaus", "personalausweis:1")).find((s) => s.remaining >= 2)!;
    const body = bookingBody(slot.start);
    const headers = { "idempotency-key": "retry-4f1c2a9e-key" };
    const proof = await solvedChallenge();
    const first = await book(body, { headers, proof });
    // A retry after a dropped connection sends the same request again, solution included: that solution is spent already.
    const again = await book(body, { headers, proof });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get("location")).toBe(`${TEST_PUBLIC_URL}/api/v1/bookings/current`);
    const [a, b] = [await readJson(first), await readJson(again)];
    expect(b.booking.referenceCode).toBe(a.booking.referenceCode);
    expect(b.manageToken).toBe(a.manageToken);
    expect(await bookingsFor(emailOf(body))).toHaveLength(1);
    // The retry still has to carry a proof (or a key): a guessed Idempotency-Key cannot be tried for free.
    await expectProblem(await book(body, { headers, proof: null }), 401, "challenge_required");

    // A retry with a new solution gets the booking too, and does not use that solution up: it still buys a booking.
    const fresh = await solvedChallenge();
    const third = await book(body, { headers, proof: fresh });
    expect(third.status).toBe(200);
    expect((await readJson(third)).manageToken).toBe(a.manageToken);
    expect((await book(bookingBody(slot.start), { proof: fresh })).status).toBe(201);

    // Someone else using the same key gets a booking of their own, never the first caller's token.
    const other = await book(bookingBody(slot.start), { headers });
    expect(other.status).toBe(201);
    const c = await readJson(other);
    expect(c.booking.referenceCode).not.toBe(a.booking.referenceCode);
    expect(c.manageToken).not.toBe(a.manageToken);
  });

  it("answers 409 with the nearest free times when the time is taken", async () => {
    const [slot] = await freeSlots("nordstadt", "anmeldung:1");
    const address = freshAddress();
    const body = (start: string) => bookingBody(start, { location: "nordstadt", concerns: [{ concern: "anmeldung", quantity: 1 }] });
    for (let i = 0; i < slot!.remaining; i++) expect((await book(body(slot!.start), { address })).status).toBe(201);

    const problem = await expectProblem(await book(body(slot!.start), { address }), 409, "slot_taken");
    expect(problem.alternatives.length).toBeGreaterThan(0);
    expect(problem.alternatives).not.toContain(slot!.start);
    // An alternative really is free: booking it succeeds.
    expect((await book(body(problem.alternatives[0]), { address })).status).toBe(201);
  });

  it("answers 409 for a start that is no bookable time at all", async () => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const night = new Date(new Date(slot!.start).getTime() - 6 * 60 * 60_000).toISOString();
    await expectProblem(await book(bookingBody(night)), 409, "slot_taken");
  });

  it("refuses a fourth upcoming booking for one e-mail address with 422, like the web flow", async () => {
    const slots = separateSlots(await freeSlots("rathaus", "personalausweis:1"), 4);
    const email = uniqueEmail();
    const address = freshAddress();
    for (const slot of slots.slice(0, 3)) {
      expect((await book(bookingBody(slot.start, { citizen: { name: "Max Mustermann", email } }), { address })).status).toBe(201);
    }
    const problem = await expectProblem(await book(bookingBody(slots[3]!.start, { citizen: { name: "Max Mustermann", email } }), { address }), 422, "too_many_active_bookings");
    expect(problem.detail).toContain("3");
  });

  const VALID_START = "2026-12-08T08:00:00.000Z";
  const withCitizen = (citizen: Record<string, unknown>) => bookingBody(VALID_START, { citizen: { name: "Erika Mustermann", email: "erika@example.org", ...citizen } });

  it.each([
    { case: "a missing consent", json: { ...bookingBody(VALID_START), consent: undefined }, field: "consent", code: "consent_required" },
    { case: "consent false", json: bookingBody(VALID_START, { consent: false }), field: "consent", code: "consent_required" },
    { case: "an invalid e-mail", json: withCitizen({ email: "erika(at)example.org" }), field: "citizen.email", code: "email_invalid" },
    { case: "an empty name", json: withCitizen({ name: "   " }), field: "citizen.name", code: "name_required" },
    { case: "a name that is a number", json: withCitizen({ name: 42 }), field: "citizen.name", code: "invalid_type" },
    { case: "letters in the phone number", json: withCitizen({ phone: "call me" }), field: "citizen.phone", code: "phone_invalid" },
    { case: "an overlong note", json: withCitizen({ note: "x".repeat(501) }), field: "citizen.note", code: "note_too_long" },
    { case: "a missing citizen", json: bookingBody(VALID_START, { citizen: undefined }), field: "citizen", code: "invalid_type" },
    { case: "a quantity given as text", json: bookingBody(VALID_START, { concerns: [{ concern: "personalausweis", quantity: "two" }] }), field: "concerns.0.quantity", code: "quantity_invalid" },
    { case: "a fractional quantity", json: bookingBody(VALID_START, { concerns: [{ concern: "personalausweis", quantity: 1.5 }] }), field: "concerns.0.quantity", code: "quantity_invalid" },
    { case: "no concerns", json: bookingBody(VALID_START, { concerns: [] }), field: "concerns", code: "concerns_required" },
    { case: "concerns as a string", json: bookingBody(VALID_START, { concerns: "personalausweis:1" }), field: "concerns", code: "invalid_type" },
    { case: "a start in words", json: bookingBody("next Tuesday at nine"), field: "start", code: "start_invalid" },
    { case: "a start without offset", json: bookingBody("2026-12-08T09:00:00"), field: "start", code: "start_invalid" },
    { case: "an unknown language", json: bookingBody(VALID_START, { language: "fr" }), field: "language", code: "invalid_value" },
    { case: "a malformed location slug", json: bookingBody(VALID_START, { location: "../rathaus" }), field: "location", code: "slug_invalid" },
    { case: "a JSON array", json: [], field: "(body)", code: "invalid_type" },
    { case: "JSON null", json: null, field: "(body)", code: "invalid_type" },
  ])("answers 422 for $case", async ({ json, field, code }) => {
    const problem = await expectProblem(await book(json), 422, "validation");
    expect(problem.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it.each([
    { case: "an unknown concern", json: bookingBody(VALID_START, { concerns: [{ concern: "drachenlizenz", quantity: 1 }] }), field: "concerns.0.concern", code: "unknown_concern", slug: "drachenlizenz" },
    {
      case: "a concern the branch does not offer",
      json: bookingBody(VALID_START, { location: "nordstadt", concerns: [{ concern: "anmeldung", quantity: 1 }, { concern: "fahrzeugzulassung", quantity: 1 }] }),
      field: "concerns.1.concern",
      code: "concern_not_offered",
      slug: "fahrzeugzulassung",
    },
    { case: "a quantity above the maximum", json: bookingBody(VALID_START, { concerns: [{ concern: "personalausweis", quantity: 9 }] }), field: "concerns.0.quantity", code: "quantity_out_of_range", slug: "personalausweis" },
  ])("answers 422 request_invalid naming the concern for $case", async ({ json, field, code, slug }) => {
    const problem = await expectProblem(await book(json), 422, "request_invalid");
    expect(problem.detail).toContain(`"${slug}"`);
    expect(problem.errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it("answers 404 for an unknown location", async () => {
    await expectProblem(await book(bookingBody(VALID_START, { location: "mondstation" })), 404, "not_found");
  });

  it.each([
    { case: "malformed JSON", body: '{"location": "rathaus",', contentType: "application/json", status: 400, code: "invalid_json" },
    { case: "an empty body", body: "", contentType: "application/json", status: 400, code: "invalid_json" },
    { case: "a form post", body: "location=rathaus", contentType: "application/x-www-form-urlencoded", status: 400, code: "invalid_content_type" },
    { case: "JSON sent as text", body: JSON.stringify(bookingBody(VALID_START)), contentType: "text/plain", status: 400, code: "invalid_content_type" },
    { case: "an oversized body", body: JSON.stringify({ note: "x".repeat(MAX_BODY_BYTES) }), contentType: "application/json", status: 413, code: "body_too_large" },
  ])("answers $status for $case", async ({ body, contentType, status, code }) => {
    const response = await postBooking(apiRequest("/bookings", { method: "POST", body, headers: { "content-type": contentType } }));
    await expectProblem(response, status, code);
  });

  it.each(["short", "has spaces in it", "ü".repeat(10), "x".repeat(101)])("answers 400 for the Idempotency-Key %j", async (key) => {
    await expectProblem(await book(bookingBody(VALID_START), { headers: { "idempotency-key": key } }), 400, "invalid_header");
  });

  it(`lets one address make ${BUDGETS.bookingPerHour.points} booking attempts an hour, then answers 429 with Retry-After`, async () => {
    expect(API_RATE_LIMITS.booking).toEqual([BUDGETS.bookingPerHour, BUDGETS.bookingPerDay]);
    const address = freshAddress();
    const attempts = BUDGETS.bookingPerHour.points;
    // One solution per attempt, each from a challenge of its own.
    const proofs: string[] = [];
    for (let i = 0; i <= attempts; i++) proofs.push(await solvedChallenge());
    expect(new Set(proofs).size).toBe(attempts + 1);
    // The budget is spent before the time is checked: an unbookable start counts, and nothing gets booked.
    const attempt = (proof: string) => book(bookingBody(unbookableStart()), { address, proof });
    for (const proof of proofs.slice(0, attempts)) await expectProblem(await attempt(proof), 409, "slot_taken");
    expect(await used(BUDGETS.bookingPerHour, { address })).toBe(attempts);

    const limited = await attempt(proofs[attempts]!);
    await expectProblem(limited, 429, "rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(BUDGETS.bookingPerHour.durationSeconds);

    // Another address is not affected…
    await expectProblem(await book(bookingBody(unbookableStart()), { address: freshAddress() }), 409, "slot_taken");
    // …nor is an API key used from this address: it books from the key's own budget.
    await expectProblem(await book(bookingBody(unbookableStart()), { address, apiKey: apiKey.key }), 409, "slot_taken");
    // Reading goes on: only the booking budgets are used up.
    expect((await getAvailability(apiRequest(`/availability?location=rathaus&concerns=anmeldung:1`, { address }))).status).toBe(200);
  });
});

describe("GET /api/v1/challenge", () => {
  it("issues a fresh challenge for one booking, in the documented shape", async () => {
    const [first, second] = [await getChallenge(apiRequest("/challenge")), await getChallenge(apiRequest("/challenge"))];
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = challengeResponseSchema.parse(await readJson(first));
    expect(body.validForSeconds).toBe(CHALLENGE_LIFETIME_MS / 1000);
    expect(body.challenge.parameters).toMatchObject({ algorithm: "SHA-256", data: { purpose: "booking-api" } });
    // The documentation's example has exactly the fields a real challenge has.
    expect(Object.keys(body.challenge.parameters).sort()).toEqual(Object.keys(challengeResponseExample.challenge.parameters).sort());
    expect(Object.keys(body.challenge.parameters.data!).sort()).toEqual(Object.keys(challengeResponseExample.challenge.parameters.data!).sort());
    expect((await readJson(second)).challenge.parameters.nonce).not.toBe(body.challenge.parameters.nonce);
  });
});

describe("POST /api/v1/bookings: proof of work", () => {
  it("answers 401 challenge_required without a solution or a key, and books nothing", async () => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const body = bookingBody(slot!.start);
    const problem = await expectProblem(await book(body, { proof: null }), 401, "challenge_required");
    expect(problem.detail).toContain("/api/v1/challenge");
    await expectProblem(await book(body, { proof: "" }), 401, "challenge_required");
    expect(await bookingsFor(emailOf(body))).toHaveLength(0);
  });

  it.each<{ case: string; proof: () => Promise<string> }>([
    { case: "text that is not base64 JSON", proof: async () => "garbage" },
    { case: "base64 of an empty object", proof: async () => Buffer.from("{}").toString("base64") },
    { case: "an oversized header", proof: async () => "A".repeat(10_000) },
    {
      // The derived key is the proof (the library checks it against the challenge's signed key signature).
      case: "a wrong solution",
      proof: async () =>
        encodeSolution((await getChallengeBody()).challenge, (p) => {
          const solution = p.solution as { derivedKey: string };
          solution.derivedKey = solution.derivedKey.replace(/.$/, (last) => (last === "0" ? "1" : "0"));
        }),
    },
    {
      case: "a challenge whose data was changed",
      proof: async () => encodeSolution((await getChallengeBody()).challenge, (p) => (p.challenge.parameters.data = { ...p.challenge.parameters.data, bound: "other" })),
    },
    { case: "a challenge issued for the booking form", proof: () => solvedOwnChallenge({ purpose: "booking-form", boundTo: "form-nonce-4711" }) },
    { case: "a challenge issued for another binding", proof: () => solvedOwnChallenge({ boundTo: "form-nonce-4711" }) },
    { case: "an expired challenge", proof: () => solvedOwnChallenge({ issuedAt: new Date(now().getTime() - CHALLENGE_LIFETIME_MS - 60_000) }) },
    { case: "a challenge signed with another secret", proof: () => solvedOwnChallenge({ secret: "another-deployment-secret-0123456789abcdef" }) },
  ])("answers 403 challenge_invalid for $case, and books nothing", async ({ proof }) => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const body = bookingBody(slot!.start);
    await expectProblem(await book(body, { proof: await proof() }), 403, "challenge_invalid");
    expect(await bookingsFor(emailOf(body))).toHaveLength(0);
  });

  it("accepts a challenge issued a moment before its lifetime ends", async () => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const proof = await solvedOwnChallenge({ issuedAt: new Date(now().getTime() - CHALLENGE_LIFETIME_MS + 60_000) });
    expect((await book(bookingBody(slot!.start), { proof })).status).toBe(201);
  });

  it("buys one booking with one solution: a second booking with it answers 409 challenge_used", async () => {
    const [first, second] = separateSlots(await freeSlots("rathaus", "personalausweis:1"), 2);
    const proof = await solvedChallenge();
    const firstBody = bookingBody(first!.start);
    const secondBody = bookingBody(second!.start);
    expect((await book(firstBody, { proof })).status).toBe(201);
    const problem = await expectProblem(await book(secondBody, { proof }), 409, "challenge_used");
    expect(problem.detail).toMatch(/new challenge/i);
    // Sent from another address, it is still used up.
    await expectProblem(await book(secondBody, { proof, address: freshAddress() }), 409, "challenge_used");
    expect(await bookingsFor(emailOf(firstBody))).toHaveLength(1);
    expect(await bookingsFor(emailOf(secondBody))).toHaveLength(0);
  });

  it("spends the solution on an attempt whose time is taken: the next attempt needs a new one", async () => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const proof = await solvedChallenge();
    await expectProblem(await book(bookingBody(unbookableStart()), { proof }), 409, "slot_taken");
    await expectProblem(await book(bookingBody(slot!.start), { proof }), 409, "challenge_used");
  });
});

describe("POST /api/v1/bookings: API keys", () => {
  it("books with an API key and no challenge, from the key's budget rather than the address's", async () => {
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const address = freshAddress();
    const keyBefore = await used(BUDGETS.bookingWithApiKey, { apiKeyId: apiKey.id });
    const response = await book(bookingBody(slot!.start), { address, apiKey: apiKey.key });
    expect(response.status).toBe(201);
    bookingCreatedSchema.parse(await readJson(response));
    expect(await used(BUDGETS.bookingWithApiKey, { apiKeyId: apiKey.id })).toBe(keyBefore + 1);
    expect(await used(BUDGETS.bookingPerHour, { address })).toBe(0);
    expect(await used(BUDGETS.bookingPerDay, { address })).toBe(0);
  });

  it("returns the first booking to a key holder's retry with the same Idempotency-Key", async () => {
    const [slot] = await freeSlots("nordstadt", "anmeldung:1");
    const body = bookingBody(slot!.start, { location: "nordstadt", concerns: [{ concern: "anmeldung", quantity: 1 }] });
    const headers = { "idempotency-key": "portal-7c1e55d0-retry" };
    const first = await book(body, { headers, apiKey: apiKey.key });
    const again = await book(body, { headers, apiKey: apiKey.key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((await readJson(again)).manageToken).toBe((await readJson(first)).manageToken);
    expect(await bookingsFor(emailOf(body))).toHaveLength(1);
  });

  it("refuses a revoked key with 401 api_key_invalid, even with a solved challenge beside it", async () => {
    const { key, record } = await issueApiKey(await signedInAccess(context, "admin"), { label: "Altes Callcenter" });
    await revokeApiKey(await signedInAccess(context, "admin"), record.id);
    const [slot] = await freeSlots("rathaus", "personalausweis:1");
    const body = bookingBody(slot!.start);
    await expectProblem(await book(body, { apiKey: key }), 401, "api_key_invalid");
    // A key that is not accepted is never treated as anonymous.
    await expectProblem(await book(body, { apiKey: key, proof: await solvedChallenge() }), 401, "api_key_invalid");
    expect(await bookingsFor(emailOf(body))).toHaveLength(0);
  });

  it.each([
    { case: "an unknown key of the right shape", key: `tv_${"A".repeat(43)}` },
    { case: "a key without its prefix", key: "A".repeat(46) },
    { case: "a key with one character missing", key: `tv_${"A".repeat(42)}` },
    { case: "an empty key", key: " " },
    { case: "SQL in the key", key: "tv_' OR 1=1 --" },
    { case: "an overlong key", key: `tv_${"A".repeat(5_000)}` },
  ])("answers 401 api_key_invalid for $case", async ({ key }) => {
    await expectProblem(await book(bookingBody(unbookableStart()), { apiKey: key }), 401, "api_key_invalid");
  });
});

describe("POST /api/v1/bookings: Idempotency-Key reused for another request", () => {
  const KEY = "reuse-0b6d2f94-key";
  let first: ReturnType<typeof bookingBody>;
  let slots: Slot[];
  beforeAll(async () => {
    slots = separateSlots(await freeSlots("rathaus", "personalausweis:1"), 2);
    first = bookingBody(slots[0]!.start, { citizen: { name: "Erika Mustermann", email: uniqueEmail(), phone: "05121 123456" } });
    expect((await book(first, { headers: { "idempotency-key": KEY } })).status).toBe(201);
  });
  const citizen = () => first.citizen as Record<string, unknown>;

  it.each<{ case: string; change: () => Record<string, unknown> }>([
    { case: "another start time", change: () => ({ start: slots[1]!.start }) },
    { case: "another name", change: () => ({ citizen: { ...citizen(), name: "Erika Musterfrau" } }) },
    { case: "another phone number", change: () => ({ citizen: { ...citizen(), phone: "05121 654321" } }) },
    { case: "another language", change: () => ({ language: "en" }) },
    { case: "another location", change: () => ({ location: "nordstadt" }) },
    { case: "other concerns", change: () => ({ concerns: [{ concern: "personalausweis", quantity: 2 }] }) },
  ])("answers 422 idempotency_key_reused for $case, and books nothing more", async ({ change }) => {
    const problem = await expectProblem(await book({ ...first, ...change() }, { headers: { "idempotency-key": KEY } }), 422, "idempotency_key_reused");
    expect(problem.detail).toMatch(/new key/i);
    expect(await bookingsFor(emailOf(first))).toHaveLength(1);
  });

  it("still answers the unchanged request with the booking made first", async () => {
    const response = await book(first, { headers: { "idempotency-key": KEY } });
    expect(response.status).toBe(200);
    expect((await readJson(response)).booking.start).toBe(slots[0]!.start);
  });
});

describe("GET and DELETE /api/v1/bookings/current", () => {
  async function bookOne(): Promise<{ token: string; referenceCode: string }> {
    const [slot] = await freeSlots("rathaus", "anmeldung:1");
    const response = await book(bookingBody(slot!.start, { concerns: [{ concern: "anmeldung", quantity: 1 }] }));
    expect(response.status).toBe(201);
    const body = await readJson(response);
    return { token: body.manageToken, referenceCode: body.booking.referenceCode };
  }
  const get = (headers: Record<string, string>) => getCurrent(apiRequest("/bookings/current", { headers }));
  const cancel = (options: { headers?: Record<string, string>; json?: unknown; body?: string }) =>
    deleteCurrent(apiRequest("/bookings/current", { method: "DELETE", ...options }));

  it("shows one's own booking with the token in X-Manage-Token or as a bearer token", async () => {
    const { token, referenceCode } = await bookOne();
    const headerVariants: Record<string, string>[] = [{ "x-manage-token": token }, { authorization: `Bearer ${token}` }];
    for (const headers of headerVariants) {
      const response = await get(headers);
      expect(response.status).toBe(200);
      const raw = await readJson(response);
      // The owner's view carries no personal data: a leaked response reveals no name or address.
      expect(JSON.stringify(raw)).not.toMatch(/Erika|@example\.org/);
      const view = bookingViewSchema.parse(raw);
      expect(view).toMatchObject({ referenceCode, status: "booked", canChange: true });
      expect(new Date(view.changeCutoff).getTime()).toBeLessThan(new Date(view.start).getTime());
    }
  });

  it.each<{ case: string; headers: Record<string, string>; status: number; code: string }>([
    { case: "no token", headers: {}, status: 400, code: "token_missing" },
    { case: "an empty token header", headers: { "x-manage-token": " " }, status: 400, code: "token_missing" },
    { case: "another authorization scheme", headers: { authorization: "Basic dXNlcjpwdw==" }, status: 400, code: "token_missing" },
    { case: "an unknown token", headers: { "x-manage-token": generateManageToken() }, status: 404, code: "not_found" },
    { case: "a malformed token", headers: { "x-manage-token": "not a token; drop table" }, status: 404, code: "not_found" },
  ])("GET answers $status for $case", async ({ headers, status, code }) => {
    await expectProblem(await get(headers), status, code);
  });

  it("cancels with the token in a header, then refuses a second cancellation with 409", async () => {
    const { token, referenceCode } = await bookOne();
    const response = await cancel({ headers: { "x-manage-token": token } });
    expect(response.status).toBe(200);
    expect(bookingViewSchema.parse(await readJson(response))).toMatchObject({ referenceCode, status: "cancelled", canChange: false });
    expect((await readJson(await get({ "x-manage-token": token }))).status).toBe("cancelled");
    await expectProblem(await cancel({ headers: { "x-manage-token": token } }), 409, "booking_not_active");
  });

  it("cancels with the token in the JSON body", async () => {
    const { token } = await bookOne();
    const response = await cancel({ json: { manageToken: token } });
    expect(response.status).toBe(200);
    expect((await readJson(response)).status).toBe("cancelled");
  });

  it("answers 409 once the online cut-off has passed", async () => {
    const token = generateManageToken();
    const startsAt = new Date(now().getTime() + 30 * 60_000);
    await db.insert(bookings)
      .values({
        referenceCode: generateReferenceCode(),
        manageTokenHash: hashManageToken(token),
        channel: "online",
        locationId: (await findLocationBySlug(db, "rathaus"))!.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 20 * 60_000),
        citizenName: "Spät Dran",
        email: "spaet@example.org",
      });
    const problem = await expectProblem(await cancel({ headers: { "x-manage-token": token } }), 409, "cutoff_passed");
    expect(problem.detail).toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect((await readJson(await get({ "x-manage-token": token }))).canChange).toBe(false);
  });

  type CancelOptions = Parameters<typeof cancel>[0];
  it.each<{ case: string; options: CancelOptions; status: number; code: string }>([
    { case: "no token at all", options: {}, status: 400, code: "token_missing" },
    { case: "an unknown token", options: { headers: { "x-manage-token": generateManageToken() } }, status: 404, code: "not_found" },
    { case: "an unknown token in the body", options: { json: { manageToken: generateManageToken() } }, status: 404, code: "not_found" },
    { case: "malformed JSON", options: { body: "{", headers: { "content-type": "application/json" } }, status: 400, code: "invalid_json" },
    { case: "a token of the wrong type", options: { json: { manageToken: 12345 } }, status: 422, code: "validation" },
    { case: "a body without a token", options: { json: { token: "x" } }, status: 422, code: "validation" },
  ])("DELETE answers $status for $case", async ({ options, status, code }) => {
    await expectProblem(await cancel(options), status, code);
  });
});

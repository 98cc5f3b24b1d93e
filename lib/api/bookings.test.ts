import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { POST as postBooking } from "@/app/api/v1/bookings/route";
import { DELETE as deleteCurrent, GET as getCurrent } from "@/app/api/v1/bookings/current/route";
import type { AppDatabase } from "@/db/client";
import { findLocationBySlug } from "@/db/queries/locations";
import { bookings, emailOutbox } from "@/db/schema";
import { now } from "@/lib/clock";
import { addDays } from "@/lib/domain/zoned-time";
import { generateManageToken, generateReferenceCode, hashManageToken } from "@/lib/services/secrets";
import { API_RATE_LIMITS } from "./rate-limits";
import { MAX_BODY_BYTES } from "./request";
import { bookingCreatedSchema, bookingViewSchema } from "./schemas";
import { apiRequest, freshAddress, readJson, TEST_PUBLIC_URL, todayAtLocations, useSeededAppDatabase } from "./test-support";

let db: AppDatabase;
let cleanup: () => void;
beforeAll(async () => {
  ({ db, cleanup } = await useSeededAppDatabase());
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

const book = (json: unknown, options: { headers?: Record<string, string>; address?: string } = {}) =>
  postBooking(apiRequest("/bookings", { method: "POST", json, ...options }));

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
    const created = bookingCreatedSchema.parse(await readJson(response));
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

    // Same rules and side effects as the web flow: e-mail lower-cased, confirmation queued.
    const row = db.select().from(bookings).where(eq(bookings.referenceCode, created.booking.referenceCode)).get()!;
    expect(row).toMatchObject({ channel: "online", email: "erika.api@example.org", phone: null, note: null });
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, row.id)).all().map((m) => m.kind)).toEqual(["booking_confirmation"]);
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
    const first = await book(body, { headers });
    const again = await book(body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const [a, b] = [await readJson(first), await readJson(again)];
    expect(b.booking.referenceCode).toBe(a.booking.referenceCode);
    expect(b.manageToken).toBe(a.manageToken);
    const email = (body.citizen as { email: string }).email;
    expect(db.select().from(bookings).where(eq(bookings.email, email)).all()).toHaveLength(1);

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

  it(`answers 429 with Retry-After after ${API_RATE_LIMITS.booking.max} requests from one address`, async () => {
    const address = freshAddress();
    const malformed = () => postBooking(apiRequest("/bookings", { method: "POST", body: "{", headers: { "content-type": "application/json" }, address }));
    for (let i = 0; i < API_RATE_LIMITS.booking.max; i++) expect((await malformed()).status).toBe(400);
    const limited = await malformed();
    await expectProblem(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await book("{", { address: freshAddress() })).status).not.toBe(429);
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
    db.insert(bookings)
      .values({
        referenceCode: generateReferenceCode(),
        manageTokenHash: hashManageToken(token),
        channel: "online",
        locationId: findLocationBySlug(db, "rathaus")!.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 20 * 60_000),
        citizenName: "Spät Dran",
        email: "spaet@example.org",
      })
      .run();
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

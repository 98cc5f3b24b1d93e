import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, BUSY_RETRY_AFTER_SECONDS, NotFoundError, ServiceBusyError, type ErrorCode } from "@/lib/errors";
import { SlotTakenError } from "@/lib/services/bookings";
import { ApiProblem, fieldErrorsFrom, problemFromError } from "./problem";
import { clientAddressOf, manageTokenFromHeaders, readOptionalJsonBody } from "./request";

afterEach(() => vi.restoreAllMocks());

const PUBLIC_URL = "https://termine.example";

async function problemOf(error: unknown) {
  const response = problemFromError(error, PUBLIC_URL, "GET /api/v1/test");
  return { response, body: JSON.parse(await response.text()) };
}

describe("problemFromError", () => {
  it.each<[ErrorCode, number]>([
    ["validation", 422],
    ["request_invalid", 422],
    ["too_many_active_bookings", 422],
    ["slot_taken", 409],
    ["cutoff_passed", 409],
    ["booking_not_active", 409],
    ["conflict", 409],
    ["email_taken", 409],
    ["not_found", 404],
    ["unauthenticated", 404],
    ["forbidden", 404],
    ["invalid_credentials", 404],
    ["rate_limited", 429],
    ["busy", 503],
  ])("maps the service error %s to %i", async (code, status) => {
    const { response, body } = await problemOf(new AppError(code, "internal wording"));
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(body.status).toBe(status);
    expect(body.type).toBe(`${PUBLIC_URL}/api-dokumentation#problem-${body.code}`);
    expect(body.detail).not.toContain("internal wording");
  });

  it("passes the alternatives of a taken time on", async () => {
    const alternatives = [new Date("2026-12-08T08:10:00Z"), new Date("2026-12-08T07:50:00Z")];
    const { body } = await problemOf(new SlotTakenError(alternatives));
    expect(body).toMatchObject({ status: 409, code: "slot_taken", alternatives: ["2026-12-08T08:10:00.000Z", "2026-12-08T07:50:00.000Z"] });
  });

  it("says which thing was not found", async () => {
    expect((await problemOf(new NotFoundError("booking"))).body.detail).toBe("No booking belongs to this manage token.");
  });

  it("sets Retry-After for a rate limit", async () => {
    const { response } = await problemOf(new ApiProblem("rate_limited", "slow down", { retryAfterSeconds: 42 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
  });

  it("tells a client whose write found the database busy when to retry, without logging an error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { response, body } = await problemOf(new ServiceBusyError());
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(BUSY_RETRY_AFTER_SECONDS));
    expect(body).toMatchObject({ code: "busy", status: 503, title: "Busy, retry shortly" });
    expect(log).not.toHaveBeenCalled();
  });

  it("answers anything unexpected with a generic 500 and logs neither its message nor request data", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { response, body } = await problemOf(new TypeError("cannot read erika@example.org"));
    expect(response.status).toBe(500);
    expect(body).toMatchObject({ code: "internal_error", status: 500 });
    expect(JSON.stringify(body)).not.toContain("erika");
    expect(log).toHaveBeenCalledTimes(1);
    const logged = log.mock.calls[0]!.join(" ");
    expect(logged).toContain("GET /api/v1/test");
    expect(logged).toContain("TypeError");
    expect(logged).not.toContain("erika");
  });

  it("uses a relative type when the public address is unknown", async () => {
    const response = problemFromError(new ApiProblem("not_found", "x"), null, "x");
    expect(JSON.parse(await response.text()).type).toBe("/api-dokumentation#problem-not_found");
  });
});

describe("fieldErrorsFrom", () => {
  it("turns message keys into codes with the catalogue's text, and keeps zod's own issues as they are", () => {
    const schema = z.object({ email: z.string().email({ error: "email_invalid" }), age: z.number(), odd: z.string().min(5, { error: "constructor" }) });
    const result = schema.safeParse({ email: "nope", age: "x", odd: "a" });
    expect(fieldErrorsFrom(result.error!)).toEqual([
      { field: "email", code: "email_invalid", message: "Enter an e-mail address in the format name@example.com." },
      { field: "age", code: "invalid_type", message: expect.stringContaining("expected number") },
      // An inherited object property is not a catalogue entry.
      { field: "odd", code: "too_small", message: "constructor" },
    ]);
  });
});

describe("reading requests", () => {
  const post = (body: string, contentType: string | null) =>
    new Request("http://127.0.0.1/x", { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });

  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON", true],
    ["application/merge-patch+json", true],
    ["application/jsonp", false],
    ["text/json", false],
    ["text/plain", false],
    [null, false],
  ])("accepts a JSON body declared as %j: %s", async (contentType, accepted) => {
    const result = readOptionalJsonBody(post('{"a":1}', contentType));
    if (accepted) await expect(result).resolves.toEqual({ a: 1 });
    else await expect(result).rejects.toMatchObject({ code: "invalid_content_type" });
  });

  it("treats an empty body as no body and invalid UTF-8 as malformed", async () => {
    await expect(readOptionalJsonBody(post("  ", "application/json"))).resolves.toBeUndefined();
    const invalid = new Request("http://127.0.0.1/x", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { "content-type": "application/json" } });
    await expect(readOptionalJsonBody(invalid)).rejects.toMatchObject({ code: "invalid_json" });
  });

  it.each([
    [{ "x-manage-token": "abc" }, "abc"],
    [{ "x-manage-token": "  abc  " }, "abc"],
    [{ authorization: "Bearer abc" }, "abc"],
    [{ authorization: "bearer   abc " }, "abc"],
    [{ authorization: "Bearer a b" }, null],
    [{ authorization: "Basic abc" }, null],
    [{ "x-manage-token": "one", authorization: "Bearer two" }, "one"],
    [{}, null],
  ])("finds the manage token in %j", (headers, expected) => {
    expect(manageTokenFromHeaders(new Request("http://127.0.0.1/x", { headers }))).toBe(expected);
  });

  it("never takes the client address from headers a client can send", () => {
    // Only our HTTP server's header, with its proof, counts (lib/http/client-address.test.ts has the details).
    for (const headers of [{ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, { "x-real-ip": "203.0.113.8" }, { "x-terminvergabe-client-address": "203.0.113.9" }, {}] as Record<string, string>[]) {
      expect(clientAddressOf(new Request("http://127.0.0.1/x", { headers }))).toBe("unknown");
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import {
  availabilityExample,
  bookingCreatedExample,
  bookingRequestExample,
  bookingViewExample,
  cancelledViewExample,
  challengeResponseExample,
  concernListExample,
  locationListExample,
  requestInvalidExample,
  slotTakenExample,
  validationProblemExample,
} from "./examples";
import { buildOpenApiDocument } from "./openapi";
import { PROBLEM_CODES } from "./problem-types";
import {
  apiCitizenSchema,
  availabilityQuerySchema,
  availabilitySchema,
  bookingCreatedSchema,
  bookingRequestSchema,
  bookingViewSchema,
  challengeResponseSchema,
  concernListSchema,
  locationListSchema,
  problemSchema,
} from "./schemas";
import { apiRequest, readJson, TEST_PUBLIC_URL, useSeededAppDatabase } from "./test-support";

let cleanup: () => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, inspected by path
let document: any;
beforeAll(async () => {
  ({ cleanup } = await useSeededAppDatabase());
  const response = await getOpenApi(apiRequest("/openapi.json"));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  document = await readJson(response);
});
afterAll(() => cleanup());

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => (key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner)));
  }
  return [];
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document for this deployment", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: "Terminvergabe API", version: "1.0.0" });
    expect(document.servers).toEqual([{ url: `${TEST_PUBLIC_URL}/api/v1` }]);
  });

  it("describes every endpoint and method", () => {
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /concerns",
        "GET /locations",
        "GET /availability",
        "GET /challenge",
        "POST /bookings",
        "GET /bookings/current",
        "DELETE /bookings/current",
        "GET /openapi.json",
      ].sort(),
    );
  });

  it("resolves every $ref to a component schema, and components carry no stray $schema or $id", () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/\w+$/);
      expect(document.components.schemas[ref.split("/").at(-1)!], ref).toBeDefined();
    }
    for (const schema of Object.values(document.components.schemas) as Record<string, unknown>[]) {
      expect(schema.$schema).toBeUndefined();
      expect(schema.$id).toBeUndefined();
    }
  });

  it("documents the problem responses of the booking endpoint, including 409 with alternatives", () => {
    const responses = document.paths["/bookings"].post.responses;
    expect(Object.keys(responses).sort()).toEqual(["200", "201", "400", "401", "403", "404", "409", "413", "422", "429", "500", "503"]);
    expect(responses["503"].description).toContain("`busy`");
    expect(responses["503"].headers["Retry-After"]).toBeDefined();
    expect(responses["401"].description).toContain("`challenge_required`");
    expect(responses["401"].description).toContain("`api_key_invalid`");
    expect(responses["403"].description).toContain("`challenge_invalid`");
    expect(responses["409"].description).toContain("`challenge_used`");
    expect(responses["422"].description).toContain("`idempotency_key_reused`");
    expect(responses["409"].content["application/problem+json"].schema).toEqual({ $ref: "#/components/schemas/Problem" });
    expect(responses["429"].headers["Retry-After"]).toBeDefined();
    expect(document.components.schemas.Problem.properties.code.enum).toEqual(PROBLEM_CODES);
    expect(document.components.schemas.Problem.properties.alternatives.type).toBe("array");
  });

  it("names the headers a booking is authorised with: a solved challenge or an API key, neither required on its own", () => {
    const parameters = document.paths["/bookings"].post.parameters as { name: string; in: string; required: boolean; description: string }[];
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["Altcha", "header", false],
      ["X-Api-Key", "header", false],
      ["Idempotency-Key", "header", false],
    ]);
    expect(parameters[0]!.description).toContain("GET /challenge");
  });

  it("describes GET /challenge with the schema of its answer", () => {
    const operation = document.paths["/challenge"].get;
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "429", "500", "503"]);
    expect(operation.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ChallengeResponse" });
    expect(document.components.schemas.ChallengeResponse.required.sort()).toEqual(["challenge", "validForSeconds"]);
  });

  it("takes the availability parameters from the query schema", () => {
    const parameters = document.paths["/availability"].get.parameters as { name: string; in: string; required: boolean }[];
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["location", "query", true],
      ["concerns", "query", true],
      ["from", "query", false],
      ["to", "query", false],
      ["lang", "query", false],
    ]);
    expect(Object.keys(availabilityQuerySchema.shape)).toEqual(parameters.map((p) => p.name));
  });
});

describe("the booking request schema in the document", () => {
  const valid = () => structuredClone(bookingRequestExample) as Record<string, unknown>;

  it("lists as required exactly the fields the zod schema cannot do without", () => {
    const schema = document.components.schemas.BookingRequest;
    expect(schema.required.sort()).toEqual(["citizen", "concerns", "consent", "location", "start"]);
    for (const field of Object.keys(schema.properties)) {
      const sample = valid();
      delete sample[field];
      expect(bookingRequestSchema.safeParse(sample).success, field).toBe(!schema.required.includes(field));
    }
    expect(bookingRequestSchema.safeParse(valid()).success).toBe(true);
  });

  it("does the same for the citizen", () => {
    const schema = document.components.schemas.Citizen;
    expect(schema.required.sort()).toEqual(["email", "name"]);
    for (const field of Object.keys(schema.properties)) {
      const citizen = { ...(bookingRequestExample.citizen as Record<string, unknown>) };
      delete citizen[field];
      expect(apiCitizenSchema.safeParse(citizen).success, field).toBe(!schema.required.includes(field));
    }
  });

  it("states the same constraints as the zod schema", () => {
    const schema = document.components.schemas.BookingRequest;
    expect(schema.properties.consent).toMatchObject({ const: true });
    expect(schema.properties.start).toMatchObject({ type: "string", format: "date-time" });
    expect(schema.properties.language).toMatchObject({ enum: ["de", "en"], default: "de" });
    expect(schema.properties.concerns).toMatchObject({ type: "array", minItems: 1, maxItems: 10 });
    expect(schema.properties.concerns.items.properties.quantity).toMatchObject({ type: "integer", minimum: 1 });
    const citizen = document.components.schemas.Citizen;
    expect(citizen.properties.email).toMatchObject({ format: "email", maxLength: 254 });
    expect(citizen.properties.name).toMatchObject({ minLength: 1, maxLength: 120 });

    const pattern = new RegExp(schema.properties.location.pattern);
    for (const slug of ["rathaus", "nordstadt", "kfz-2"]) {
      expect(pattern.test(slug), slug).toBe(true);
      expect(bookingRequestSchema.safeParse({ ...valid(), location: slug }).success).toBe(true);
    }
    for (const slug of ["Rathaus", "../x", "a--b", "-a"]) {
      expect(pattern.test(slug), slug).toBe(false);
      expect(bookingRequestSchema.safeParse({ ...valid(), location: slug }).success).toBe(false);
    }
  });
});

describe("the examples shown in the document and on the documentation page", () => {
  it.each<[string, z.ZodType, unknown]>([
    ["concern list", concernListSchema, concernListExample],
    ["location list", locationListSchema, locationListExample],
    ["availability", availabilitySchema, availabilityExample],
    ["booking request", bookingRequestSchema, bookingRequestExample],
    ["booking created", bookingCreatedSchema, bookingCreatedExample],
    ["booking view", bookingViewSchema, bookingViewExample],
    ["challenge", challengeResponseSchema, challengeResponseExample],
    ["cancelled view", bookingViewSchema, cancelledViewExample],
    ["slot taken", problemSchema, slotTakenExample],
    ["validation problem", problemSchema, validationProblemExample],
    ["request problem", problemSchema, requestInvalidExample],
  ])("the %s example matches its schema", (_name, schema, example) => {
    expect(schema.safeParse(example).error).toBeUndefined();
  });

  it("is built the same way for any public address", () => {
    expect(buildOpenApiDocument("https://example.org").servers).toEqual([{ url: "https://example.org/api/v1" }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getConcerns } from "@/app/api/v1/concerns/route";
import { GET as getLocations } from "@/app/api/v1/locations/route";
import { concernListSchema, locationListSchema } from "./schemas";
import { apiRequest, readJson, TEST_PUBLIC_URL, useSeededAppDatabase } from "./test-support";

let cleanup: () => void;
beforeAll(async () => {
  ({ cleanup } = await useSeededAppDatabase());
});
afterAll(() => cleanup());

describe("GET /api/v1/concerns", () => {
  it("lists the active concerns in display order, in German by default, matching the response schema", async () => {
    const response = await getConcerns(apiRequest("/concerns"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = concernListSchema.parse(await readJson(response));
    expect(body.concerns[0]!.slug).toBe("personalausweis");
    expect(body.concerns[0]!.name).toBe("Personalausweis beantragen");
    expect(body.concerns[0]!.category).toEqual({ slug: "ausweisdokumente", name: "Ausweisdokumente" });
    expect(body.concerns.map((c) => c.slug)).toContain("fahrzeugzulassung");

    const vehicle = body.concerns.find((c) => c.slug === "fahrzeugzulassung")!;
    expect(vehicle.locations).toEqual(["rathaus"]);
    expect(body.concerns.find((c) => c.slug === "reisepass")!.locations).toEqual(["rathaus", "nordstadt"]);
  });

  it("answers in English and makes form links absolute", async () => {
    const body = await readJson(await getConcerns(apiRequest("/concerns?lang=en")));
    expect(body.concerns[0].name).toBe("Applying for an ID card");
    const withForm = body.concerns.find((c: { forms: unknown[] }) => c.forms.length > 0);
    expect(withForm.forms[0].url).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/forms/.+\\.pdf$`));
    expect(withForm.documents[0]).toEqual(expect.objectContaining({ key: expect.any(String), scope: expect.any(String), count: expect.any(Number), condition: null }));
  });

  it.each(["fr", "", "DE"])("refuses lang=%j with a 400 problem", async (lang) => {
    const response = await getConcerns(apiRequest(`/concerns?lang=${encodeURIComponent(lang)}`));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await readJson(response);
    expect(body).toMatchObject({ status: 400, code: "invalid_query", type: `${TEST_PUBLIC_URL}/api-dokumentation#problem-invalid_query` });
    expect(body.errors[0].field).toBe("lang");
  });
});

describe("GET /api/v1/locations", () => {
  it("lists the active locations with hours, walk-in hours and offered concerns", async () => {
    const response = await getLocations(apiRequest("/locations"));
    expect(response.status).toBe(200);
    const body = locationListSchema.parse(await readJson(response));
    expect(body.locations.map((l) => l.slug)).toEqual(["rathaus", "nordstadt"]);
    const [rathaus, nordstadt] = body.locations;
    expect(rathaus!.address).toEqual({ street: "Rathausplatz 1", postalCode: "31134", city: "Musterstadt" });
    expect(rathaus!.timeZone).toBe("Europe/Berlin");
    expect(rathaus!.federalState).toBe("NI");
    expect(rathaus!.openingHours).toContainEqual({ weekday: 2, start: "14:00", end: "18:00" });
    expect(rathaus!.walkInHours).toEqual([{ weekday: 3, start: "08:00", end: "10:00" }]);
    expect(rathaus!.concerns).toContain("fahrzeugzulassung");
    expect(nordstadt!.concerns).not.toContain("fahrzeugzulassung");
    expect(nordstadt!.openingHours).toEqual([
      { weekday: 1, start: "08:30", end: "12:00" },
      { weekday: 4, start: "14:00", end: "18:00" },
    ]);
    expect(rathaus!.directions).toMatch(/^Erdgeschoss/);
  });

  it("gives directions in English with lang=en", async () => {
    const body = await readJson(await getLocations(apiRequest("/locations?lang=en")));
    expect(body.locations[0].directions).toMatch(/^Ground floor/);
  });
});

import { describe, expect, it } from "vitest";
import adminDe from "@/lib/i18n/messages/admin-catalogue.de.json";
import adminEn from "@/lib/i18n/messages/admin-catalogue.en.json";
import coreDe from "@/lib/i18n/messages/de.json";
import coreEn from "@/lib/i18n/messages/en.json";
import {
  categorySchema,
  concernSchema,
  documentSchema,
  formSchema,
  locationSchema,
  settingsSchema,
  TICKED,
  unflattenFormData,
} from "./admin-catalogue";

describe("posted form data", () => {
  it("nests dotted names into arrays and objects", () => {
    expect(unflattenFormData({ a: "1", "documents.0.count": "2", "documents.1.count": "3", "documents.0.selected": "ja" })).toEqual({
      a: "1",
      documents: [{ count: "2", selected: "ja" }, { count: "3" }],
    });
  });

  it("drops forged names: huge indexes and prototype keys", () => {
    const result = unflattenFormData({ "documents.99999999.count": "1", "__proto__.polluted": "yes", "a.constructor.x": "1", "b..c": "1" });
    expect(result).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("admin catalogue messages", () => {
  const keysOf = (value: unknown, prefix = ""): string[] =>
    value && typeof value === "object"
      ? Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key))
      : [prefix];

  it("has the same keys in German and English", () => {
    expect(keysOf(adminEn).sort()).toEqual(keysOf(adminDe).sort());
  });

  it("has a message for every error code the admin forms can produce", () => {
    const empty = { nameDe: "", nameEn: "", titleDe: "", titleEn: "", name: "", street: "", city: "", officeName: "" };
    const bad = {
      ...empty,
      slug: "Nicht gültig!",
      key: "Nicht gültig!",
      categoryId: "",
      durationMinutes: "7",
      fee: "x",
      feeNoteDe: "nur deutsch",
      maxQuantity: "0",
      leikaKey: "1",
      position: "x",
      locationIds: ["x"],
      documents: [{ documentId: "1", selected: TICKED, count: "0", position: "x" }],
      hintDe: "nur deutsch",
      href: "ftp://x",
      postalCode: "1",
      operatorPostalCode: "1",
      timeZone: "Mars/Olympus",
      federalState: "XX",
      phone: "abc",
      contactPhone: "",
      email: "x",
      contactEmail: "x",
      accessibilityContactEmail: "x",
      directionsEn: "only english",
      leadTimeMinutes: "-1",
      horizonDays: "0",
      slotGridMinutes: "7",
      cancellationCutoffMinutes: "-1",
      maxActiveBookingsPerEmail: "0",
      retentionDays: "0",
      vatId: "DE1",
    };
    const codes = new Set<string>(["slug_taken", "key_taken", "unknown_reference", "locations_required", "lead_time_beyond_horizon"]);
    for (const schema of [concernSchema, categorySchema, documentSchema, formSchema, locationSchema, settingsSchema]) {
      const result = schema.safeParse(bad);
      for (const issue of result.error?.issues ?? []) codes.add(issue.message);
    }
    for (const [messages, core] of [
      [adminDe, coreDe],
      [adminEn, coreEn],
    ] as const) {
      const adminErrors = (messages.adminCatalogue as { errors: Record<string, string> }).errors;
      const fieldErrors = core.errors.fields as Record<string, string>;
      const missing = [...codes].filter((code) => !adminErrors[code] && !fieldErrors[code]);
      expect(missing).toEqual([]);
    }
  });
});

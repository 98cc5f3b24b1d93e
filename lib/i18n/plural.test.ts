import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import adminDe from "./messages/admin-people.de.json";
import adminEn from "./messages/admin-people.en.json";
import de from "./messages/de.json";
import en from "./messages/en.json";

/** "1 Termine" reads as a mistake: counted nouns go through an ICU plural, in both languages. */
describe("counted appointments", () => {
  const errors = (locale: "de" | "en") => createTranslator({ locale, messages: locale === "de" ? de : en, namespace: "errors" });
  const statistics = (locale: "de" | "en") => createTranslator({ locale, messages: locale === "de" ? adminDe : adminEn, namespace: "adminPeople.statistics" });

  it.each([
    { locale: "de" as const, max: 1, expected: "ist schon 1 Termin gebucht" },
    { locale: "de" as const, max: 3, expected: "sind schon 3 Termine gebucht" },
    { locale: "en" as const, max: 1, expected: "1 appointment is already booked" },
    { locale: "en" as const, max: 3, expected: "3 appointments are already booked" },
  ])("the booking limit in $locale for $max", ({ locale, max, expected }) => {
    expect(errors(locale)("too_many_active_bookings", { max, phone: "05121 1234" })).toContain(expected);
  });

  it.each([
    { locale: "de" as const, bookings: 1, expected: "1 Termin, 0 abgesagt" },
    { locale: "de" as const, bookings: 2, expected: "2 Termine, 0 abgesagt" },
    { locale: "en" as const, bookings: 1, expected: "1 appointment, 0 cancelled" },
  ])("the statistics bars in $locale for $bookings", ({ locale, bookings, expected }) => {
    expect(statistics(locale)("locations.bar", { bookings, cancelled: 0 })).toBe(expected);
  });

  it("no catalogue puts a bare number before a plural noun", () => {
    const folder = path.join(__dirname, "messages");
    const bare = /\{(\w+)\} (Termine|appointments|Uhrzeiten|times|Personen|people|Minuten|minutes)\b/g;
    // Not counts: the office's name; slot-grid steps (5 minutes or more); averages shown with a decimal ("1,0 Minuten").
    const notCounts = new Set(["office", "minutes", "average", "p90"]);
    const offenders = readdirSync(folder).flatMap((file) =>
      readFileSync(path.join(folder, file), "utf8")
        .split("\n")
        .filter((line) => [...line.matchAll(bare)].some((match) => !notCounts.has(match[1]!)))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});

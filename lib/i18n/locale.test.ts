import { describe, expect, it } from "vitest";
import { negotiateLanguage, safeReturnPath } from "./locale";

describe("language negotiation", () => {
  it.each([
    { cookie: undefined, header: null, expected: "de", why: "German by default" },
    { cookie: "en", header: "de-DE,de;q=0.9", expected: "en", why: "an explicit choice wins" },
    { cookie: "fr", header: null, expected: "de", why: "an unknown cookie value is ignored" },
    { cookie: undefined, header: "en-GB,en;q=0.9,de;q=0.8", expected: "en", why: "English browsers get English" },
    { cookie: undefined, header: "fr-FR,fr;q=0.9,en;q=0.8", expected: "en", why: "English is the best supported fallback" },
    { cookie: undefined, header: "tr-TR,tr;q=0.9", expected: "de", why: "unsupported languages fall back to German" },
    { cookie: undefined, header: "en;q=0.5,de;q=0.9", expected: "de", why: "quality values count" },
    { cookie: undefined, header: "en;q=0", expected: "de", why: "q=0 means not acceptable" },
  ])("$why", ({ cookie, header, expected }) => {
    expect(negotiateLanguage(cookie, header)).toBe(expected);
  });
});

describe("return path after switching language", () => {
  it.each([
    { value: "/termin/tag?x=1", expected: "/termin/tag?x=1" },
    { value: "https://evil.example/", expected: "/" },
    { value: "//evil.example/", expected: "/" },
    { value: "/\\evil.example", expected: "/" },
    { value: null, expected: "/" },
  ])("$value → $expected", ({ value, expected }) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});

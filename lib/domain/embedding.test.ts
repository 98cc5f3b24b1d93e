import { describe, expect, it } from "vitest";
import { frameAncestorsDirective, parseFrameAncestors } from "./embedding";

describe("sites allowed to embed the booking pages", () => {
  it.each([
    { text: "", origins: [] },
    { text: "https://www.musterstadt.de", origins: ["https://www.musterstadt.de"] },
    { text: "https://www.musterstadt.de/, https://musterstadt.de\nhttps://portal.kreis.example:8443", origins: ["https://www.musterstadt.de", "https://musterstadt.de", "https://portal.kreis.example:8443"] },
    { text: "HTTPS://WWW.Musterstadt.DE https://www.musterstadt.de", origins: ["https://www.musterstadt.de"] },
    { text: "http://localhost:8080", origins: ["http://localhost:8080"] },
  ])("accepts $text", ({ text, origins }) => {
    expect(parseFrameAncestors(text)).toEqual({ ok: true, origins });
  });

  it.each(["http://www.musterstadt.de", "https://*.musterstadt.de", "https://www.musterstadt.de/buergerbuero", "'self'", "https://a.de; script-src *", "*"])(
    "refuses %s",
    (text) => {
      expect(parseFrameAncestors(text)).toMatchObject({ ok: false });
    },
  );

  it("never lets the staff area be framed, and frames nothing when the list is empty or broken", () => {
    expect(frameAncestorsDirective("https://www.musterstadt.de", true)).toBe("'none'");
    expect(frameAncestorsDirective("", false)).toBe("'none'");
    expect(frameAncestorsDirective("https://a.de; script-src *", false)).toBe("'none'");
    expect(frameAncestorsDirective("https://www.musterstadt.de https://musterstadt.de", false)).toBe("https://www.musterstadt.de https://musterstadt.de");
  });
});

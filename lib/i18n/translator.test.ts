import { describe, expect, it } from "vitest";
import { translatorFor } from "./translator";

describe("translators outside a request (e-mails)", () => {
  it("keep a text without values, and format texts with values anew for each call", () => {
    const t = translatorFor("de", "email");
    expect(t("when")).toBe("Wann");
    expect(t("when")).toBe("Wann");
    expect(t("greeting", { name: "Ada" })).toContain("Ada");
    expect(t("greeting", { name: "Ben" })).toContain("Ben");
    expect(t("greeting", { name: "Ben" })).not.toContain("Ada");
  });

  it("keep each language apart and still offer the translator's methods", () => {
    expect(translatorFor("en", "email")("when")).toBe("When");
    expect(translatorFor("de", "email")("when")).toBe("Wann");
    expect(translatorFor("de", "email").has("when")).toBe(true);
    expect(translatorFor("de", "email").has("noSuchText" as never)).toBe(false);
  });
});

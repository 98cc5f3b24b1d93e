import { describe, expect, it } from "vitest";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import { phoneBookingSchema, phoneCallerSchema } from "./phone-booking";

/** The key the form shows for a field: its message if the catalogue knows it, otherwise "invalid" (as the form does). */
function shownKey(schema: typeof phoneCallerSchema | typeof phoneBookingSchema, input: unknown, field: string): string | undefined {
  const issue = schema.safeParse(input).error?.issues.find((i) => i.path.join(".") === field);
  if (!issue) return undefined;
  return issue.message in de.errors.fields ? issue.message : "invalid";
}

/** What react-hook-form holds for the clerk's part of the form. */
const caller = { zeit: "2026-03-02T09:30", name: " Kemal Anrufer ", phone: "05121 123456", email: " Kemal@Example.org ", note: "", language: "de" };
/** What the server action receives: the same plus the hidden search and nonce. */
const post = { ...caller, anliegen: "anmeldung.2", standort: "rathaus", nonce: "abcdefghijklmnop_-12" };

const CALLER_CASES = [
  // No time chosen: react-hook-form holds null, an empty default or nothing.
  { field: "zeit", value: null, key: "time_required" },
  { field: "zeit", value: "", key: "time_required" },
  { field: "zeit", value: undefined, key: "time_required" },
  { field: "name", value: "   ", key: "name_required" },
  { field: "name", value: "x".repeat(121), key: "name_too_long" },
  { field: "phone", value: "", key: "required" },
  { field: "phone", value: "0151 <script>", key: "phone_invalid" },
  { field: "phone", value: "1".repeat(41), key: "phone_invalid" },
  { field: "email", value: "kemal@", key: "email_invalid" },
  { field: "email", value: `${"a".repeat(250)}@x.de`, key: "email_invalid" },
  { field: "note", value: "x".repeat(501), key: "note_too_long" },
  { field: "language", value: "fr", key: "invalid" },
];

describe("phone booking schemas", () => {
  it("accepts the clerk's part alone (the browser checks no hidden fields)", () => {
    expect(phoneCallerSchema.parse(caller)).toEqual({ zeit: "2026-03-02T09:30", name: "Kemal Anrufer", phone: "05121 123456", email: "kemal@example.org", note: null, language: "de" });
  });

  it("accepts the whole post on the server, with an empty e-mail as none and German as the default language", () => {
    const { language: _language, ...withoutLanguage } = post;
    expect(phoneBookingSchema.parse({ ...withoutLanguage, email: "" })).toEqual({
      zeit: "2026-03-02T09:30",
      name: "Kemal Anrufer",
      phone: "05121 123456",
      email: null,
      note: null,
      language: "de",
      anliegen: "anmeldung.2",
      standort: "rathaus",
      nonce: "abcdefghijklmnop_-12",
    });
  });

  it.each(CALLER_CASES)("rejects $field = $value with $key, in the browser and on the server", ({ field, value, key }) => {
    expect(shownKey(phoneCallerSchema, { ...caller, [field]: value }, field)).toBe(key);
    expect(shownKey(phoneBookingSchema, { ...post, [field]: value }, field)).toBe(key);
  });

  it.each([
    { field: "nonce", value: "too-short" },
    { field: "nonce", value: undefined },
    { field: "anliegen", value: undefined },
    { field: "standort", value: undefined },
  ])("rejects a post with $field = $value on the server", ({ field, value }) => {
    expect(shownKey(phoneBookingSchema, { ...post, [field]: value }, field)).toBe("invalid");
  });

  it.each([...new Set(CALLER_CASES.map((c) => c.key))])("has a German and an English text for %s", (key) => {
    expect(de.errors.fields).toHaveProperty(key);
    expect(en.errors.fields).toHaveProperty(key);
  });
});

import { describe, expect, it } from "vitest";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import { staffLoginSchema } from "./staff-login";

/** The key the forms show for a field: its message if the catalogue knows it, otherwise "invalid" (as the forms do). */
function shownKey(input: unknown, field: string): string | undefined {
  const result = staffLoginSchema.safeParse(input);
  const issue = result.error?.issues.find((i) => i.path.join(".") === field);
  if (!issue) return undefined;
  return issue.message in de.errors.fields ? issue.message : "invalid";
}

const valid = { email: " sachbearbeitung@musterstadt.example ", password: "Demo-Buero-2026!" };

const CASES = [
  { field: "email", value: "", key: "email_required" },
  { field: "email", value: "   ", key: "email_required" },
  { field: "email", value: `${"a".repeat(250)}@x.de`, key: "invalid" },
  { field: "password", value: "", key: "required" },
  { field: "password", value: "x".repeat(201), key: "invalid" },
  // A post without the field at all (zod's own message): shown as "invalid".
  { field: "password", value: undefined, key: "invalid" },
];

describe("staff sign-in schema", () => {
  it("accepts an e-mail and password, trimming the e-mail and keeping the password as typed", () => {
    expect(staffLoginSchema.parse({ ...valid, password: " pass word " })).toEqual({ email: "sachbearbeitung@musterstadt.example", password: " pass word " });
  });

  it("passes the return path through for the action to check", () => {
    expect(staffLoginSchema.parse({ ...valid, weiter: "/staff/telefon" }).weiter).toBe("/staff/telefon");
  });

  it.each(CASES)("rejects $field = $value with $key", ({ field, value, key }) => {
    expect(shownKey({ ...valid, [field]: value }, field)).toBe(key);
  });

  it.each([...new Set(CASES.map((c) => c.key))])("has a German and an English text for %s", (key) => {
    expect(de.errors.fields).toHaveProperty(key);
    expect(en.errors.fields).toHaveProperty(key);
  });
});

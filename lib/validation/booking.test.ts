import { describe, expect, it } from "vitest";
import { citizenDetailsSchema } from "./booking";

const valid = { name: "Erika Mustermann", email: "Erika@Example.org ", phone: "", note: "" };

describe("citizen details", () => {
  it("accepts a complete entry, normalising e-mail and empty optionals", () => {
    expect(citizenDetailsSchema.parse(valid)).toEqual({
      name: "Erika Mustermann",
      email: "erika@example.org",
      phone: null,
      note: null,
    });
  });

  it.each([
    { field: "name", value: "   ", message: "name_required" },
    { field: "name", value: "x".repeat(121), message: "name_too_long" },
    { field: "email", value: "", message: "email_required" },
    { field: "email", value: "erika@", message: "email_invalid" },
    { field: "phone", value: "0151 <script>", message: "phone_invalid" },
    { field: "note", value: "x".repeat(501), message: "note_too_long" },
  ])("rejects $field = $value with $message", ({ field, value, message }) => {
    const result = citizenDetailsSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });

  it("asks for neither a repeated e-mail address nor a privacy tick box, and ignores them from an old form", () => {
    expect(citizenDetailsSchema.safeParse({ name: "Erika Mustermann", email: "erika@example.org" }).success).toBe(true);
    const fromOldForm = citizenDetailsSchema.parse({ ...valid, emailConfirm: "someone@else.org", consent: undefined });
    expect(fromOldForm).not.toHaveProperty("emailConfirm");
    expect(fromOldForm).not.toHaveProperty("consent");
  });

  it("accepts German phone formats", () => {
    expect(citizenDetailsSchema.parse({ ...valid, phone: "+49 (0)5121 / 9876-0" }).phone).toBe("+49 (0)5121 / 9876-0");
  });
});

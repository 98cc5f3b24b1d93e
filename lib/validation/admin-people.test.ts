import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "./field-errors";
import { newStaffAccountFormSchema, passwordResetFormSchema } from "./admin-people";

describe("password fields of the account forms", () => {
  it.each([
    { password: " ".repeat(12), errors: { password: ["password_blank"] } },
    { password: "  abcdefghij  ", errors: { password: ["password_too_short"] } },
    { password: "x".repeat(201), errors: { password: ["password_too_long"] } },
    { password: "Gelbe Tulpen tanzen im Regen", errors: {} },
  ])("$password → $errors", ({ password, errors }) => {
    const reset = passwordResetFormSchema.safeParse({ password, passwordConfirm: password });
    expect(reset.success ? {} : fieldErrorsFrom(reset.error)).toEqual(errors);
    const account = newStaffAccountFormSchema.safeParse({ email: "neu@musterstadt.example", name: "Neu", role: "staff", password, passwordConfirm: password });
    expect(account.success ? {} : fieldErrorsFrom(account.error)).toEqual(errors);
  });
});

import { describe, expect, it } from "vitest";
import { resendEmailSchema } from "./resend-email";

const codes = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);

describe("send again", () => {
  it.each([
    { name: "no correction", input: { outboxId: "12" }, output: { outboxId: 12, email: null }, errors: [] },
    { name: "empty correction field", input: { outboxId: "12", email: "  " }, output: { outboxId: 12, email: null }, errors: [] },
    { name: "corrected address, normalised", input: { outboxId: "12", email: " Erika@Example.ORG " }, output: { outboxId: 12, email: "erika@example.org" }, errors: [] },
    { name: "not an address", input: { outboxId: "12", email: "erika(at)example.org" }, output: null, errors: ["email:email_invalid"] },
  ])("$name", ({ input, output, errors }) => {
    const result = resendEmailSchema.safeParse(input);
    expect(codes(result)).toEqual(errors);
    if (output) expect(result.data).toEqual(output);
  });

  it("needs the message's id", () => {
    expect(codes(resendEmailSchema.safeParse({ email: "" })).map((code) => code.split(":")[0])).toEqual(["outboxId"]);
  });
});

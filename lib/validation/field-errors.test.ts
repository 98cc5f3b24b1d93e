import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFrom } from "./field-errors";

describe("field errors for people", () => {
  it("keeps our message keys and turns zod's own English (which may quote a pattern) into a plain key", () => {
    const schema = z.object({
      email: z.email({ error: "email_invalid" }),
      nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
      count: z.number(),
    });
    const parsed = schema.safeParse({ email: "x", nonce: "<script>", count: "3" });
    expect(parsed.success ? {} : fieldErrorsFrom(parsed.error)).toEqual({ email: ["email_invalid"], nonce: ["invalid"], count: ["invalid"] });
  });
});

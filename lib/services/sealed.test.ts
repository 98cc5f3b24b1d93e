import { describe, expect, it } from "vitest";
import { seal, unseal } from "./sealed";

const SECRET = "a-secret-that-is-long-enough-for-tests";

describe("sealed values", () => {
  it("round-trips", () => {
    const value = { name: "Erika Mustermann", email: "erika@example.org" };
    expect(unseal(seal(value, SECRET, "draft"), SECRET, "draft")).toEqual(value);
  });

  it("does not reveal the content", () => {
    expect(seal({ name: "Erika Mustermann" }, SECRET, "draft")).not.toContain("Erika");
  });

  it.each([
    { name: "another secret", mutate: (s: string) => s, secret: "another-secret-that-is-long-enough", purpose: "draft" },
    { name: "another purpose", mutate: (s: string) => s, secret: SECRET, purpose: "session" },
    { name: "a changed body", mutate: (s: string) => s.slice(0, -2) + (s.endsWith("AA") ? "BB" : "AA"), secret: SECRET, purpose: "draft" },
    { name: "garbage", mutate: () => "not.sealed", secret: SECRET, purpose: "draft" },
    { name: "nothing", mutate: () => "", secret: SECRET, purpose: "draft" },
  ])("rejects $name", ({ mutate, secret, purpose }) => {
    expect(unseal(mutate(seal({ a: 1 }, SECRET, "draft")), secret, purpose)).toBeNull();
  });
});

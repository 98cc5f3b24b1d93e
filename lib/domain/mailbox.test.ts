import { describe, expect, it } from "vitest";
import { mailboxOf } from "./mailbox";

describe("the mailbox behind an e-mail address", () => {
  it.each([
    ["erika@example.org", "erika@example.org"],
    ["Erika@Example.ORG", "erika@example.org"],
    ["erika+termin1@example.org", "erika@example.org"],
    ["erika+a+b@example.org", "erika@example.org"],
    ["e.r.i.k.a@gmail.com", "erika@gmail.com"],
    ["E.Rika+x@GoogleMail.com", "erika@gmail.com"],
    // Dots matter elsewhere: a.b@example.org and ab@example.org are different people.
    ["a.b@example.org", "a.b@example.org"],
    // A leading plus is part of the name, not a tag.
    ["+erika@example.org", "+erika@example.org"],
    ["  erika@example.org ", "erika@example.org"],
  ])("%s counts as %s", (email, mailbox) => {
    expect(mailboxOf(email)).toBe(mailbox);
  });
});

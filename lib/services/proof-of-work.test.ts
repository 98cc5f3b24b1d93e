import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { describe, expect, it } from "vitest";
import { TEST_NOW } from "@/lib/testing/booking-fixtures";
import { CHALLENGE_LIFETIME_MS, checkSolution, issueChallenge, type ChallengePurpose } from "./proof-of-work";

const CONTEXT = { secret: "proof-of-work-test-secret-0123456789", now: () => TEST_NOW };
const at = (ms: number) => ({ ...CONTEXT, now: () => new Date(TEST_NOW.getTime() + ms) });

/** What the widget sends: base64 of the challenge and its solution. */
async function solved(options: { purpose?: ChallengePurpose; boundTo?: string; work?: number; context?: typeof CONTEXT } = {}) {
  const challenge = await issueChallenge(options.context ?? CONTEXT, { purpose: options.purpose ?? "booking-form", boundTo: options.boundTo ?? "nonce-1", work: options.work ?? 2_000 });
  const solution = await solveChallenge({ challenge, deriveKey });
  return { challenge, payload: Buffer.from(JSON.stringify({ challenge, solution })).toString("base64") };
}

describe("the proof of work before a booking", () => {
  it("accepts a solved challenge for its purpose and binding", async () => {
    const { challenge, payload } = await solved();
    expect(await checkSolution(CONTEXT, payload, { purpose: "booking-form", boundTo: "nonce-1" })).toEqual({ ok: true, challengeId: challenge.parameters.nonce });
  });

  it("issues harder challenges for more work", async () => {
    const easy = await issueChallenge(CONTEXT, { purpose: "booking-form", boundTo: "x", work: 1_000 });
    const hard = await issueChallenge(CONTEXT, { purpose: "booking-form", boundTo: "x", work: 200_000 });
    // The counter to reach is not in the challenge, but the solution reveals it.
    const [a, b] = await Promise.all([solveChallenge({ challenge: easy, deriveKey }), solveChallenge({ challenge: hard, deriveKey })]);
    expect(a!.counter).toBeLessThan(1_000);
    expect(b!.counter).toBeGreaterThanOrEqual(100_000);
  });

  it.each([
    { name: "another form's nonce", expected: { purpose: "booking-form" as const, boundTo: "nonce-2" }, reason: "wrong_purpose" },
    { name: "another purpose", expected: { purpose: "booking-api" as const, boundTo: "nonce-1" }, reason: "wrong_purpose" },
  ])("refuses a solution used for $name", async ({ expected, reason }) => {
    const { payload } = await solved();
    expect(await checkSolution(CONTEXT, payload, expected)).toEqual({ ok: false, reason });
  });

  it("refuses an expired challenge, by the app's clock", async () => {
    const { payload } = await solved();
    expect(await checkSolution(at(CHALLENGE_LIFETIME_MS - 1_000), payload, { purpose: "booking-form", boundTo: "nonce-1" })).toMatchObject({ ok: true });
    expect(await checkSolution(at(CHALLENGE_LIFETIME_MS + 1_000), payload, { purpose: "booking-form", boundTo: "nonce-1" })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a challenge signed with another secret, a wrong solution and a changed binding", async () => {
    const foreign = await solved({ context: { ...CONTEXT, secret: "another-installation-secret-0123456789" } });
    expect(await checkSolution(CONTEXT, foreign.payload, { purpose: "booking-form", boundTo: "nonce-1" })).toEqual({ ok: false, reason: "invalid" });

    const { challenge } = await solved();
    const wrong = Buffer.from(JSON.stringify({ challenge, solution: { counter: 1, derivedKey: "00".repeat(32), time: 1 } })).toString("base64");
    expect(await checkSolution(CONTEXT, wrong, { purpose: "booking-form", boundTo: "nonce-1" })).toMatchObject({ ok: false });

    const honest = await solved();
    const decoded = JSON.parse(Buffer.from(honest.payload, "base64").toString());
    decoded.challenge.parameters.data.bound = "nonce-2";
    const rebound = Buffer.from(JSON.stringify(decoded)).toString("base64");
    expect(await checkSolution(CONTEXT, rebound, { purpose: "booking-form", boundTo: "nonce-2" })).toEqual({ ok: false, reason: "invalid" });
  });

  it.each(["", "not base64 at all!", Buffer.from("{}").toString("base64"), Buffer.from("[1,2]").toString("base64"), "x".repeat(5_000)])(
    "refuses the malformed payload %#",
    async (payload) => {
      expect(await checkSolution(CONTEXT, payload, { purpose: "booking-form", boundTo: "nonce-1" })).toEqual({ ok: false, reason: "malformed" });
    },
  );
});

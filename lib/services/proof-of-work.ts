/**
 * Bot resistance that spares people: before a booking, the client proves a little work (ALTCHA, self-hosted: the
 * challenge comes from this server and is solved in the citizen's browser, with no request to any other host).
 * A person waits a fraction of a second once; a script that wants to fill a day pays for every booking, more the more
 * it books (lib/domain/proof-of-work.ts).
 *
 * A challenge is signed with a key derived from AUTH_SECRET and carries what it was issued for: its purpose, what it
 * is bound to (the booking form's nonce, so one solution cannot serve two different bookings) and when (by the app's
 * clock; the library's own expiry would use the machine's clock). Without JavaScript there is no work to prove; the
 * booking form then checks a signed minimum dwell time instead, and a tighter budget applies (see the form action).
 */
import { createHmac, randomInt } from "node:crypto";
import { createChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { z } from "zod";
import type { ServiceContext } from "./context";

const ALGORITHM = "SHA-256";
/** Long enough to read the summary and fetch one's ID card; a solved challenge is not a permanent pass. */
export const CHALLENGE_LIFETIME_MS = 30 * 60_000;
/** The largest payload a solution can plausibly take (about 700 characters in practice). */
const MAX_PAYLOAD_LENGTH = 4_000;

export type ChallengePurpose = "booking-form" | "booking-api";
export type ProofResult = { ok: true; challengeId: string } | { ok: false; reason: "malformed" | "invalid" | "expired" | "wrong_purpose" };

function signingSecrets(secret: string) {
  const derive = (purpose: string) => createHmac("sha256", secret).update(`altcha:${purpose}`).digest("base64url");
  return { hmacSignatureSecret: derive("challenge"), hmacKeySignatureSecret: derive("derived-key") };
}

/** A signed challenge whose solution takes about `work` hashes (on average three quarters of it). */
export async function issueChallenge(
  context: Pick<ServiceContext, "secret" | "now">,
  options: { purpose: ChallengePurpose; boundTo: string; work: number },
): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: 1,
    deriveKey,
    // Deterministic mode: the client counts up to a number only the server knew; verifying is one HMAC.
    counter: randomInt(Math.floor(options.work / 2), options.work),
    data: { purpose: options.purpose, bound: options.boundTo, issuedAt: context.now().getTime() },
    ...signingSecrets(context.secret),
  });
}

const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.literal(ALGORITHM),
      nonce: z.string().min(8).max(200),
      data: z.looseObject({ purpose: z.string(), bound: z.string(), issuedAt: z.number().int() }),
    }),
    signature: z.string().min(1).max(500),
  }),
  solution: z.looseObject({ counter: z.number().int().nonnegative(), derivedKey: z.string().min(1).max(500) }),
});

/**
 * Checks a solution as the widget (or an API client) sends it: base64 of JSON with the challenge and the solution.
 * The challenge must be ours (signature), solved, issued for this purpose and binding, and not older than its lifetime.
 */
export async function checkSolution(
  context: Pick<ServiceContext, "secret" | "now">,
  encoded: string,
  expected: { purpose: ChallengePurpose; boundTo: string },
): Promise<ProofResult> {
  if (encoded.length > MAX_PAYLOAD_LENGTH) return { ok: false, reason: "malformed" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { challenge, solution } = parsed.data;
  let verified: boolean;
  try {
    ({ verified } = await verifySolution({
      challenge: challenge as unknown as Challenge,
      solution: solution as unknown as Parameters<typeof verifySolution>[0]["solution"],
      deriveKey,
      ...signingSecrets(context.secret),
    }));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!verified) return { ok: false, reason: "invalid" };
  const { purpose, bound, issuedAt } = challenge.parameters.data;
  if (purpose !== expected.purpose || bound !== expected.boundTo) return { ok: false, reason: "wrong_purpose" };
  const age = context.now().getTime() - issuedAt;
  if (age > CHALLENGE_LIFETIME_MS || age < -60_000) return { ok: false, reason: "expired" };
  return { ok: true, challengeId: challenge.parameters.nonce };
}

import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";

/** 256 random bits; only its hash is stored, so a database leak reveals no working manage link. */
export function generateManageToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A manage token derived from a per-form nonce. Submitting the same form twice (double click, reload) yields the same
 * token, hence the same token hash, which the unique index turns into "this booking exists already" instead of a
 * second booking. Without the server secret the token cannot be derived from the nonce.
 */
export function deriveManageToken(secret: string, nonce: string): string {
  return createHmac("sha256", secret).update(`manage-token:${nonce}`, "utf8").digest("base64url");
}

export function generateFormNonce(): string {
  return randomBytes(18).toString("base64url");
}

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read out on the phone and typed from paper. */
export const REFERENCE_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
const REFERENCE_CODE_PATTERN = new RegExp(`^[${REFERENCE_CODE_ALPHABET}]{4}-[${REFERENCE_CODE_ALPHABET}]{4}$`);

export function generateReferenceCode(): string {
  const pick = () => REFERENCE_CODE_ALPHABET[randomInt(REFERENCE_CODE_ALPHABET.length)];
  const chars = Array.from({ length: 8 }, pick).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Accepts what people type: lower case, spaces or no dash. Returns the canonical form or null. */
export function normalizeReferenceCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== 8) return null;
  const code = `${compact.slice(0, 4)}-${compact.slice(4)}`;
  return REFERENCE_CODE_PATTERN.test(code) ? code : null;
}

/**
 * Reading what a client sent: query, JSON body and headers, each parsed with a zod schema. Every failure becomes an
 * ApiProblem (400, 413 or 422), so malformed input can never reach a service or end in a 500.
 */
import type { z } from "zod";
import { clientAddressFrom } from "@/lib/http/client-address";
import { ApiProblem, fieldErrorsFrom } from "./problem";
import { idempotencyKeySchema } from "./schemas";

/** A booking is well under 4 KiB; anything far larger is not a booking. */
export const MAX_BODY_BYTES = 16 * 1024;

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new ApiProblem("invalid_query", "One or more query parameters are missing or invalid.", { errors: fieldErrorsFrom(parsed.error) });
  }
  return parsed.data;
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiProblem("validation", "The request body contains invalid values; see errors.", { errors: fieldErrorsFrom(parsed.error) });
  }
  return parsed.data;
}

/** The body as JSON; it must be declared as JSON and parse as JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const body = await readOptionalJsonBody(request);
  if (body === undefined) throw new ApiProblem("invalid_json", "The request needs a JSON body.");
  return body;
}

/** Like readJsonBody, but an empty body is allowed (DELETE may carry its token in a header instead). */
export async function readOptionalJsonBody(request: Request): Promise<unknown> {
  const text = await readLimitedText(request);
  if (text.trim() === "") return undefined;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new ApiProblem("invalid_content_type", "Send the body as JSON with the header Content-Type: application/json.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem("invalid_json", "The request body is not valid JSON.");
  }
}

async function readLimitedText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  // Read in chunks and stop early: a client that does not declare its length still cannot make us buffer megabytes.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiProblem("invalid_json", "The request body is not valid UTF-8.");
  }
}

const tooLarge = () => new ApiProblem("body_too_large", `The request body may be at most ${MAX_BODY_BYTES} bytes.`);

/** The manage token from `X-Manage-Token` or `Authorization: Bearer`; never from the URL, where logs would keep it. */
export function manageTokenFromHeaders(request: Request): string | null {
  const direct = request.headers.get("x-manage-token")?.trim();
  if (direct) return direct;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return bearer?.[1] ?? null;
}

export function idempotencyKeyFrom(request: Request): string | null {
  const value = request.headers.get("idempotency-key");
  if (value === null) return null;
  const parsed = idempotencyKeySchema.safeParse(value.trim());
  if (!parsed.success) {
    throw new ApiProblem("invalid_header", "Idempotency-Key must be 8–100 characters from A–Z, a–z, 0–9, _ and -.", {
      errors: [{ field: "Idempotency-Key", code: "invalid_format", message: "Use 8–100 characters from A–Z, a–z, 0–9, _ and -." }],
    });
  }
  return parsed.data;
}

/** The caller's address for rate limiting only; never stored or logged (lib/http/client-address.ts decides it). */
export function clientAddressOf(request: Request): string {
  return clientAddressFrom(request.headers);
}

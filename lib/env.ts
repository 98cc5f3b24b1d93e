import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Validated configuration, read once. Demo mode runs with zero configuration; production mode refuses to start
 * while anything a real deployment needs is missing.
 */

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      "Terminvergabe cannot start in production mode because its configuration is incomplete:\n" +
        problems.map((p) => `  - ${p}`).join("\n") +
        "\nSee README.md, section \"Configuration\".",
    );
    this.name = "ConfigurationError";
  }
}

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const rawEnvSchema = z.object({
  TERMINVERGABE_MODE: z.preprocess(emptyToUndefined, z.enum(["demo", "production"]).default("demo")),
  DATABASE_PATH: optionalString,
  AUTH_SECRET: optionalString,
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  PORT: optionalString,
  RESEND_API_KEY: optionalString,
  MAIL_FROM: optionalString,
  MAIL_REPLY_TO: optionalString,
  OUTBOX_POLL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(10)),
  RATE_LIMIT_SCALE: z.preprocess(emptyToUndefined, z.coerce.number().min(0.01).max(1_000_000).default(1)),
});

const clockEnvSchema = z.object({
  TERMINVERGABE_CLOCK: z.preprocess(emptyToUndefined, z.iso.datetime({ offset: true }).optional()),
  TERMINVERGABE_CLOCK_SET_AT: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
});

export type AppEnv = {
  mode: "demo" | "production";
  isDemo: boolean;
  databasePath: string;
  dataDirectory: string;
  authSecret: string;
  publicUrl: string;
  mail: { resendApiKey: string | null; from: string; replyTo: string | null };
  outboxPollSeconds: number;
  /** Multiplies every per-address request budget; load tests and benchmarks raise it, production keeps 1. */
  rateLimitScale: number;
};

const DEMO_MAIL_FROM = "Bürgerbüro Musterstadt (Demo) <termine@demo.invalid>";
const MIN_SECRET_LENGTH = 32;

/** The database file, without validating the rest: enough for CLI tools that only touch the database. */
export function databasePathFrom(source: Record<string, string | undefined>, cwd: string = process.cwd()): string {
  const configured = source.DATABASE_PATH?.trim();
  return path.resolve(cwd, configured ? configured : "data/terminvergabe.sqlite");
}

export function parseEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): AppEnv {
  const parsed = rawEnvSchema.extend(clockEnvSchema.shape).safeParse(source);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const isDemo = raw.TERMINVERGABE_MODE === "demo";
  const databasePath = databasePathFrom(source, cwd);
  const dataDirectory = path.dirname(databasePath);

  if (!isDemo) {
    const problems: string[] = [];
    if (!raw.AUTH_SECRET) problems.push("AUTH_SECRET is not set (generate one with: openssl rand -base64 32)");
    else if (raw.AUTH_SECRET.length < MIN_SECRET_LENGTH) problems.push(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    if (!raw.PUBLIC_URL) problems.push("PUBLIC_URL is not set (the address citizens use, e.g. https://termine.musterstadt.de)");
    if (!raw.RESEND_API_KEY) problems.push("RESEND_API_KEY is not set (e-mails to citizens could not be sent)");
    if (!raw.MAIL_FROM) problems.push("MAIL_FROM is not set (sender address, e.g. Bürgerbüro <termine@musterstadt.de>)");
    if (raw.TERMINVERGABE_CLOCK) problems.push("TERMINVERGABE_CLOCK must not be set: a production server runs on the real clock");
    if (problems.length > 0) throw new ConfigurationError(problems);
  }

  return {
    mode: raw.TERMINVERGABE_MODE,
    isDemo,
    databasePath,
    dataDirectory,
    authSecret: raw.AUTH_SECRET ?? readOrCreateDemoSecret(dataDirectory),
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT ?? "3000"}`).replace(/\/+$/, ""),
    mail: {
      resendApiKey: raw.RESEND_API_KEY ?? null,
      from: raw.MAIL_FROM ?? DEMO_MAIL_FROM,
      replyTo: raw.MAIL_REPLY_TO ?? null,
    },
    outboxPollSeconds: raw.OUTBOX_POLL_SECONDS,
    rateLimitScale: raw.RATE_LIMIT_SCALE,
  };
}

/**
 * TERMINVERGABE_CLOCK places a demo or test run at another instant: the clock reads that instant at the real moment
 * TERMINVERGABE_CLOCK_SET_AT (epoch milliseconds; default: the moment of this call) and runs on from there. Processes
 * given the same pair agree to the millisecond. Returns what the app's clock (lib/clock.ts) adds to real time. Only
 * these two variables are read, so the clock works before (and without) the rest of the configuration; parseEnv
 * validates them with everything else and refuses them in production.
 */
export function clockOffsetFrom(source: Record<string, string | undefined>, realNowMs: number): number {
  const parsed = clockEnvSchema.safeParse(source);
  if (!parsed.success) throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const { TERMINVERGABE_CLOCK: startsAt, TERMINVERGABE_CLOCK_SET_AT: setAt } = parsed.data;
  return startsAt ? Date.parse(startsAt) - (setAt ?? realNowMs) : 0;
}

/** The demo keeps a generated secret beside its database so sessions and links survive restarts. */
function readOrCreateDemoSecret(dataDirectory: string): string {
  const secretPath = path.join(dataDirectory, "demo-secret.key");
  if (existsSync(secretPath)) return readFileSync(secretPath, "utf8").trim();
  mkdirSync(dataDirectory, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(secretPath, secret, { flag: "wx", mode: 0o600 });
    chmodSync(secretPath, 0o600);
    return secret;
  } catch {
    // Another process created it first: use theirs so both agree.
    return readFileSync(secretPath, "utf8").trim();
  }
}

let cached: AppEnv | undefined;

export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

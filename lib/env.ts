import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
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
  // PostgreSQL instead of the SQLite file (db/engine.ts decides by the same value).
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//i, "must be a PostgreSQL URL (postgres://user:password@host:5432/database); leave it unset for the SQLite file at DATABASE_PATH")
      .optional(),
  ),
  // Read where the pool is made (db/postgres.ts); validated here so a typo stops the start instead of being ignored.
  DATABASE_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).optional()),
  AUTH_SECRET: optionalString,
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  PORT: optionalString,
  RESEND_API_KEY: optionalString,
  MAIL_FROM: optionalString,
  MAIL_REPLY_TO: optionalString,
  OUTBOX_POLL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(10)),
  RATE_LIMIT_SCALE: z.preprocess(emptyToUndefined, z.coerce.number().min(0.01).max(1_000_000).default(1)),
  // The name Heroku, Render and others give this setting; 64 is far beyond what one machine's SQLite writer can use.
  WEB_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).optional()),
  AVAILABILITY_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(4)),
});

/**
 * SMTP, as one URL or as single settings (see smtpSettingsFrom). The password is not trimmed: spaces may belong to it.
 * Switches take true or false and nothing else, so that a typo is refused instead of quietly meaning "false".
 */
const lowerCased = (value: unknown) => (typeof value === "string" ? (emptyToUndefined(value) === undefined ? undefined : value.trim().toLowerCase()) : value);
const optionalBoolean = z.preprocess(lowerCased, z.enum(["true", "false"]).optional()).transform((v) => (v === undefined ? undefined : v === "true"));
const smtpEnvSchema = z.object({
  SMTP_URL: optionalString,
  SMTP_HOST: optionalString,
  SMTP_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: z.preprocess(emptyToUndefined, z.string().optional()),
  SMTP_SECURE: optionalBoolean,
  SMTP_STARTTLS: z.preprocess(lowerCased, z.enum(["required", "optional"]).optional()),
  SMTP_TLS_REJECT_UNAUTHORIZED: optionalBoolean,
});
type SmtpEnv = z.infer<typeof smtpEnvSchema>;

const clockEnvSchema = z.object({
  TERMINVERGABE_CLOCK: z.preprocess(emptyToUndefined, z.iso.datetime({ offset: true }).optional()),
  TERMINVERGABE_CLOCK_SET_AT: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
});

/** The town's (or its IT centre's) mail server, as lib/email/smtp-pool.ts connects to it. */
export type SmtpSettings = {
  kind: "smtp";
  host: string;
  port: number;
  /** Implicit TLS (smtps://, usually port 465): encrypted from the first byte. */
  secure: boolean;
  /** Without implicit TLS: "required" sends nothing unencrypted; "optional" upgrades when the server offers STARTTLS. */
  startTls: "required" | "optional";
  auth: { user: string; password: string } | null;
  /** false only outside production, for a test server's self-signed certificate. */
  rejectUnauthorized: boolean;
  /** The name we greet with (EHLO): PUBLIC_URL's host, as strict servers refuse a container's bare host name. */
  clientName: string | null;
};

/** How mail leaves the app; null (demo) keeps it in the outbox for the dev outbox page. */
export type MailTransportSettings = { kind: "resend"; apiKey: string } | SmtpSettings | null;

export type AppEnv = {
  mode: "demo" | "production";
  isDemo: boolean;
  databasePath: string;
  /** PostgreSQL's address when it is the engine (db/engine.ts); null for the SQLite file at databasePath. */
  databaseUrl: string | null;
  dataDirectory: string;
  authSecret: string;
  publicUrl: string;
  mail: {
    transport: MailTransportSettings;
    /** The Resend key when Resend is the transport (older readers); `transport` is what decides. */
    resendApiKey: string | null;
    from: string;
    replyTo: string | null;
  };
  outboxPollSeconds: number;
  /** Multiplies every per-address request budget; load tests and benchmarks raise it, production keeps 1. */
  rateLimitScale: number;
  /**
   * How many server processes `npm start` runs (WEB_CONCURRENCY; default: the cores Node may use). 1 is one plain
   * process; more are node:cluster workers sharing the port (lib/http/cluster.ts).
   */
  workers: number;
  /**
   * How many computations of free times (the API and the booking pages) one process works on at once
   * (AVAILABILITY_CONCURRENCY, default 4); the others wait their turn (availabilityAdmission, lib/services/availability.ts).
   */
  availabilityConcurrency: number;
  /** Staff single sign-on through OpenID Connect; null when not configured (see signInSettingsFrom). */
  sso: SsoSettings | null;
  /** false: staff sign in only through single sign-on (PASSWORD_SIGN_IN=false, refused without OIDC settings). */
  passwordSignIn: boolean;
};

const DEMO_MAIL_FROM = "Bürgerbüro Musterstadt (Demo) <termine@demo.invalid>";
const MIN_SECRET_LENGTH = 32;

/** The database file, without validating the rest: enough for CLI tools that only touch the database. */
export function databasePathFrom(source: Record<string, string | undefined>, cwd: string = process.cwd()): string {
  const configured = source.DATABASE_PATH?.trim();
  return path.resolve(cwd, configured ? configured : "data/terminvergabe.sqlite");
}

export function parseEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): AppEnv {
  const parsed = rawEnvSchema.extend(clockEnvSchema.shape).extend(smtpEnvSchema.shape).safeParse(source);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const isDemo = raw.TERMINVERGABE_MODE === "demo";
  const databasePath = databasePathFrom(source, cwd);
  const dataDirectory = path.dirname(databasePath);
  const mailTransport = mailTransportFrom(raw);
  // A malformed or contradictory mail setting is refused in demo mode too: it is never what was meant.
  if (isDemo && mailTransport.problems.length > 0) throw new ConfigurationError(mailTransport.problems);
  const signIn = signInSettingsFrom(source, isDemo);
  if (isDemo && signIn.problems.length > 0) throw new ConfigurationError(signIn.problems);

  if (!isDemo) {
    const problems: string[] = [];
    if (!raw.AUTH_SECRET) problems.push("AUTH_SECRET is not set (generate one with: openssl rand -base64 32)");
    else if (raw.AUTH_SECRET.length < MIN_SECRET_LENGTH) problems.push(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    if (!raw.PUBLIC_URL) problems.push("PUBLIC_URL is not set (the address citizens use, e.g. https://termine.musterstadt.de)");
    problems.push(...mailTransport.problems);
    problems.push(...signIn.problems);
    if (mailTransport.problems.length === 0 && mailTransport.settings === null) {
      problems.push("RESEND_API_KEY is not set and no SMTP server is configured (SMTP_URL or SMTP_HOST): e-mails to citizens could not be sent");
    }
    if (mailTransport.settings?.kind === "smtp" && !mailTransport.settings.rejectUnauthorized) {
      problems.push("SMTP_TLS_REJECT_UNAUTHORIZED=false is for tests only: a production server checks its mail server's certificate");
    }
    if (!raw.MAIL_FROM) problems.push("MAIL_FROM is not set (sender address, e.g. Bürgerbüro <termine@musterstadt.de>)");
    if (raw.TERMINVERGABE_CLOCK) problems.push("TERMINVERGABE_CLOCK must not be set: a production server runs on the real clock");
    if (problems.length > 0) throw new ConfigurationError(problems);
  }

  return {
    mode: raw.TERMINVERGABE_MODE,
    isDemo,
    databasePath,
    databaseUrl: raw.DATABASE_URL ?? null,
    dataDirectory,
    authSecret: raw.AUTH_SECRET ?? readOrCreateDemoSecret(dataDirectory),
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT ?? "3000"}`).replace(/\/+$/, ""),
    mail: {
      transport: mailTransport.settings,
      resendApiKey: mailTransport.settings?.kind === "resend" ? mailTransport.settings.apiKey : null,
      from: raw.MAIL_FROM ?? DEMO_MAIL_FROM,
      replyTo: raw.MAIL_REPLY_TO ?? null,
    },
    outboxPollSeconds: raw.OUTBOX_POLL_SECONDS,
    rateLimitScale: raw.RATE_LIMIT_SCALE,
    workers: raw.WEB_CONCURRENCY ?? os.availableParallelism(),
    availabilityConcurrency: raw.AVAILABILITY_CONCURRENCY,
    sso: signIn.sso,
    passwordSignIn: signIn.passwordSignIn,
  };
}

const SMTP_SERVER_VARIABLES = ["SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURE"] as const;
const SMTP_OPTION_VARIABLES = ["SMTP_STARTTLS", "SMTP_TLS_REJECT_UNAUTHORIZED"] as const;
const SMTP_URL_EXAMPLE = "smtp://user:password@mail.musterstadt.de:587";

/**
 * Which way mail leaves: Resend (RESEND_API_KEY) or SMTP (SMTP_URL, or SMTP_HOST with its single settings), never
 * both. The problems returned are wrong in any mode; that production needs a transport at all is checked by the caller.
 * No problem text repeats a value: SMTP_URL and SMTP_PASSWORD hold the password.
 */
function mailTransportFrom(raw: SmtpEnv & { RESEND_API_KEY?: string; PUBLIC_URL?: string }): {
  settings: MailTransportSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const smtpVariable = raw.SMTP_URL ? "SMTP_URL" : raw.SMTP_HOST ? "SMTP_HOST" : null;
  if (raw.RESEND_API_KEY && smtpVariable) {
    problems.push(`RESEND_API_KEY and ${smtpVariable} are both set: configure exactly one way to send mail (Resend or SMTP)`);
    return { settings: null, problems };
  }
  if (raw.RESEND_API_KEY) return { settings: { kind: "resend", apiKey: raw.RESEND_API_KEY }, problems };
  const settings = smtpSettingsFrom(raw, problems);
  return { settings: problems.length > 0 ? null : settings, problems };
}

function smtpSettingsFrom(raw: SmtpEnv & { PUBLIC_URL?: string }, problems: string[]): SmtpSettings | null {
  let server: { host: string; port: number; secure: boolean; user?: string; password?: string };
  if (raw.SMTP_URL) {
    const alsoGiven = SMTP_SERVER_VARIABLES.filter((name) => raw[name] !== undefined);
    if (alsoGiven.length > 0) {
      problems.push(`SMTP_URL and ${alsoGiven.join(", ")} are both set: give the server either as one URL or with SMTP_HOST and its single settings`);
      return null;
    }
    const parsed = smtpServerFromUrl(raw.SMTP_URL);
    if (typeof parsed === "string") {
      problems.push(parsed);
      return null;
    }
    server = parsed;
  } else if (raw.SMTP_HOST) {
    const secure = raw.SMTP_SECURE ?? raw.SMTP_PORT === 465;
    server = { host: raw.SMTP_HOST, port: raw.SMTP_PORT ?? (secure ? 465 : 587), secure, user: raw.SMTP_USER, password: raw.SMTP_PASSWORD };
  } else {
    const orphans = [...SMTP_SERVER_VARIABLES, ...SMTP_OPTION_VARIABLES].filter((name) => raw[name] !== undefined);
    if (orphans.length > 0) problems.push(`${orphans.join(", ")} ${orphans.length === 1 ? "is" : "are"} set, but neither SMTP_URL nor SMTP_HOST`);
    return null;
  }

  if ((server.user === undefined) !== (server.password === undefined)) {
    problems.push(`SMTP user and password must be given together (SMTP_USER and SMTP_PASSWORD, or ${SMTP_URL_EXAMPLE})`);
  }
  if (server.secure && raw.SMTP_STARTTLS) {
    problems.push("SMTP_STARTTLS applies to smtp:// only: with implicit TLS (smtps:// or SMTP_SECURE=true) the connection is encrypted from the start");
  }
  return {
    kind: "smtp",
    host: server.host,
    port: server.port,
    secure: server.secure,
    // Port 587 (submission) is where STARTTLS is expected; a relay on port 25 in the IT centre's network may lack it.
    startTls: raw.SMTP_STARTTLS ?? (server.port === 587 ? "required" : "optional"),
    auth: server.user !== undefined && server.password !== undefined ? { user: server.user, password: server.password } : null,
    rejectUnauthorized: raw.SMTP_TLS_REJECT_UNAUTHORIZED ?? true,
    clientName: raw.PUBLIC_URL ? new URL(raw.PUBLIC_URL).hostname : null,
  };
}

/** smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (implicit TLS), credentials URL-encoded. */
function smtpServerFromUrl(value: string): { host: string; port: number; secure: boolean; user?: string; password?: string } | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `SMTP_URL is not a valid URL (e.g. ${SMTP_URL_EXAMPLE})`;
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return "SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (implicit TLS)";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) return `SMTP_URL names no server (e.g. ${SMTP_URL_EXAMPLE})`;
  if (url.search || url.hash || (url.pathname !== "" && url.pathname !== "/")) {
    return "SMTP_URL must not have a path or query: set SMTP_STARTTLS and SMTP_TLS_REJECT_UNAUTHORIZED separately";
  }
  const secure = url.protocol === "smtps:";
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  if (!secure && port === 465) return "SMTP_URL has port 465 with smtp://: port 465 expects implicit TLS, write smtps://";
  try {
    return {
      host,
      port,
      secure,
      user: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
    };
  } catch {
    return "SMTP_URL has a malformed %-escape in its user or password";
  }
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

// Staff single sign-on (OpenID Connect) ------------------------------------------------------------------------------

/** Role mapping: which values of which ID token claim make an account admin or staff (lib/auth/sso-mapping.ts). */
export type SsoRoleMapping = { claim: string; adminValues: readonly string[]; staffValues: readonly string[] };

export type SsoSettings = {
  /** Exactly the `issuer` of the provider's /.well-known/openid-configuration; with the `sub` it keys an account. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's label ("Anmelden mit …"); null: a generic label. */
  name: string | null;
  /** null: the identity provider grants no roles; admins approve new accounts and set roles themselves. */
  roleMapping: SsoRoleMapping | null;
};

const oidcEnvSchema = z.object({
  OIDC_ISSUER: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: optionalString,
  OIDC_ROLE_CLAIM: optionalString,
  OIDC_ADMIN_VALUES: optionalString,
  OIDC_STAFF_VALUES: optionalString,
  // Spelled true/false only, like the other switches: "no" or "0" could mean either to the reader of a deployment file.
  PASSWORD_SIGN_IN: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : undefined),
    z.enum(["true", "false"], { error: "must be true or false" }).default("true"),
  ),
});

const OIDC_CLIENT_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/**
 * Single sign-on and whether passwords still work. Everything returned as a problem is refused in every mode: a
 * half-configured provider or password sign-in switched off with no other way in is never what was meant (the second
 * would lock every member of staff out). Production also wants the issuer on https, as the client secret and the
 * tokens travel to it. No problem text repeats a value: OIDC_CLIENT_SECRET is a secret.
 */
function signInSettingsFrom(
  source: Record<string, string | undefined>,
  isDemo: boolean,
): { sso: SsoSettings | null; passwordSignIn: boolean; problems: string[] } {
  const parsed = oidcEnvSchema.safeParse(source);
  if (!parsed.success) {
    return { sso: null, passwordSignIn: true, problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const passwordSignIn = raw.PASSWORD_SIGN_IN === "true";
  const given = OIDC_CLIENT_VARIABLES.filter((name) => raw[name] !== undefined);
  const missing = OIDC_CLIENT_VARIABLES.filter((name) => raw[name] === undefined);

  if (given.length === 0) {
    const orphans = (["OIDC_NAME", "OIDC_ROLE_CLAIM", "OIDC_ADMIN_VALUES", "OIDC_STAFF_VALUES"] as const).filter((name) => raw[name] !== undefined);
    if (orphans.length > 0) problems.push(`${orphans.join(", ")} ${orphans.length === 1 ? "is" : "are"} set, but single sign-on is not (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)`);
    if (!passwordSignIn) problems.push("PASSWORD_SIGN_IN=false needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): otherwise nobody could sign in");
    return { sso: null, passwordSignIn, problems };
  }
  if (missing.length > 0) {
    problems.push(`${given.join(", ")} ${given.length === 1 ? "is" : "are"} set, but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not: single sign-on needs all three`);
  }
  if (!isDemo && raw.OIDC_ISSUER && !raw.OIDC_ISSUER.startsWith("https://")) {
    problems.push("OIDC_ISSUER must be an https:// address in production: the client secret and the tokens travel to it");
  }
  const roleMapping = roleMappingFrom(raw, problems);
  if (problems.length > 0 || !raw.OIDC_ISSUER || !raw.OIDC_CLIENT_ID || !raw.OIDC_CLIENT_SECRET) return { sso: null, passwordSignIn, problems };
  return {
    sso: { issuer: raw.OIDC_ISSUER, clientId: raw.OIDC_CLIENT_ID, clientSecret: raw.OIDC_CLIENT_SECRET, name: raw.OIDC_NAME ?? null, roleMapping },
    passwordSignIn,
    problems,
  };
}

/** OIDC_ROLE_CLAIM with at least one list of values, or none of the three; a value in both lists is a contradiction. */
function roleMappingFrom(raw: z.infer<typeof oidcEnvSchema>, problems: string[]): SsoRoleMapping | null {
  const list = (value: string | undefined) => (value ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
  const adminValues = list(raw.OIDC_ADMIN_VALUES);
  const staffValues = list(raw.OIDC_STAFF_VALUES);
  if (!raw.OIDC_ROLE_CLAIM) {
    if (adminValues.length > 0 || staffValues.length > 0) problems.push("OIDC_ADMIN_VALUES or OIDC_STAFF_VALUES is set, but OIDC_ROLE_CLAIM (the claim to read them from) is not");
    return null;
  }
  if (adminValues.length === 0 && staffValues.length === 0) {
    problems.push("OIDC_ROLE_CLAIM is set, but neither OIDC_ADMIN_VALUES nor OIDC_STAFF_VALUES: no claim value would grant a role");
    return null;
  }
  const inBoth = adminValues.filter((value) => staffValues.includes(value));
  if (inBoth.length > 0) problems.push(`${inBoth.join(", ")} ${inBoth.length === 1 ? "is" : "are"} in both OIDC_ADMIN_VALUES and OIDC_STAFF_VALUES`);
  return { claim: raw.OIDC_ROLE_CLAIM, adminValues, staffValues };
}

let cached: AppEnv | undefined;

export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

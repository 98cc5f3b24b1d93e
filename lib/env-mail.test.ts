import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMailTransport } from "@/lib/email/transport";
import { ConfigurationError, parseEnv } from "./env";

/* How mail leaves the app: RESEND_API_KEY, or SMTP as one URL or as single settings; in production exactly one. */

const directories: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-env-mail-"));
  directories.push(dir);
  return dir;
};
afterEach(() => directories.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PRODUCTION_WITHOUT_MAIL = {
  TERMINVERGABE_MODE: "production",
  AUTH_SECRET: "x".repeat(40),
  PUBLIC_URL: "https://termine.musterstadt.de",
  MAIL_FROM: "Bürgerbüro <termine@musterstadt.de>",
};
const PASSWORD = "p@ss:w/ord mit Leerzeichen";

const transportOf = (source: Record<string, string | undefined>) => parseEnv(source, tempDir()).mail.transport;
const problemsOf = (source: Record<string, string | undefined>): string[] => {
  try {
    parseEnv(source, tempDir());
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
};

describe("SMTP configuration", () => {
  it("reads smtp:// with URL-encoded credentials: STARTTLS required on port 587", () => {
    const transport = transportOf({
      ...PRODUCTION_WITHOUT_MAIL,
      SMTP_URL: `smtp://${encodeURIComponent("termine@musterstadt.de")}:${encodeURIComponent(PASSWORD)}@mail.musterstadt.de:587`,
    });
    expect(transport).toEqual({
      kind: "smtp",
      host: "mail.musterstadt.de",
      port: 587,
      secure: false,
      startTls: "required",
      auth: { user: "termine@musterstadt.de", password: PASSWORD },
      rejectUnauthorized: true,
      clientName: "termine.musterstadt.de",
    });
  });

  it.each([
    { url: "smtps://u:p@mail.musterstadt.de", expected: { port: 465, secure: true } },
    { url: "smtps://u:p@mail.musterstadt.de:4650", expected: { port: 4650, secure: true } },
    { url: "smtp://u:p@mail.musterstadt.de", expected: { port: 587, secure: false, startTls: "required" } },
    { url: "smtp://relay.kommunal-it.example:25", expected: { port: 25, secure: false, startTls: "optional", auth: null } },
    { url: "smtp://[2001:db8::25]:25", expected: { host: "2001:db8::25", port: 25 } },
  ])("reads $url", ({ url, expected }) => {
    expect(transportOf({ ...PRODUCTION_WITHOUT_MAIL, SMTP_URL: url })).toMatchObject(expected);
  });

  it("reads the single settings, with implicit TLS by default on port 465", () => {
    const base = { ...PRODUCTION_WITHOUT_MAIL, SMTP_HOST: "mail.musterstadt.de", SMTP_USER: "termine", SMTP_PASSWORD: ` ${PASSWORD} ` };
    expect(transportOf(base)).toMatchObject({ host: "mail.musterstadt.de", port: 587, secure: false, startTls: "required", auth: { user: "termine", password: ` ${PASSWORD} ` } });
    expect(transportOf({ ...base, SMTP_PORT: "465" })).toMatchObject({ port: 465, secure: true });
    expect(transportOf({ ...base, SMTP_SECURE: "true" })).toMatchObject({ port: 465, secure: true });
    expect(transportOf({ ...base, SMTP_PORT: "2525", SMTP_SECURE: "TRUE" })).toMatchObject({ port: 2525, secure: true });
    expect(transportOf({ ...base, SMTP_PORT: "25", SMTP_STARTTLS: "required" })).toMatchObject({ port: 25, startTls: "required" });
    expect(transportOf({ ...base, SMTP_STARTTLS: "optional" })).toMatchObject({ port: 587, startTls: "optional" });
    expect(transportOf({ SMTP_HOST: "relay.kommunal-it.example", SMTP_PORT: "25", DATABASE_PATH: "x.sqlite" })).toMatchObject({ auth: null, clientName: null });
  });

  it("allows an unchecked certificate outside production only", () => {
    const smtp = { SMTP_URL: "smtp://u:p@127.0.0.1:2525", SMTP_TLS_REJECT_UNAUTHORIZED: "false" };
    expect(transportOf(smtp)).toMatchObject({ rejectUnauthorized: false });
    expect(problemsOf({ ...PRODUCTION_WITHOUT_MAIL, ...smtp })).toEqual([
      "SMTP_TLS_REJECT_UNAUTHORIZED=false is for tests only: a production server checks its mail server's certificate",
    ]);
  });

  it("keeps Resend as it was, and leaves mail unsent (kept) without either", () => {
    const resend = parseEnv({ ...PRODUCTION_WITHOUT_MAIL, RESEND_API_KEY: "re_live" }, tempDir()).mail;
    expect(resend).toMatchObject({ transport: { kind: "resend", apiKey: "re_live" }, resendApiKey: "re_live" });
    const smtp = parseEnv({ ...PRODUCTION_WITHOUT_MAIL, SMTP_URL: "smtp://u:p@mail.musterstadt.de" }, tempDir()).mail;
    expect(smtp.resendApiKey).toBeNull();
    expect(parseEnv({}, tempDir()).mail.transport).toBeNull();
    expect(createMailTransport(null)).toBeNull();
    expect(createMailTransport(resend.transport)).toHaveProperty("send");
    expect(createMailTransport(smtp.transport)).toHaveProperty("send");
  });
});

describe("refusals", () => {
  it("refuses production without any mail transport, naming both ways", () => {
    const problems = problemsOf(PRODUCTION_WITHOUT_MAIL);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("RESEND_API_KEY is not set");
    expect(problems[0]).toContain("SMTP_URL or SMTP_HOST");
  });

  it("refuses production without MAIL_FROM with SMTP as well", () => {
    const { MAIL_FROM: _, ...withoutSender } = PRODUCTION_WITHOUT_MAIL;
    expect(problemsOf({ ...withoutSender, SMTP_URL: "smtp://u:p@mail.musterstadt.de" })).toEqual([
      expect.stringContaining("MAIL_FROM is not set"),
    ]);
  });

  it.each([
    {
      case: "Resend and SMTP at once (production)",
      source: { ...PRODUCTION_WITHOUT_MAIL, RESEND_API_KEY: "re_live", SMTP_HOST: "mail.musterstadt.de" },
      problem: "RESEND_API_KEY and SMTP_HOST are both set: configure exactly one way to send mail (Resend or SMTP)",
    },
    {
      case: "Resend and SMTP at once (demo)",
      source: { RESEND_API_KEY: "re_test", SMTP_URL: "smtp://mail.musterstadt.de" },
      problem: "RESEND_API_KEY and SMTP_URL are both set: configure exactly one way to send mail (Resend or SMTP)",
    },
    {
      case: "the URL and single settings at once",
      source: { SMTP_URL: "smtp://u:p@mail.musterstadt.de", SMTP_HOST: "other.example", SMTP_PASSWORD: "x" },
      problem: "SMTP_URL and SMTP_HOST, SMTP_PASSWORD are both set: give the server either as one URL or with SMTP_HOST and its single settings",
    },
    {
      case: "single settings without a host",
      source: { SMTP_PORT: "587", SMTP_USER: "termine" },
      problem: "SMTP_PORT, SMTP_USER are set, but neither SMTP_URL nor SMTP_HOST",
    },
    {
      case: "a user without a password",
      source: { SMTP_HOST: "mail.musterstadt.de", SMTP_USER: "termine" },
      problem: "SMTP user and password must be given together (SMTP_USER and SMTP_PASSWORD, or smtp://user:password@mail.musterstadt.de:587)",
    },
    {
      case: "a URL with a user but no password",
      source: { SMTP_URL: "smtp://termine@mail.musterstadt.de" },
      problem: "SMTP user and password must be given together (SMTP_USER and SMTP_PASSWORD, or smtp://user:password@mail.musterstadt.de:587)",
    },
    {
      case: "STARTTLS with implicit TLS",
      source: { SMTP_URL: "smtps://u:p@mail.musterstadt.de", SMTP_STARTTLS: "required" },
      problem: "SMTP_STARTTLS applies to smtp:// only: with implicit TLS (smtps:// or SMTP_SECURE=true) the connection is encrypted from the start",
    },
    { case: "another scheme", source: { SMTP_URL: "https://mail.musterstadt.de" }, problem: "SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (implicit TLS)" },
    {
      case: "options in the URL",
      source: { SMTP_URL: "smtp://u:p@mail.musterstadt.de:587?secure=false" },
      problem: "SMTP_URL must not have a path or query: set SMTP_STARTTLS and SMTP_TLS_REJECT_UNAUTHORIZED separately",
    },
    {
      case: "smtp:// on port 465",
      source: { SMTP_URL: "smtp://u:p@mail.musterstadt.de:465" },
      problem: "SMTP_URL has port 465 with smtp://: port 465 expects implicit TLS, write smtps://",
    },
    { case: "a malformed escape", source: { SMTP_URL: "smtp://u:50%zz@mail.musterstadt.de" }, problem: "SMTP_URL has a malformed %-escape in its user or password" },
  ])("refuses $case, in any mode", ({ source, problem }) => {
    expect(problemsOf(source)).toEqual([problem]);
  });

  it.each([
    { variable: "SMTP_PORT", value: "70000" },
    { variable: "SMTP_SECURE", value: "yes" },
    { variable: "SMTP_STARTTLS", value: "always" },
    { variable: "SMTP_TLS_REJECT_UNAUTHORIZED", value: "0" },
  ])("rejects $variable=$value", ({ variable, value }) => {
    expect(problemsOf({ SMTP_HOST: "mail.musterstadt.de", [variable]: value })).toEqual([expect.stringContaining(variable)]);
  });

  it("never repeats the password in a problem", () => {
    for (const url of [`smtp://termine:${PASSWORD}@mail.musterstadt.de:465`, `smtp://termine:geheim123@@:587?x=1`, `ftp://termine:geheim123@mail.example`]) {
      const problems = problemsOf({ ...PRODUCTION_WITHOUT_MAIL, SMTP_URL: url });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.join("\n")).not.toMatch(/geheim123|Leerzeichen/);
    }
  });
});

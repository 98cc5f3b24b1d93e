import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, parseEnv } from "./env";

const directories: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-env-"));
  directories.push(dir);
  return dir;
};
afterEach(() => directories.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PRODUCTION = {
  TERMINVERGABE_MODE: "production",
  AUTH_SECRET: "x".repeat(40),
  PUBLIC_URL: "https://termine.musterstadt.de/",
  RESEND_API_KEY: "re_live_key",
  MAIL_FROM: "Bürgerbüro <termine@musterstadt.de>",
};

describe("configuration", () => {
  it("runs as a demo with zero configuration and keeps a generated secret beside the database", () => {
    const cwd = tempDir();
    const env = parseEnv({}, cwd);
    expect(env.isDemo).toBe(true);
    expect(env.databasePath).toBe(path.join(cwd, "data/terminvergabe.sqlite"));
    expect(env.authSecret.length).toBeGreaterThanOrEqual(40);
    expect(readFileSync(path.join(cwd, "data/demo-secret.key"), "utf8")).toBe(env.authSecret);
    expect(parseEnv({}, cwd).authSecret).toBe(env.authSecret);
    expect(env.publicUrl).toBe("http://localhost:3000");
    expect(env.mail.resendApiKey).toBeNull();
  });

  it("accepts a complete production configuration and trims the public URL", () => {
    const cwd = tempDir();
    const env = parseEnv(PRODUCTION, cwd);
    expect(env.isDemo).toBe(false);
    expect(env.publicUrl).toBe("https://termine.musterstadt.de");
    expect(existsSync(path.join(cwd, "data/demo-secret.key"))).toBe(false);
  });

  it.each([
    { missing: "AUTH_SECRET", message: "AUTH_SECRET is not set" },
    { missing: "PUBLIC_URL", message: "PUBLIC_URL is not set" },
    { missing: "RESEND_API_KEY", message: "RESEND_API_KEY is not set" },
    { missing: "MAIL_FROM", message: "MAIL_FROM is not set" },
  ])("refuses production without $missing", ({ missing, message }) => {
    const source: Record<string, string> = { ...PRODUCTION, [missing]: "" };
    expect(() => parseEnv(source, tempDir())).toThrow(ConfigurationError);
    expect(() => parseEnv(source, tempDir())).toThrow(message);
  });

  it("lists every missing setting at once", () => {
    try {
      parseEnv({ TERMINVERGABE_MODE: "production" }, tempDir());
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigurationError).problems).toHaveLength(4);
    }
  });

  it("scales rate limits only when asked to", () => {
    expect(parseEnv({}, tempDir()).rateLimitScale).toBe(1);
    expect(parseEnv({ RATE_LIMIT_SCALE: "1000" }, tempDir()).rateLimitScale).toBe(1000);
    expect(() => parseEnv({ RATE_LIMIT_SCALE: "0" }, tempDir())).toThrow("RATE_LIMIT_SCALE");
  });

  it.each([
    { name: "a short secret", source: { ...PRODUCTION, AUTH_SECRET: "short" }, message: "at least 32 characters" },
    { name: "a mistyped mode", source: { TERMINVERGABE_MODE: "prod" }, message: "TERMINVERGABE_MODE" },
    { name: "a public URL that is not http(s)", source: { ...PRODUCTION, PUBLIC_URL: "ftp://x.de" }, message: "PUBLIC_URL" },
  ])("rejects $name", ({ source, message }) => {
    expect(() => parseEnv(source, tempDir())).toThrow(message);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { engineFrom } from "@/db/engine";
import { clockOffsetFrom, ConfigurationError, parseEnv } from "./env";

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

  it("runs as many server processes as configured, by default one per core Node may use", () => {
    expect(parseEnv({}, tempDir()).workers).toBe(os.availableParallelism());
    expect(parseEnv({ WEB_CONCURRENCY: "1" }, tempDir()).workers).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: " 4 " }, tempDir()).workers).toBe(4);
    expect(parseEnv({ WEB_CONCURRENCY: "" }, tempDir()).workers).toBe(os.availableParallelism());
    for (const wrong of ["0", "65", "2.5", "two"]) expect(() => parseEnv({ WEB_CONCURRENCY: wrong }, tempDir())).toThrow("WEB_CONCURRENCY");
  });

  it("runs on PostgreSQL only when DATABASE_URL names a PostgreSQL server, and says what else to do", () => {
    expect(parseEnv({}, tempDir()).databaseUrl).toBeNull();
    expect(parseEnv({ DATABASE_URL: "  " }, tempDir()).databaseUrl).toBeNull();
    const url = "postgres://terminvergabe:geheim@db.kreis.example:5432/terminvergabe";
    expect(parseEnv({ DATABASE_URL: url }, tempDir()).databaseUrl).toBe(url);
    expect(parseEnv({ DATABASE_URL: "postgresql://db/terminvergabe" }, tempDir()).databaseUrl).toBe("postgresql://db/terminvergabe");
    for (const wrong of ["0", "ten", "2.5"]) expect(() => parseEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: wrong }, tempDir())).toThrow("DATABASE_POOL_MAX");
    for (const wrong of ["file:data/app.sqlite", "mysql://db/x", "db.kreis.example"]) {
      expect(() => parseEnv({ DATABASE_URL: wrong }, tempDir())).toThrow("leave it unset for the SQLite file at DATABASE_PATH");
    }
  });

  it.each([
    { source: {}, engine: "sqlite" },
    { source: { DATABASE_PATH: "/var/lib/terminvergabe/db.sqlite" }, engine: "sqlite" },
    { source: { DATABASE_URL: "" }, engine: "sqlite" },
    { source: { DATABASE_URL: "postgres://db/x" }, engine: "postgres" },
    { source: { DATABASE_URL: " POSTGRESQL://db/x" }, engine: "postgres" },
    { source: { DATABASE_URL: "file:x.sqlite" }, engine: "sqlite" },
  ])("the engine for $source is $engine", ({ source, engine }) => {
    expect(engineFrom(source)).toBe(engine);
  });

  it.each([
    { name: "a short secret", source: { ...PRODUCTION, AUTH_SECRET: "short" }, message: "at least 32 characters" },
    { name: "a mistyped mode", source: { TERMINVERGABE_MODE: "prod" }, message: "TERMINVERGABE_MODE" },
    { name: "a public URL that is not http(s)", source: { ...PRODUCTION, PUBLIC_URL: "ftp://x.de" }, message: "PUBLIC_URL" },
  ])("rejects $name", ({ source, message }) => {
    expect(() => parseEnv(source, tempDir())).toThrow(message);
  });

  it("places the clock at a configured instant that runs on from the moment it was set", () => {
    const setAt = Date.UTC(2026, 0, 1, 12, 0, 0);
    const source = { TERMINVERGABE_CLOCK: "2026-12-31T23:30:00+01:00", TERMINVERGABE_CLOCK_SET_AT: String(setAt) };
    expect(clockOffsetFrom(source, setAt + 5_000)).toBe(Date.parse("2026-12-31T22:30:00Z") - setAt);
    // Without the moment, the clock starts at the configured instant when it is read.
    expect(clockOffsetFrom({ TERMINVERGABE_CLOCK: "2026-12-31T22:30:00Z" }, setAt)).toBe(Date.parse("2026-12-31T22:30:00Z") - setAt);
    expect(clockOffsetFrom({}, setAt)).toBe(0);
    expect(() => clockOffsetFrom({ TERMINVERGABE_CLOCK: "31.12.2026" }, setAt)).toThrow(ConfigurationError);
    expect(() => parseEnv({ TERMINVERGABE_CLOCK: "2026-12-31" }, tempDir())).toThrow("TERMINVERGABE_CLOCK");
    expect(() => parseEnv(source, tempDir())).not.toThrow();
  });

  it("refuses a configured clock in production", () => {
    expect(() => parseEnv({ ...PRODUCTION, TERMINVERGABE_CLOCK: "2026-12-31T09:00:00+01:00" }, tempDir())).toThrow(
      "TERMINVERGABE_CLOCK must not be set",
    );
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, parseEnv } from "./env";

const directories: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-env-sso-"));
  directories.push(dir);
  return dir;
};
afterEach(() => directories.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PRODUCTION = {
  TERMINVERGABE_MODE: "production",
  AUTH_SECRET: "x".repeat(40),
  PUBLIC_URL: "https://termine.musterstadt.de",
  RESEND_API_KEY: "re_live_key",
  MAIL_FROM: "Bürgerbüro <termine@musterstadt.de>",
};
const OIDC = {
  OIDC_ISSUER: "https://login.musterstadt.de/realms/verwaltung",
  OIDC_CLIENT_ID: "terminvergabe",
  OIDC_CLIENT_SECRET: "a-client-secret-nobody-may-read",
};
const parse = (source: Record<string, string>) => parseEnv(source, tempDir());
function problemsOf(source: Record<string, string>): string[] {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("single sign-on settings", () => {
  it("are off without any OIDC variable; passwords work", () => {
    const env = parse({});
    expect(env.sso).toBeNull();
    expect(env.passwordSignIn).toBe(true);
  });

  it("take issuer, client and secret, with an optional button name", () => {
    const env = parse({ ...PRODUCTION, ...OIDC, OIDC_NAME: " Stadtverwaltung Musterstadt " });
    expect(env.sso).toEqual({ ...{ issuer: OIDC.OIDC_ISSUER, clientId: "terminvergabe", clientSecret: OIDC.OIDC_CLIENT_SECRET }, name: "Stadtverwaltung Musterstadt", roleMapping: null });
    expect(parse(OIDC).sso?.name).toBeNull();
  });

  it.each(["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const)("refuse a set without %s, in production and in the demo", (missing) => {
    for (const base of [PRODUCTION, {}]) {
      const problems = problemsOf({ ...base, ...OIDC, [missing]: "" });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`but ${missing} is not`);
    }
  });

  it("never repeat the client secret in a problem", () => {
    const problems = problemsOf({ ...PRODUCTION, ...OIDC, OIDC_ISSUER: "" });
    expect(problems.join(" ")).not.toContain(OIDC.OIDC_CLIENT_SECRET);
  });

  it("want https for the issuer in production, not in the demo", () => {
    const local = { ...OIDC, OIDC_ISSUER: "http://127.0.0.1:4140" };
    expect(problemsOf({ ...PRODUCTION, ...local })).toEqual([expect.stringContaining("OIDC_ISSUER must be an https:// address")]);
    expect(parse(local).sso?.issuer).toBe("http://127.0.0.1:4140");
    expect(problemsOf({ ...OIDC, OIDC_ISSUER: "ftp://login.musterstadt.de" })[0]).toContain("OIDC_ISSUER");
  });

  it("refuse a button name or role mapping without the provider itself", () => {
    expect(problemsOf({ OIDC_NAME: "Stadtverwaltung" })[0]).toContain("OIDC_NAME is set, but single sign-on is not");
  });

  it("list problems together with the other production problems", () => {
    const problems = problemsOf({ TERMINVERGABE_MODE: "production", OIDC_CLIENT_ID: "terminvergabe" });
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("AUTH_SECRET"), expect.stringContaining("OIDC_CLIENT_ID is set")]));
  });
});

describe("role mapping", () => {
  it("reads the claim and the comma-separated values, trimmed, empty entries dropped", () => {
    const env = parse({ ...OIDC, OIDC_ROLE_CLAIM: "groups", OIDC_ADMIN_VALUES: " tv-admin , it-admins,", OIDC_STAFF_VALUES: "tv-staff" });
    expect(env.sso?.roleMapping).toEqual({ claim: "groups", adminValues: ["tv-admin", "it-admins"], staffValues: ["tv-staff"] });
  });

  it("is fine with only one list", () => {
    expect(parse({ ...OIDC, OIDC_ROLE_CLAIM: "roles", OIDC_ADMIN_VALUES: "tv-admin" }).sso?.roleMapping).toEqual({ claim: "roles", adminValues: ["tv-admin"], staffValues: [] });
  });

  it.each([
    { name: "a claim without values", source: { OIDC_ROLE_CLAIM: "roles" }, message: "neither OIDC_ADMIN_VALUES nor OIDC_STAFF_VALUES" },
    { name: "a claim with only commas", source: { OIDC_ROLE_CLAIM: "roles", OIDC_STAFF_VALUES: " , " }, message: "neither OIDC_ADMIN_VALUES nor OIDC_STAFF_VALUES" },
    { name: "values without a claim", source: { OIDC_ADMIN_VALUES: "tv-admin" }, message: "OIDC_ROLE_CLAIM (the claim to read them from) is not" },
    { name: "a value in both lists", source: { OIDC_ROLE_CLAIM: "roles", OIDC_ADMIN_VALUES: "a,b", OIDC_STAFF_VALUES: "b" }, message: "b is in both" },
  ] as { name: string; source: Record<string, string>; message: string }[])("refuses $name", ({ source, message }) => {
    expect(problemsOf({ ...OIDC, ...source })[0]).toContain(message);
  });
});

describe("PASSWORD_SIGN_IN", () => {
  it.each([
    { value: "true", expected: true },
    { value: "false", expected: false },
    { value: " FALSE ", expected: false },
    { value: "", expected: true },
  ])("$value → $expected (with single sign-on)", ({ value, expected }) => {
    expect(parse({ ...OIDC, PASSWORD_SIGN_IN: value }).passwordSignIn).toBe(expected);
  });

  it.each(["no", "0", "off", "yes"])("refuses the ambiguous spelling %s", (value) => {
    expect(problemsOf({ ...OIDC, PASSWORD_SIGN_IN: value })[0]).toContain("PASSWORD_SIGN_IN: must be true or false");
  });

  it("refuses false without single sign-on: nobody could sign in", () => {
    for (const base of [PRODUCTION, {}]) {
      expect(problemsOf({ ...base, PASSWORD_SIGN_IN: "false" })).toEqual([expect.stringContaining("PASSWORD_SIGN_IN=false needs single sign-on")]);
    }
  });

  it("refuses false with a half-configured provider as well", () => {
    const problems = problemsOf({ ...OIDC, OIDC_CLIENT_SECRET: "", PASSWORD_SIGN_IN: "false" });
    expect(problems).toEqual([expect.stringContaining("OIDC_CLIENT_SECRET is not")]);
  });

  it("accepts false in production with a complete provider", () => {
    const env = parse({ ...PRODUCTION, ...OIDC, PASSWORD_SIGN_IN: "false" });
    expect(env.passwordSignIn).toBe(false);
    expect(env.sso?.clientId).toBe("terminvergabe");
  });
});

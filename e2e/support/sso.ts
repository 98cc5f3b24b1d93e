import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./settings";

/**
 * Single sign-on test set-up (e2e/sso.spec.ts): real OpenID providers (oidc-provider.mjs) and app servers of the same
 * build, configured for them, on a database of their own, so nothing here changes what the other specs see.
 */

export const SSO_CLIENT = { id: "terminvergabe", secret: "e2e-sso-client-secret" };
export const SSO_NAME = "Stadtverwaltung Musterstadt";
export const ROLE_CLAIM = { claim: "roles", admin: "terminvergabe-admin", staff: "terminvergabe-staff" };

/** The provider's accounts: the login is the `sub`. */
export const IDP_ACCOUNTS = {
  "anna.admin": { claims: { email: "anna.admin@sso.musterstadt.example", email_verified: true, name: "Anna Admin", roles: [ROLE_CLAIM.admin] } },
  "bernd.neu": { claims: { email: "bernd.neu@sso.musterstadt.example", email_verified: true, name: "Bernd Neu" } },
  "clara.kurz": { claims: { email: "clara.kurz@sso.musterstadt.example", email_verified: true, name: "Clara Kurz", roles: ["offline_access"] } },
  // The provider signs her ID tokens for another application.
  "dora.fremd": { claims: { email: "dora.fremd@sso.musterstadt.example", name: "Dora Fremd", roles: [ROLE_CLAIM.admin] }, idTokenAudience: "anderer-dienst" },
} as const;

export const SSO_DATABASE = path.join(os.tmpdir(), "terminvergabe-e2e-sso", "sso.sqlite");

export type Started = { url: string; process: ChildProcess };

/** A fresh database with the demo data (demo admin and clerk with passwords), for the SSO app servers only. */
export function seedSsoDatabase(): void {
  rmSync(path.dirname(SSO_DATABASE), { recursive: true, force: true });
  mkdirSync(path.dirname(SSO_DATABASE), { recursive: true });
  const seed = spawnSync("npx", ["tsx", "--conditions=react-server", "db/seed-cli.ts"], {
    env: { ...process.env, ...E2E.appEnv, DATABASE_PATH: SSO_DATABASE },
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seeding the SSO database failed: ${seed.stderr}`);
}

/** An OpenID provider on 127.0.0.1:port; `redirectUris` are the app servers' callbacks. */
export async function startIdentityProvider(port: number, redirectUris: string[], extraEnv: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ["e2e/support/oidc-provider.mjs"], {
    env: {
      ...process.env,
      OIDC_TEST_PORT: String(port),
      OIDC_TEST_CLIENT_ID: SSO_CLIENT.id,
      OIDC_TEST_CLIENT_SECRET: SSO_CLIENT.secret,
      OIDC_TEST_REDIRECT_URIS: redirectUris.join(","),
      OIDC_TEST_ACCOUNTS: JSON.stringify(IDP_ACCOUNTS),
      ...extraEnv,
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (await fetch(`${url}/.well-known/openid-configuration`).catch(() => null))?.status ?? 0, { timeout: 20_000, intervals: [200] })
    .toBe(200);
  return { url, process: child };
}

/** A second server of the production build (like e2e/concurrency.spec.ts), on the SSO database, with `env` on top. */
export async function startSsoApp(port: number, env: Record<string, string>): Promise<Started> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("npx", ["tsx", "lib/http/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, ...E2E.appEnv, PORT: String(port), PUBLIC_URL: url, DATABASE_PATH: SSO_DATABASE, ...env },
    // Its log beside the database, to read when a test fails.
    stdio: ["ignore", openSync(path.join(path.dirname(SSO_DATABASE), `app-${port}.log`), "a"), openSync(path.join(path.dirname(SSO_DATABASE), `app-${port}.log`), "a")],
    detached: true,
  });
  await expect.poll(async () => (await fetch(`${url}/staff/login`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [250] }).toBe(200);
  return { url, process: child };
}

export function stop(started: Started | undefined, group: boolean): void {
  const pid = started?.process.pid;
  if (!pid) return;
  try {
    process.kill(group ? -pid : pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

/** The OIDC settings of an app server for a provider at `issuer`, with role mapping unless `roleMapping` is false. */
export function oidcEnv(issuer: string, options: { roleMapping?: boolean; passwordSignIn?: boolean } = {}): Record<string, string> {
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: SSO_CLIENT.id,
    OIDC_CLIENT_SECRET: SSO_CLIENT.secret,
    OIDC_NAME: SSO_NAME,
    ...(options.roleMapping === false ? {} : { OIDC_ROLE_CLAIM: ROLE_CLAIM.claim, OIDC_ADMIN_VALUES: ROLE_CLAIM.admin, OIDC_STAFF_VALUES: ROLE_CLAIM.staff }),
    PASSWORD_SIGN_IN: options.passwordSignIn === false ? "false" : "true",
  };
}

/**
 * Presses "Anmelden mit …" on the sign-in page and, if the provider asks, signs in there as `login` (or denies
 * access). Returns once the browser is back at the app.
 */
export async function signInThroughProvider(page: Page, app: string, provider: string, login: keyof typeof IDP_ACCOUNTS | { deny: true }) {
  await page.goto(`${app}/staff/login`);
  await page.getByRole("button", { name: `Anmelden mit ${SSO_NAME}` }).click();
  // Off to the provider, or (with its session still standing) straight back to the app, past the plain sign-in page.
  await page.waitForURL((url) => url.origin === provider || (url.origin === app && (url.pathname !== "/staff/login" || url.searchParams.has("error"))));
  if (new URL(page.url()).origin === provider) {
    if (typeof login === "string") {
      await page.getByLabel("Benutzername").fill(login);
      await page.getByRole("button", { name: "Beim Anmeldedienst anmelden" }).click();
    } else {
      await page.getByRole("button", { name: "Zugriff verweigern" }).click();
    }
  }
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith("/api/"));
}

/** Every host a page talked to, to prove that nothing left the machine's loopback servers. */
export function recordHosts(page: Page): Set<string> {
  const hosts = new Set<string>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "http:" || url.protocol === "https:") hosts.add(url.hostname);
  });
  return hosts;
}

function open() {
  const db = new Database(SSO_DATABASE, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  return db;
}

export type SsoAccountRow = { id: number; email: string; name: string; role: string; active: number; sso_subject: string | null; sso_access: string | null; password_hash: string | null };

export function ssoAccount(subject: string): SsoAccountRow | undefined {
  const db = open();
  try {
    return db.prepare("select id, email, name, role, active, sso_subject, sso_access, password_hash from staff_users where sso_subject = ?").get(subject) as SsoAccountRow | undefined;
  } finally {
    db.close();
  }
}

export function sessionsOf(userId: number): number {
  const db = open();
  try {
    return (db.prepare("select count(*) as n from staff_sessions where user_id = ?").get(userId) as { n: number }).n;
  } finally {
    db.close();
  }
}

export function passwordAccountId(email: string): number {
  const db = open();
  try {
    return (db.prepare("select id from staff_users where email = ? and sso_subject is null").get(email) as { id: number }).id;
  } finally {
    db.close();
  }
}

export function auditActions(entityId: number): { action: string; after: string | null }[] {
  const db = open();
  try {
    return db.prepare("select action, after from audit_log where entity_type = 'staff_user' and entity_id = ? order by id").all(String(entityId)) as { action: string; after: string | null }[];
  } finally {
    db.close();
  }
}

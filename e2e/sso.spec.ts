import { expect, request as apiRequest, test, type APIResponse, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { E2E } from "./support/settings";
import { DEMO_ADMIN } from "./support/staff";
import {
  auditActions,
  oidcEnv,
  passwordAccountId,
  recordHosts,
  seedSsoDatabase,
  sessionsOf,
  signInThroughProvider,
  ssoAccount,
  SSO_NAME,
  startIdentityProvider,
  startSsoApp,
  stop,
  type Started,
} from "./support/sso";

/**
 * Staff single sign-on through OpenID Connect, against a real OpenID provider on loopback (e2e/support/oidc-provider.mjs).
 * Two more servers of the same build run on a database of their own:
 * - SSO_APP: single sign-on with role mapping (claim `roles`) next to the password sign-in;
 * - SSO_ONLY_APP: PASSWORD_SIGN_IN=false, with a provider whose clock runs ten minutes slow and whose ID tokens live
 *   one minute, so every token it issues has expired when the app receives it.
 * Every page may talk to 127.0.0.1 only.
 */
const SSO_APP_PORT = E2E.appPort + 30;
const SSO_ONLY_APP_PORT = E2E.appPort + 31;
const IDP_PORT = E2E.appPort + 40;
const SLOW_IDP_PORT = E2E.appPort + 41;
const SSO_APP = `http://127.0.0.1:${SSO_APP_PORT}`;
const SSO_ONLY_APP = `http://127.0.0.1:${SSO_ONLY_APP_PORT}`;

let idp: Started;
let slowIdp: Started;
let ssoApp: Started;
let ssoOnlyApp: Started;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  seedSsoDatabase();
  [idp, slowIdp] = await Promise.all([
    startIdentityProvider(IDP_PORT, [`${SSO_APP}/api/auth/callback/oidc`]),
    startIdentityProvider(SLOW_IDP_PORT, [`${SSO_ONLY_APP}/api/auth/callback/oidc`], { OIDC_TEST_CLOCK_OFFSET_SECONDS: "-600", OIDC_TEST_ID_TOKEN_TTL: "60" }),
  ]);
  [ssoApp, ssoOnlyApp] = await Promise.all([
    startSsoApp(SSO_APP_PORT, oidcEnv(idp.url)),
    startSsoApp(SSO_ONLY_APP_PORT, oidcEnv(slowIdp.url, { passwordSignIn: false })),
  ]);
});

test.afterAll(() => {
  stop(ssoApp, true);
  stop(ssoOnlyApp, true);
  stop(idp, false);
  stop(slowIdp, false);
});

const contexts: BrowserContext[] = [];
async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  return { page, hosts: recordHosts(page) };
}
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** The sign-in page's messages are notices; Next.js's route announcer is an alert too, so look for the text. */
const notice = (page: Page, text: string | RegExp) => page.locator(".notice").filter({ hasText: text });

test.describe("single sign-on", () => {
  test("an administrator signs in with the role from the claim and reaches the admin pages", async ({ browser }) => {
    const { page, hosts } = await newPage(browser);
    await page.goto(`${SSO_APP}/staff/login`);
    await expect(page.getByRole("button", { name: `Anmelden mit ${SSO_NAME}` })).toBeVisible();
    await expect(page.getByLabel("Passwort", { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, "sign-in page with single sign-on and password");

    await signInThroughProvider(page, SSO_APP, idp.url, "anna.admin");
    await expect(page).toHaveURL(`${SSO_APP}/staff`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Tagesansicht");
    await expect(page.getByText("Angemeldet als Anna Admin (Administration)")).toBeVisible();
    await page.goto(`${SSO_APP}/staff/admin/konten`);
    await expect(page.getByRole("heading", { level: 1, name: "Konten" })).toBeVisible();

    const account = ssoAccount("anna.admin")!;
    expect(account).toMatchObject({ role: "admin", active: 1, sso_access: "claim", password_hash: null, email: "anna.admin@sso.musterstadt.example" });
    expect(sessionsOf(account.id)).toBe(1);
    expect(auditActions(account.id)).toEqual(
      expect.arrayContaining([{ action: "staff.sso_create", after: expect.any(String) }, { action: "staff.sign_in", after: JSON.stringify({ method: "oidc" }) }]),
    );
    // The account page offers no password form for an account without a password.
    await page.getByRole("link", { name: /Verwalten – Anna Admin/ }).click();
    await expect(page.getByText("über den Anmeldedienst (Single Sign-On)")).toBeVisible();
    await expect(page.getByRole("button", { name: "Passwort setzen" })).toHaveCount(0);
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });

  test("a person without a role waits for approval; after an admin approves (without JavaScript), they sign in", async ({ browser }) => {
    const { page: bernd, hosts } = await newPage(browser);
    await signInThroughProvider(bernd, SSO_APP, idp.url, "bernd.neu");
    await expect(bernd).toHaveURL(`${SSO_APP}/staff/login?error=account_created`);
    await expect(notice(bernd, "Ihr Konto wurde angelegt und wartet auf Freigabe durch die Administration.")).toBeVisible();
    expect(ssoAccount("bernd.neu")).toMatchObject({ active: 0, sso_access: "pending" });
    await bernd.goto(`${SSO_APP}/staff`);
    await expect(bernd).toHaveURL(/\/staff\/login\?weiter=/);

    // Trying again before approval: still waiting, nothing new.
    await signInThroughProvider(bernd, SSO_APP, idp.url, "bernd.neu");
    await expect(notice(bernd, "Ihr Konto wartet noch auf Freigabe durch die Administration.")).toBeVisible();

    // The demo admin signs in with a password on the same server, without JavaScript.
    const { page: admin } = await newPage(browser, { javaScriptEnabled: false });
    await admin.goto(`${SSO_APP}/staff/login`);
    await admin.getByLabel("E-Mail-Adresse", { exact: true }).fill(DEMO_ADMIN.email);
    await admin.getByLabel("Passwort", { exact: true }).fill(DEMO_ADMIN.password);
    await admin.getByRole("button", { name: "Anmelden", exact: true }).click();
    await expect(admin).toHaveURL(`${SSO_APP}/staff`);
    await admin.goto(`${SSO_APP}/staff/admin/konten`);
    const waiting = admin.getByRole("region", { name: /warte[nt] auf Freigabe/ });
    await expect(waiting).toContainText("Bernd Neu");
    await waiting.getByRole("button", { name: "Freigeben als Mitarbeitende – Bernd Neu" }).click();
    await expect(admin).toHaveURL(/\/staff\/admin\/konten\/\d+\?erledigt=freigegeben$/);
    await expect(admin.getByText("Das Konto ist freigegeben.")).toBeVisible();
    expect(ssoAccount("bernd.neu")).toMatchObject({ active: 1, role: "staff", sso_access: "admin" });

    // Bernd's provider session still stands: one click and he is in.
    await signInThroughProvider(bernd, SSO_APP, idp.url, "bernd.neu");
    await expect(bernd).toHaveURL(`${SSO_APP}/staff`);
    await expect(bernd.getByText("Angemeldet als Bernd Neu (Mitarbeitende)")).toBeVisible();
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });

  test("an admin rejects a waiting account; the request is deleted", async ({ browser }) => {
    const { page: clara } = await newPage(browser);
    await signInThroughProvider(clara, SSO_APP, idp.url, "clara.kurz");
    await expect(notice(clara, "wartet auf Freigabe")).toBeVisible();
    const claraId = ssoAccount("clara.kurz")!.id;

    const { page: admin } = await newPage(browser);
    await admin.goto(`${SSO_APP}/staff/login`);
    await admin.getByLabel("E-Mail-Adresse", { exact: true }).fill(DEMO_ADMIN.email);
    await admin.getByLabel("Passwort", { exact: true }).fill(DEMO_ADMIN.password);
    await admin.getByRole("button", { name: "Anmelden", exact: true }).click();
    await expect(admin).toHaveURL(`${SSO_APP}/staff`);
    await admin.goto(`${SSO_APP}/staff/admin/konten`);
    await expect(admin.getByRole("region", { name: /warte[nt] auf Freigabe/ })).toContainText("Clara Kurz");
    await expect(admin.getByRole("row").filter({ hasText: "Clara Kurz" })).toContainText("wartet auf Freigabe");
    await expectNoAxeViolations(admin, "accounts page with a waiting account");
    await admin.getByRole("button", { name: "Ablehnen – Clara Kurz" }).click();
    await expect(admin).toHaveURL(`${SSO_APP}/staff/admin/konten?erledigt=abgelehnt`);
    await expect(admin.getByText("Die Anfrage ist abgelehnt und gelöscht.")).toBeVisible();
    expect(ssoAccount("clara.kurz")).toBeUndefined();
    expect(auditActions(claraId).map((entry) => entry.action)).toEqual(["staff.sso_create", "staff.sso_reject"]);
  });

  test("an ID token issued for another audience is refused", async ({ browser }) => {
    const { page, hosts } = await newPage(browser);
    await signInThroughProvider(page, SSO_APP, idp.url, "dora.fremd");
    await expect(page).toHaveURL(`${SSO_APP}/staff/login?error=Configuration`);
    await expect(notice(page, "Die Anmeldung konnte nicht bestätigt werden")).toBeVisible();
    await expect(page.locator("main")).not.toContainText(/\baud\b|OAUTH|Configuration|anderer-dienst/);
    expect(ssoAccount("dora.fremd")).toBeUndefined();
    await page.goto(`${SSO_APP}/staff`);
    await expect(page).toHaveURL(/\/staff\/login\?weiter=/);
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });

  test("denied access at the provider comes back as a calm message", async ({ browser }) => {
    const { page } = await newPage(browser);
    await signInThroughProvider(page, SSO_APP, idp.url, { deny: true });
    await expect(page).toHaveURL(`${SSO_APP}/staff/login?error=OAuthCallbackError`);
    await expect(notice(page, "Die Anmeldung wurde beim Anmeldedienst abgebrochen oder abgelehnt.")).toBeVisible();
    await expect(page.locator("main")).not.toContainText(/access_denied|denied access/);
  });

  test("single sign-on works without JavaScript", async ({ browser }) => {
    // Needs the sign-in page's Content-Security-Policy to allow the form's redirect to the provider (form-action).
    const { page } = await newPage(browser, { javaScriptEnabled: false });
    await signInThroughProvider(page, SSO_APP, idp.url, "anna.admin");
    await expect(page).toHaveURL(`${SSO_APP}/staff`);
    await expect(page.getByText("Angemeldet als Anna Admin (Administration)")).toBeVisible();
  });
});

test.describe("password sign-in switched off (PASSWORD_SIGN_IN=false)", () => {
  test("the sign-in page has no password form", async ({ browser }) => {
    const { page } = await newPage(browser);
    await page.goto(`${SSO_ONLY_APP}/staff/login`);
    await expect(page.getByRole("button", { name: `Anmelden mit ${SSO_NAME}` })).toBeVisible();
    await expect(page.getByText("Melden Sie sich über den Anmeldedienst Ihrer Verwaltung an.")).toBeVisible();
    await expect(page.getByLabel("Passwort", { exact: true })).toHaveCount(0);
    await expect(page.getByLabel("E-Mail-Adresse", { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page, "sign-in page with single sign-on only");
  });

  test("a password post is refused: through the sign-in action and at Auth.js's routes", async () => {
    const api = await apiRequest.newContext();
    try {
      // The password form's fields as the build renders them (the same build runs both servers, so the action is the
      // same): posted to the server with passwords on, they sign the demo admin in...
      const html = await (await api.get(`${SSO_APP}/staff/login`)).text();
      const form = passwordFormFields(html);
      expect(Object.keys(form).some((name) => name.startsWith("$ACTION"))).toBe(true);
      const adminId = passwordAccountId(DEMO_ADMIN.email);
      const before = sessionsOf(adminId);
      const post = (base: string) =>
        api.post(`${base}/staff/login`, { multipart: { ...form, email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }, headers: { origin: base }, maxRedirects: 0 });
      const allowed = await post(SSO_APP);
      expect(allowed.status()).toBe(303);
      expect(setCookies(allowed).some((cookie) => cookie.startsWith("authjs.session-token="))).toBe(true);
      expect(sessionsOf(adminId)).toBe(before + 1);

      // ... and to the server with passwords off, they do nothing. (Without the cookie just set: cookies are shared
      // across ports, and both servers know that session.)
      await api.clearCookies();
      const refused = await post(SSO_ONLY_APP);
      expect(refused.status()).toBeLessThan(300);
      expect(setCookies(refused).some((cookie) => cookie.startsWith("authjs.session-token="))).toBe(false);
      expect(sessionsOf(adminId)).toBe(before + 1);

      // Auth.js's own endpoints are closed, all but the single sign-on callback.
      expect((await api.post(`${SSO_ONLY_APP}/api/auth/callback/credentials`, { form: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }, maxRedirects: 0 })).status()).toBe(404);
      for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/signin", "/api/auth/providers"]) {
        expect((await api.get(`${SSO_ONLY_APP}${path}`, { maxRedirects: 0 })).status(), path).toBe(404);
      }
    } finally {
      await api.dispose();
    }
  });

  test("an expired ID token is refused", async ({ browser }) => {
    const { page, hosts } = await newPage(browser);
    await signInThroughProvider(page, SSO_ONLY_APP, slowIdp.url, "anna.admin");
    await expect(page).toHaveURL(`${SSO_ONLY_APP}/staff/login?error=Configuration`);
    await expect(notice(page, "Die Anmeldung konnte nicht bestätigt werden")).toBeVisible();
    await expect(page.locator("main")).not.toContainText(/\bexp\b|OAUTH|Configuration/);
    await page.goto(`${SSO_ONLY_APP}/staff`);
    await expect(page).toHaveURL(/\/staff\/login\?weiter=/);
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });
});

function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value);
}

/** The hidden React fields of the form that holds the password input, HTML entities decoded. */
function passwordFormFields(html: string): Record<string, string> {
  const form = html.split("<form").find((part) => part.includes('name="password"'));
  if (!form) throw new Error("no password form on the page");
  const decode = (value: string) =>
    value.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const fields: Record<string, string> = {};
  for (const [input] of form.split("</form>")[0]!.matchAll(/<input[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (!name?.startsWith("$ACTION") && name !== "weiter") continue;
    fields[decode(name!)] = decode(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? "");
  }
  return fields;
}

import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { ADMIN_ACCOUNT, signIn, staffAccountByEmail, STAFF_ACCOUNT, uniqueStaffEmail } from "./support/admin";
import { E2E } from "./support/settings";

/**
 * Administration is for admins only, and not just in the navigation: every admin page, the CSV export and the admin
 * server actions check the session and role on the server. The actions are called directly here, with the fields a
 * real form carries, from contexts that must be refused.
 */

const ADMIN_PAGES = ["/staff/admin/konten", "/staff/admin/protokoll", "/staff/admin/statistik", "/staff/admin/statistik?von=2026-01-01&bis=2026-01-31"];
const EXPORT = "/staff/admin/statistik/export?von=2026-01-01&bis=2026-01-31&standort=alle";

async function signedInContext(browser: Browser, account: { email: string; password: string }, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ baseURL: E2E.baseUrl, ...options });
  const page = await context.newPage();
  await signIn(page, account.email, account.password);
  return { context, page };
}

/** A posted form the way a browser without JavaScript sends it: multipart, same-origin, redirects not followed. */
function postForm(request: APIRequestContext, url: string, fields: Record<string, string>) {
  return request.post(url, { multipart: fields, headers: { Origin: E2E.baseUrl }, maxRedirects: 0 });
}

test.describe("admin pages", () => {
  test("send anonymous visitors to the sign-in page", async ({ page }) => {
    const adminId = staffAccountByEmail(ADMIN_ACCOUNT.email)!.id;
    for (const path of [...ADMIN_PAGES, `/staff/admin/konten/${adminId}`]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/staff\/login\?weiter=/);
    }
  });

  test("answer 403 to signed-in staff without the admin role", async ({ browser }) => {
    const { context, page } = await signedInContext(browser, STAFF_ACCOUNT);
    const adminId = staffAccountByEmail(ADMIN_ACCOUNT.email)!.id;
    for (const path of [...ADMIN_PAGES, `/staff/admin/konten/${adminId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Keine Berechtigung" })).toBeVisible();
      // Nothing of the admin page leaks into the refusal.
      await expect(page.getByText(ADMIN_ACCOUNT.email)).toHaveCount(0);
    }
    await context.close();
  });

  test("open for admins", async ({ browser }) => {
    const { context, page } = await signedInContext(browser, ADMIN_ACCOUNT);
    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
    }
    await context.close();
  });
});

test.describe("statistics CSV export", () => {
  test("sends signed-out visitors to the sign-in page, answers 403 to staff and a German Excel CSV to admins", async ({ browser, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: E2E.baseUrl });
    const signedOut = await anonymous.get(EXPORT, { maxRedirects: 0 });
    // Turned away before the route runs: to the sign-in page, with nothing of the report.
    expect(signedOut.status()).toBe(307);
    expect(signedOut.headers()["location"]).toMatch(/\/staff\/login\?weiter=/);
    expect(await signedOut.text()).not.toContain(";");
    await anonymous.dispose();

    const staff = await signedInContext(browser, STAFF_ACCOUNT);
    const refused = await staff.context.request.get(EXPORT, { maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).not.toContain("text/csv");
    await staff.context.close();

    const admin = await signedInContext(browser, ADMIN_ACCOUNT);
    const response = await admin.context.request.get(EXPORT, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toContain('filename="statistik_2026-01-01_2026-01-31.csv"');
    const body = await response.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString("utf8");
    expect(text).toContain("Zeitraum;01.01.2026;31.01.2026");
    expect(text).toContain("Anliegen;Termine;Anzahl");
    await admin.context.close();
  });
});

test.describe("admin server actions called directly", () => {
  let admin: { context: BrowserContext; fields: Record<string, string>; actionUrl: string };

  test.beforeAll(async ({ browser }) => {
    // Without JavaScript, React renders the server action's identity into the form as hidden fields; that is all an
    // attacker needs to call the action, so it is what these tests send.
    const { context, page } = await signedInContext(browser, ADMIN_ACCOUNT, { javaScriptEnabled: false });
    await page.goto("/staff/admin/konten");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Konto anlegen" }) });
    await expect(form).toHaveCount(1);
    const fields = await form.evaluate((element) =>
      Object.fromEntries([...new FormData(element as HTMLFormElement)].map(([key, value]) => [key, String(value)])),
    );
    expect(Object.keys(fields).some((key) => key.startsWith("$ACTION"))).toBe(true);
    const action = await form.getAttribute("action");
    const actionUrl = new URL(action && !action.startsWith("javascript:") ? action : "/staff/admin/konten", page.url()).toString();
    admin = { context, fields, actionUrl };
  });

  test.afterAll(async () => {
    await admin?.context.close();
  });

  const newAccount = (fields: Record<string, string>, email: string) => ({
    ...fields,
    email,
    name: "Eingeschleust Person",
    role: "admin",
    password: "ein-langes-Passwort-2026",
    passwordConfirm: "ein-langes-Passwort-2026",
  });

  test("refuse anonymous callers: no account is created", async ({ playwright }) => {
    const email = uniqueStaffEmail("anonym");
    const anonymous = await playwright.request.newContext({ baseURL: E2E.baseUrl });
    const response = await postForm(anonymous, admin.actionUrl, newAccount(admin.fields, email));
    expect(response.status()).toBeLessThan(500);
    expect(response.headers()["location"] ?? "").not.toMatch(/\/staff\/admin\/konten\/\d+/);
    await anonymous.dispose();
    expect(staffAccountByEmail(email)).toBeUndefined();
  });

  test("refuse signed-in staff without the admin role: no account is created", async ({ browser }) => {
    const email = uniqueStaffEmail("sachbearbeitung");
    const staff = await signedInContext(browser, STAFF_ACCOUNT);
    const response = await postForm(staff.context.request, admin.actionUrl, newAccount(admin.fields, email));
    expect(response.status()).toBeLessThan(500);
    expect(response.headers()["location"] ?? "").not.toMatch(/\/staff\/admin\/konten\/\d+/);
    await staff.context.close();
    expect(staffAccountByEmail(email)).toBeUndefined();
  });

  test("accept the same request from an admin (so the refusals above are real)", async () => {
    const email = uniqueStaffEmail("zulaessig");
    const response = await postForm(admin.context.request, admin.actionUrl, newAccount(admin.fields, email));
    expect(response.status()).toBeLessThan(400);
    await expect.poll(() => staffAccountByEmail(email)).toMatchObject({ email, role: "admin", active: 1 });
  });
});

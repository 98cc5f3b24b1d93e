import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ADMIN_ACCOUNT, signIn, STAFF_ACCOUNT, staffAccountByEmail } from "./support/admin";
import { offeredDay } from "./support/availability";
import { idOf, insertApiKey, insertBooking } from "./support/db";
import { E2E } from "./support/settings";
import { staffRoutes } from "./support/staff-routes";

/**
 * Every route of the staff area, found in the file tree (a page or route handler added later is covered without
 * editing this test), requested as an anonymous client in every way the App Router can be asked (a plain request, a
 * React Server Components request, one with a forged router state that claims the layout is already loaded, a HEAD,
 * and a server-action POST): never a 2xx, never a citizen's or a colleague's personal data. The same routes as staff
 * and as an admin show that the refusals are real.
 */

const CITIZEN = { name: "Crawlina Geheimnis", email: "crawl-geheim@example.org", phone: "0151 99887766" };
const ADMIN_NAME_AND_EMAIL = [ADMIN_ACCOUNT.email, "Alex Admin"];

let bookingId: number;
let bookingDate: string;
let apiKeyId: number;
const recordIds: Record<string, () => number> = {
  "/staff/termine/[id]": () => bookingId,
  "/staff/admin/anliegen/[id]": () => idOf("concerns", "personalausweis"),
  "/staff/admin/anliegen/kategorien/[id]": () => 1,
  "/staff/admin/anliegen/unterlagen/[id]": () => 1,
  "/staff/admin/anliegen/formulare/[id]": () => 1,
  "/staff/admin/standorte/[id]": () => idOf("locations", "rathaus"),
  "/staff/admin/konten/[id]": () => staffAccountByEmail(ADMIN_ACCOUNT.email)!.id,
  "/staff/admin/api-schluessel/[id]": () => apiKeyId,
};
/** Query strings that make a page show the seeded citizen, so a leak would be visible. */
const queries: Record<string, () => string> = {
  "/staff": () => `?standort=rathaus&datum=${bookingDate}`,
  "/staff/tagesliste": () => `?standort=rathaus&datum=${bookingDate}`,
  "/staff/woche": () => `?standort=rathaus&datum=${bookingDate}`,
  "/staff/suche": () => "?q=Crawlina",
  // Removing the seeded capacity window: the page lists the bookings it would strand.
  "/staff/kapazitaet/aendern": () => "?regel=fenster&id=1",
  "/staff/admin/protokoll": () => "",
};

/** A concrete URL for a route: ids for dynamic segments from the table above; a new dynamic route must be added. */
function urlFor(route: string): string {
  const pattern = route.replace(/\/(neu|absagen|verschieben)$/, "");
  let url = route;
  if (route.includes("[")) {
    const key = Object.keys(recordIds).find((k) => pattern === k || route === k || route.startsWith(`${k}/`));
    expect(key, `no record id for the dynamic route ${route}: add one to recordIds`).toBeDefined();
    url = route.replace(/\[[^\]]+\]/, String(recordIds[key!]!()));
  }
  return url + (queries[route]?.() ?? "");
}

/** What the App Router would be told by a client that claims to have the staff layout already. */
const FORGED_ROUTER_STATE = encodeURIComponent(
  JSON.stringify(["", { children: ["staff", { children: ["(area)", { children: ["__PAGE__", {}, null, null] }, null, null] }, null, null] }, null, null]),
);

const ANONYMOUS_VARIANTS: { name: string; method: "GET" | "HEAD" | "POST"; headers: Record<string, string> }[] = [
  { name: "plain", method: "GET", headers: {} },
  { name: "RSC", method: "GET", headers: { RSC: "1" } },
  { name: "RSC with a forged router state", method: "GET", headers: { RSC: "1", "Next-Router-State-Tree": FORGED_ROUTER_STATE, "Next-Url": "/staff" } },
  { name: "prefetch", method: "GET", headers: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-State-Tree": FORGED_ROUTER_STATE } },
  { name: "HEAD", method: "HEAD", headers: {} },
  { name: "server action", method: "POST", headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8", Origin: E2E.baseUrl } },
];

function expectNoPersonalData(body: string, where: string) {
  for (const secret of [CITIZEN.name, CITIZEN.email, CITIZEN.phone, ...ADMIN_NAME_AND_EMAIL, STAFF_ACCOUNT.email, "Sam Sachbearbeitung"]) {
    expect(body.includes(secret), `${where} contains "${secret}"`).toBe(false);
  }
}

async function signedInRequest(browser: Browser, account: { email: string; password: string }): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: E2E.baseUrl });
  const page = await context.newPage();
  await signIn(page, account.email, account.password);
  return { request: context.request, close: () => context.close() };
}

test.describe("the staff area, route by route", () => {
  const routes = staffRoutes();

  test.beforeAll(async () => {
    const { date, slots } = await offeredDay({ location: "rathaus", concerns: "meldebescheinigung:1", minSlots: 2 });
    bookingDate = date;
    apiKeyId = (await insertApiKey("Crawl-Portal")).id;
    bookingId = insertBooking({ locationSlug: "rathaus", concernSlug: "meldebescheinigung", startsAt: new Date(slots[1]!.start), minutes: 10, ...CITIZEN }).id;
  });

  test("finds the staff routes in the file tree", () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes).toContain("/staff/termine/[id]");
    expect(routes).toContain("/staff/admin/statistik/export");
  });

  test("answers anonymous clients with no 2xx and no personal data, however they ask", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: E2E.baseUrl });
    for (const route of routes) {
      const url = urlFor(route);
      for (const variant of ANONYMOUS_VARIANTS) {
        const response = await anonymous.fetch(url, { method: variant.method, headers: variant.headers, maxRedirects: 0, data: variant.method === "POST" ? "[]" : undefined });
        const where = `${variant.name} ${variant.method} ${url}`;
        expect(response.status(), where).not.toBeLessThan(300);
        expect(response.status(), where).toBeLessThan(500);
        if (response.status() >= 300 && response.status() < 400 && variant.method !== "POST") {
          expect(response.headers()["location"], where).toMatch(/\/staff\/login\?weiter=/);
        }
        expectNoPersonalData(await response.text(), where);
        // Wherever the answer leads (Next.js may first redirect an RSC request to add its cache-busting parameter).
        if (variant.method !== "POST") {
          const followed = await anonymous.fetch(url, { method: variant.method, headers: variant.headers });
          expectNoPersonalData(await followed.text(), `${where}, redirects followed`);
        }
      }
    }
    await anonymous.dispose();
  });

  test("lets staff in, but not into the administration", async ({ browser }) => {
    const staff = await signedInRequest(browser, STAFF_ACCOUNT);
    for (const route of routes) {
      const url = urlFor(route);
      const isAdmin = route.startsWith("/staff/admin");
      for (const headers of [{}, { RSC: "1", "Next-Router-State-Tree": FORGED_ROUTER_STATE }] as Record<string, string>[]) {
        // Redirects are followed: Next.js sends an RSC request without its cache-busting parameter there first.
        const response = await staff.request.get(url, { headers });
        const where = `${JSON.stringify(headers)} ${url}`;
        if (isAdmin) {
          const body = await response.text();
          // A page request gets 403; an RSC request may already be streaming (200) and carries the 403 inside.
          if (!headers.RSC || response.status() === 403) expect(response.status(), where).toBe(403);
          else expect(body, where).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
          for (const secret of ADMIN_NAME_AND_EMAIL) expect(body.includes(secret), `${where} contains "${secret}"`).toBe(false);
        } else {
          expect(response.status(), where).toBe(200);
        }
      }
    }
    // The control: the pages that list the citizen do show them to staff.
    expect(await (await staff.request.get(urlFor("/staff"))).text()).toContain(CITIZEN.name);
    expect(await (await staff.request.get(urlFor("/staff/termine/[id]"))).text()).toContain(CITIZEN.email);
    await staff.close();
  });

  test("opens everything to an admin", async ({ browser }) => {
    const admin = await signedInRequest(browser, ADMIN_ACCOUNT);
    for (const route of routes) {
      const response = await admin.request.get(urlFor(route), { maxRedirects: 0 });
      expect(response.status(), route).toBe(200);
    }
    expect(await (await admin.request.get(urlFor("/staff/admin/konten/[id]"))).text()).toContain(ADMIN_ACCOUNT.email);
    await admin.close();
  });
});

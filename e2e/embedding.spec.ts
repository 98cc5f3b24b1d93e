import { createServer, type Server } from "node:http";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_ACCOUNT, signIn } from "./support/admin";
import { E2E } from "./support/settings";

/**
 * The town's website leading to the booking: a link that preselects a concern and a location, and the booking pages
 * inside the website's iframe once an administrator has allowed that site (frame-ancestors). The "town website" is a
 * page served from another port: another origin, as a browser sees it.
 */
const TOWN_PORT = E2E.appPort + 70;
const TOWN = `http://127.0.0.1:${TOWN_PORT}`;
const DEEP_LINK = "/termin?anliegen=reisepass&standort=rathaus";

let town: Server;

test.beforeAll(async () => {
  town = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="de"><title>Stadt Musterstadt – Reisepass</title>
      <h1>Reisepass</h1><iframe title="Terminbuchung" src="${E2E.baseUrl}${DEEP_LINK}" width="900" height="700"></iframe>`);
  });
  await new Promise<void>((resolve) => town.listen(TOWN_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => town.close(resolve));
});

async function setFrameAncestors(browser: Browser, value: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
  await page.goto("/staff/admin/einstellungen");
  await page.getByLabel("Websites, die die Buchung einbetten dürfen").fill(value);
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await expect(page).toHaveURL(/hinweis=gespeichert/);
  await context.close();
}

/** The booking page in the town's iframe, or null when the browser refused to show it there. */
async function framedBooking(page: Page) {
  await page.goto(TOWN);
  const frame = page.frameLocator("iframe");
  const shown = await frame
    .getByRole("heading", { level: 1 })
    .waitFor({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  return shown ? frame : null;
}

test("a link from the town's website preselects the concern and the location", async ({ page }) => {
  await page.goto(DEEP_LINK);
  await expect(page.getByRole("checkbox", { name: "Reisepass beantragen" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Personalausweis beantragen" })).not.toBeChecked();
  await page.getByRole("button", { name: "Weiter" }).click();
  // The location came with the link: straight to the day.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("An welchem Tag möchten Sie kommen?");
  expect(new URL(page.url()).searchParams.get("standort")).toBe("rathaus");
});

test("the booking pages may be framed only by the sites an administrator allowed, the staff area never", async ({ browser, page, request }) => {
  // Out of the box: nobody may frame them.
  const closed = await request.get(DEEP_LINK);
  expect(closed.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(closed.headers()["x-frame-options"]).toBe("DENY");
  expect(await framedBooking(page)).toBeNull();

  await setFrameAncestors(browser, `${TOWN}\nhttps://www.musterstadt.de`);
  try {
    const open = await request.get(DEEP_LINK);
    expect(open.headers()["content-security-policy"]).toMatch(new RegExp(`frame-ancestors ${TOWN} https://www\\.musterstadt\\.de($|;)`));
    expect(open.headers()["x-frame-options"]).toBeUndefined();
    const frame = await framedBooking(page);
    expect(frame, "the booking page inside the town's iframe").not.toBeNull();
    await expect(frame!.getByRole("checkbox", { name: "Reisepass beantragen" })).toBeChecked();
    await frame!.getByRole("button", { name: "Weiter" }).click();
    await expect(frame!.getByRole("heading", { level: 1 })).toHaveText("An welchem Tag möchten Sie kommen?");

    // The staff area stays unframeable whatever the setting says.
    const staff = await request.get("/staff/login");
    expect(staff.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(staff.headers()["x-frame-options"]).toBe("DENY");
  } finally {
    await setFrameAncestors(browser, "");
  }
  expect((await request.get(DEEP_LINK)).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("an entry that is not a plain web address is refused and changes nothing", async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
  await page.goto("/staff/admin/einstellungen");
  await page.getByLabel("Websites, die die Buchung einbetten dürfen").fill("https://www.musterstadt.de; script-src *");
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await expect(page.getByRole("heading", { name: "Es gibt ein Problem" })).toBeVisible();
  await context.close();
  expect((await request.get(DEEP_LINK)).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

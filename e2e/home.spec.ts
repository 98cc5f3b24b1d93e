import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";

test.describe("home page", () => {
  test("shows how to book, phone, opening and walk-in hours, and passes axe", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Termine im Bürgerbüro Musterstadt" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Termin buchen" }).first()).toHaveAttribute("href", "/termin");
    await expect(page.getByRole("heading", { name: "Lieber telefonisch?" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Öffnungszeiten Bürgerbüro im Rathaus" })).toContainText("14:00–18:00 Uhr");
    await expect(page.getByRole("table", { name: "Offene Tür (ohne Termin) Bürgerbüro im Rathaus" })).toContainText("Mittwoch");
    await expect(page.getByRole("link", { name: "Datenschutz" })).toBeVisible();
    await expectNoAxeViolations(page, "home page");
  });

  test("switches to English and back without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: /English/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Appointments at the Bürgerbüro Musterstadt");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("link", { name: /Deutsch/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await context.close();
  });

  test("passes axe in English", async ({ page, context }) => {
    await context.addCookies([{ name: "lang", value: "en", url: "http://127.0.0.1:3100" }]);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Appointments at the Bürgerbüro Musterstadt");
    await expectNoAxeViolations(page, "home page in English");
  });

  test("makes no request to any other host", async ({ page }) => {
    const foreign: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") foreign.push(request.url());
    });
    await page.goto("/");
    // Give hydration and link prefetching time to issue whatever requests they would make.
    await page.waitForTimeout(1500);
    expect(foreign).toEqual([]);
    const csp = (await page.request.get("/")).headers()["content-security-policy"];
    expect(csp).toContain("default-src 'self'");
  });
});

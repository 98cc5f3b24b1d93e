import { expect, test, type Page } from "@playwright/test";
import { ADMIN_ACCOUNT, signIn } from "./support/admin";
import { expectNoAxeViolations } from "./support/axe";

/**
 * The concerns step: folded categories, a filter box (with JavaScript), the quantity shown once a concern is ticked,
 * and focus never hidden behind the sticky total with "Weiter" (WCAG 2.4.11).
 */

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Tabs from the heading through every control of the form; returns what was focused, where, and the bar's box. */
async function tabThroughForm(page: Page) {
  await page.getByRole("heading", { level: 1 }).focus();
  const stops: { name: string; box: Box; bar: Box; barSticks: boolean; insideBar: boolean }[] = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const form = document.querySelector("form.concern-form");
      const bar = document.querySelector(".sticky-total") as HTMLElement;
      if (!el || !form?.contains(el)) return null;
      const rect = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
      // A visually hidden native control (none here today) would be measured by its label.
      const shown = el.getBoundingClientRect().width > 1 ? el : ((el as HTMLInputElement).labels?.[0] ?? el);
      return {
        name: `${el.tagName.toLowerCase()}#${el.id || ""} ${(el.textContent || (el as HTMLInputElement).value || "").trim().slice(0, 40)}`,
        box: rect(shown.getBoundingClientRect()),
        bar: rect(bar.getBoundingClientRect()),
        barSticks: getComputedStyle(bar).position === "sticky",
        insideBar: bar.contains(el),
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 320, height: 640 },
]) {
  test(`no focused control is hidden behind the sticky total at ${viewport.width}×${viewport.height}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto("/termin");
    // Every category open and a concern ticked in each, so every kind of control (and the revealed quantity) is met.
    const closed = page.locator("details.concern-group:not([open]) > summary");
    while ((await closed.count()) > 0) await closed.first().click();
    for (const group of await page.locator("details.concern-group").all()) await group.getByRole("checkbox").first().check();
    const stops = await tabThroughForm(page);
    expect(stops.length, "focus stops in the form").toBeGreaterThan(30);
    expect(stops.at(-1)!.name).toContain("button");
    const covered = stops.filter((s) => !s.insideBar && overlap(s.box, s.bar) > 0);
    console.log(`${viewport.width}×${viewport.height}: ${stops.length} focus stops, bar ${stops[0]!.barSticks ? "sticky" : "not sticky"}, ${covered.length} covered`);
    expect(covered.map((s) => s.name)).toEqual([]);
    // Every focused control is in the viewport, too (not scrolled entirely out of it).
    const outside = stops.filter((s) => s.box.y + s.box.height <= 0 || s.box.y >= viewport.height);
    expect(outside.map((s) => s.name)).toEqual([]);
    await context.close();
  });
}

test("the bar sticks on a large screen and the page stays clear of it", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/termin");
  await expect(page.locator(".sticky-total")).toHaveCSS("position", "sticky");
  const small = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const phone = await small.newPage();
  await phone.goto("/termin");
  await expect(phone.locator(".sticky-total")).toHaveCSS("position", "static");
  await context.close();
  await small.close();
});

test("categories fold, the common ones open; details and quantity appear on demand", async ({ page }) => {
  await page.goto("/termin");
  const groups = page.locator("details.concern-group");
  await expect(groups).toHaveCount(4);
  await expect(groups.nth(0)).toHaveAttribute("open", "");
  await expect(groups.nth(1)).toHaveAttribute("open", "");
  await expect(groups.nth(2)).not.toHaveAttribute("open", "");
  await expect(page.getByRole("checkbox", { name: "Bewohnerparkausweis" })).toBeHidden();

  // The quantity is there only for a ticked concern.
  const passport = page.getByRole("checkbox", { name: "Reisepass beantragen" });
  const quantity = page.getByRole("combobox", { name: "Anzahl – Reisepass beantragen" });
  await expect(quantity).toBeHidden();
  await passport.check();
  await expect(quantity).toBeVisible();
  await quantity.selectOption("2");
  await expect(page.getByText("Gesamtdauer Ihres Termins: 30 Minuten")).toBeVisible();

  // Fee and documents are behind the concern's own disclosure.
  const fee = page.getByText("Gebühr: 70,00 € je Vorgang");
  await expect(fee).toBeHidden();
  await page.locator(".concern", { has: passport }).locator("summary").click();
  await expect(fee).toBeVisible();
  await expectNoAxeViolations(page, "concerns step, one concern ticked and its details open");

  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/(standort|tag)/);
  expect(new URL(page.url()).searchParams.get("anliegen")).toBe("reisepass.2");
});

test("the filter box narrows the list as you type and says how many it found", async ({ page }) => {
  await page.goto("/termin");
  const filter = page.getByRole("searchbox", { name: "Anliegen suchen" });
  await filter.fill("bewohnerpark");
  await expect(page.getByText("1 Anliegen gefunden")).toBeVisible();
  // The match lies in a folded category, which opens; the others' concerns are out of the way.
  await expect(page.getByRole("checkbox", { name: "Bewohnerparkausweis" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Personalausweis beantragen" })).toBeHidden();
  await expectNoAxeViolations(page, "concerns step, filtered");
  await page.getByRole("checkbox", { name: "Bewohnerparkausweis" }).check();

  // Enter in the box filters, it does not send the form; what is ticked stays in view under another filter.
  await filter.fill("zzzz");
  await filter.press("Enter");
  await expect(page).toHaveURL(/\/termin$/);
  await expect(page.getByText("Kein Anliegen gefunden. Versuchen Sie ein anderes Wort.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Bewohnerparkausweis" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Bewohnerparkausweis" })).toBeVisible();

  await filter.fill("");
  await expect(page.getByRole("checkbox", { name: "Personalausweis beantragen" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Bewohnerparkausweis" })).toBeChecked();
});

test("in English too", async ({ page, context }) => {
  await context.addCookies([{ name: "lang", value: "en", url: "http://127.0.0.1:3100" }]);
  await page.goto("/termin");
  await page.getByRole("searchbox", { name: "Search concerns" }).fill("passport");
  await expect(page.getByText(/^\d+ concerns? found$/)).toBeVisible();
  await page.getByRole("checkbox", { name: "Applying for a passport" }).check();
  await expect(page.getByRole("combobox", { name: "Number – Applying for a passport" })).toBeVisible();
  await expect(page.getByText("Time, fee and documents").first()).toBeVisible();
  await expectNoAxeViolations(page, "concerns step in English, filtered");
});

test("without JavaScript: the full list, no filter box, and the quantity appears once ticked", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/termin");
  await expect(page.getByRole("searchbox")).toHaveCount(0);
  // Every concern is in the page (the folded categories open with a click, no script needed).
  await expect(page.locator('input[type="checkbox"][name="anliegen"]')).toHaveCount(17);
  // No axe here: it runs as a script in the page, which this context forbids; the markup is the one scanned above.
  const quantity = page.getByRole("combobox", { name: "Anzahl – Personalausweis beantragen" });
  await expect(quantity).toBeHidden();
  await page.getByRole("checkbox", { name: "Personalausweis beantragen" }).check();
  await expect(quantity).toBeVisible();
  await quantity.selectOption("3");
  // A folded category opens without script too.
  await page.locator("details.concern-group").nth(3).locator("summary").first().click();
  await page.getByRole("checkbox", { name: "Führungszeugnis beantragen", exact: true }).check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/(standort|tag)/);
  expect(new URL(page.url()).searchParams.get("anliegen")).toBe("personalausweis.3_fuehrungszeugnis.1");
  await context.close();
});

test("which categories start open is the administration's choice, in the category form", async ({ browser }) => {
  // Contexts of their own: axe needs a page made from a context.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN_ACCOUNT.email, ADMIN_ACCOUNT.password);
  /** Ticks or unticks "open on the booking page" for one category, through the form, and checks the list says so. */
  const markOpen = async (name: string, open: boolean) => {
    await admin.goto("/staff/admin/anliegen/kategorien");
    await admin.getByRole("link", { name, exact: true }).click();
    await admin.getByRole("checkbox", { name: "Auf der Buchungsseite aufgeklappt" }).setChecked(open);
    await admin.getByRole("button", { name: "Änderungen speichern" }).click();
    await admin.waitForURL(/\/staff\/admin\/anliegen\/kategorien\?hinweis=/);
    await expect(admin.getByRole("row").filter({ has: admin.getByRole("rowheader", { name, exact: true }) }).getByRole("cell").nth(3)).toHaveText(open ? "ja" : "nein");
  };
  const citizenContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  const openGroups = async () => {
    await citizen.goto("/termin");
    return citizen.locator("details.concern-group[open] > summary h2").allTextContents();
  };
  expect(await openGroups()).toEqual(["Ausweisdokumente", "Meldewesen"]);
  try {
    await markOpen("Meldewesen", false);
    await markOpen("Kfz-Zulassung", true);
    expect(await openGroups()).toEqual(["Ausweisdokumente", "Kfz-Zulassung"]);
    await expectNoAxeViolations(admin, "category list with the open column");
  } finally {
    // Other specs count on the seeded choice.
    await markOpen("Kfz-Zulassung", false);
    await markOpen("Meldewesen", true);
  }
  expect(await openGroups()).toEqual(["Ausweisdokumente", "Meldewesen"]);
  await adminContext.close();
  await citizenContext.close();
});

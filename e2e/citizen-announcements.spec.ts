import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { bookQuickly, chooseConcerns, chooseFirstFreeDay, chooseLocationIfAsked, chooseTime, fillDetails, uniqueEmail, waitUntilFormMayBeSent } from "./support/booking";
import { fillTime } from "./support/db";
import { E2E } from "./support/settings";

/**
 * What axe cannot see: where focus goes and what is announced when a time was taken, focus under forced colours, the
 * step and errors in the title, the error summary's role and heading, and the smaller findings of issue 13.
 */

/** Presses Tab until `target` has focus (at most `limit` times): how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with the Tab key");
}

/** Up to the review page with a time that someone else then takes; returns the taken instant. */
async function reviewWithTakenTime(page: Page, email: string): Promise<Date> {
  await chooseConcerns(page, [{ name: "Beglaubigung von Kopien und Unterschriften" }]);
  await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
  await chooseFirstFreeDay(page, { minTimes: 3 });
  const value = (await page.getByRole("radio").nth(1).getAttribute("value"))!;
  await chooseTime(page, 1);
  await fillDetails(page, { name: "Jonas Beispiel", email });
  const start = new Date(`${value.slice(0, 10)}T${value.slice(11, 13)}:${value.slice(13, 15)}:00Z`);
  fillTime("rathaus", "beglaubigung", start, new Date(start.getTime() + 10 * 60_000));
  return start;
}

const takenNotice = (page: Page) => page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Diese Uhrzeit ist leider nicht mehr frei" }) });

async function expectNoticeAboveSummary(page: Page) {
  const notice = (await takenNotice(page).boundingBox())!;
  const summary = (await page.getByRole("heading", { level: 2, name: "Ihr Termin" }).boundingBox())!;
  expect(notice.y).toBeLessThan(summary.y);
}

/** The summary no longer shows the taken time as the appointment: it says so in words and points to the notice. */
async function expectTakenTimeMarked(page: Page) {
  const when = page.locator("main dt", { hasText: "Datum und Uhrzeit" }).locator("xpath=following-sibling::dd[1]");
  await expect(when).toContainText(/^Nicht mehr frei: \S+, \d+\. \S+ \d{4}, \d{1,2}[:.]\d{2}/);
  await expect(when.locator("s")).toHaveCSS("text-decoration-line", "line-through");
  await expect(when.getByRole("link", { name: "Bitte wählen Sie oben eine neue Uhrzeit" })).toHaveAttribute("href", "#time-taken");
  await expect(page.getByRole("link", { name: "Datum und Uhrzeit ändern" })).toHaveCount(0);
}

test.describe("what the citizen hears and sees", () => {
  test("a time taken while confirming: the notice is an alert at the top and has focus, the button is gone", async ({ page }) => {
    await reviewWithTakenTime(page, uniqueEmail("taken-focus"));
    await waitUntilFormMayBeSent(page);
    await page.getByRole("button", { name: "Termin verbindlich buchen" }).click();
    await expect(takenNotice(page)).toBeFocused();
    await expect(page.getByRole("button", { name: "Termin verbindlich buchen" })).toHaveCount(0);
    await expect(page.locator("body")).not.toBeFocused();
    await expectNoticeAboveSummary(page);
    await expectTakenTimeMarked(page);
    await expectNoAxeViolations(page, "review, time taken on confirming");
  });

  test("a time taken before the review page opens: the notice is focused at the top, also without JavaScript", async ({ page, browser }) => {
    await reviewWithTakenTime(page, uniqueEmail("taken-load"));
    await page.reload();
    await expect(takenNotice(page)).toBeFocused();
    await expectNoticeAboveSummary(page);
    await expectTakenTimeMarked(page);
    // The pointer leads to the notice with the nearest free times.
    await page.getByRole("link", { name: "Bitte wählen Sie oben eine neue Uhrzeit" }).click();
    await expect(takenNotice(page)).toBeFocused();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await reviewWithTakenTime(noScript, uniqueEmail("taken-nojs"));
    await noScript.reload();
    await expect(takenNotice(noScript)).toBeVisible();
    await expectNoticeAboveSummary(noScript);
    await expectTakenTimeMarked(noScript);
    await context.close();
  });

  test("links and calendar days keep a focus outline under forced colours", async ({ page }) => {
    await page.emulateMedia({ forcedColors: "active" });
    await chooseConcerns(page, [{ name: "Personalausweis beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await page.waitForURL(/\/termin\/tag/);
    const outlineOfFocused = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
    for (const target of [page.locator("a.calendar__day").first(), page.getByRole("link", { name: "Zurück" }), page.getByRole("link", { name: "Tage als Liste anzeigen" })]) {
      await tabTo(page, target);
      const outline = await outlineOfFocused();
      expect(outline.style, (await target.textContent()) ?? "").not.toBe("none");
      expect(outline.width).toBeGreaterThan(0);
    }
  });

  test("the title names the step and, with errors, starts with 'Fehler:'; the error summary is an alert with its own heading", async ({ page }) => {
    await chooseConcerns(page, [{ name: "Führungszeugnis beantragen" }]);
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await page.waitForURL(/\/termin\/tag/);
    await expect(page).toHaveTitle(/^Schritt (\d) von \d: An welchem Tag möchten Sie kommen\? – /);
    await chooseFirstFreeDay(page);
    await chooseTime(page, 0);
    await expect(page).toHaveTitle(/^Schritt \d von \d: Ihre Daten – /);

    // Neither a repeated e-mail address nor a privacy tick box; the privacy notice is a link.
    await expect(page.getByLabel("E-Mail-Adresse wiederholen")).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Datenschutzhinweisen/ })).toHaveAttribute("href", "/datenschutz");

    await page.getByRole("button", { name: "Weiter" }).click();
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { level: 2, name: "Es gibt ein Problem" }) });
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Fehler: Schritt \d von \d: Ihre Daten – /);
    const h1 = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    await expect(summary.getByRole("heading")).not.toHaveText(h1);

    await fillDetails(page, { name: "Sofia Kowalska", email: uniqueEmail("title") });
    await expect(page).toHaveTitle(/^Schritt (\d) von \1: Bitte prüfen Sie Ihre Angaben – /);
  });

  test("without JavaScript too, a form that comes back with errors puts 'Fehler:' in front of the title, in both languages", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // Concerns step, nothing ticked.
    await page.goto("/termin");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Es gibt ein Problem" })).toBeVisible();
    await expect(page).toHaveTitle(/^Fehler: Schritt 1 von \d: Welche Anliegen haben Sie\? – /);
    // Fixed: the next step's title is clean again, and the browser kept no marker.
    await page.getByRole("checkbox", { name: "Personalausweis beantragen", exact: true }).check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await expect(page).toHaveTitle(/^Schritt \d von \d: /);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain("formular-fehler");
    await chooseFirstFreeDay(page);
    await chooseTime(page, 0);
    // Details step: the e-mail address missing.
    await page.getByLabel("Vor- und Nachname").fill("Sofia Kowalska");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Es gibt ein Problem" })).toBeVisible();
    await expect(page).toHaveTitle(/^Fehler: Schritt \d von \d: Ihre Daten – /);
    // The same page fetched again, not posted: no prefix.
    await page.goto(page.url());
    await expect(page).toHaveTitle(/^Schritt \d von \d: Ihre Daten – /);
    await context.close();

    const english = await browser.newContext({ javaScriptEnabled: false });
    await english.addCookies([{ name: "lang", value: "en", url: E2E.baseUrl }]);
    const englishPage = await english.newPage();
    await englishPage.goto("/termin");
    await englishPage.getByRole("button", { name: "Continue" }).click();
    await expect(englishPage).toHaveTitle(/^Error: Step 1 of \d: What do you need to do\? – /);
    await english.close();
  });

  test("after cancelling, the manage page no longer offers to move or cancel", async ({ page }) => {
    const { manageUrl } = await bookQuickly(page, uniqueEmail("cancelled-page"));
    await expect(page.getByText(/verschieben oder absagen/).first()).toBeVisible();
    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Termin absagen" }).click();
    await page.getByRole("button", { name: "Ja, Termin absagen" }).click();
    await expect(page.getByText("Ihr Termin ist abgesagt.")).toBeVisible();
    await expect(page.getByText(/verschieben oder absagen/)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Termin ändern" })).toHaveCount(0);
    await expectNoAxeViolations(page, "manage page, cancelled");
  });

  test("at 320 px the booking steps' heading starts within the first screen, and long words hyphenate", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const h1Top = async () => (await page.getByRole("heading", { level: 1 }).boundingBox())!.y;
    await page.goto("/termin");
    expect(await h1Top()).toBeLessThan(640 - 48);
    expect(await page.getByRole("heading", { level: 1 }).evaluate((el) => [getComputedStyle(el).hyphens, el.closest("[lang]")?.getAttribute("lang")])).toEqual(["auto", "de"]);
    await page.getByRole("checkbox", { name: "Personalausweis beantragen", exact: true }).check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
    await page.waitForURL(/\/termin\/tag/);
    expect(await h1Top()).toBeLessThan(640 - 48);
    await chooseFirstFreeDay(page);
    expect(await h1Top()).toBeLessThan(640 - 48);
    await chooseTime(page, 0);
    expect(await h1Top()).toBeLessThan(640 - 48);
    await context.close();
  });

  test("the favicon and app icons answer", async ({ page, request }) => {
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toMatch(/image\//);
    await page.goto("/");
    for (const rel of ["icon", "apple-touch-icon"]) {
      const hrefs = await page.locator(`head link[rel="${rel}"]`).evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
      expect(hrefs.length, rel).toBeGreaterThan(0);
      for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
    }
  });
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { bookingByReference } from "./support/db";
import { findFreeDay, uniqueEmail, waitUntilFormMayBeSent } from "./support/booking";
import { waitForMail } from "./support/mail";

/** Presses Tab until `target` has focus (at most `limit` times): how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with the Tab key");
}

test.describe("booking accessibility", () => {
  test("books with the keyboard only, with focus moving to each new step", async ({ page }) => {
    const email = uniqueEmail("keyboard");
    await page.goto("/");
    await tabTo(page, page.getByRole("link", { name: "Termin buchen" }).first());
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/termin$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

    await tabTo(page, page.getByRole("checkbox", { name: "Ummeldung innerhalb der Stadt" }));
    await page.keyboard.press("Space");
    await expect(page.getByRole("checkbox", { name: "Ummeldung innerhalb der Stadt" })).toBeChecked();
    await tabTo(page, page.getByRole("button", { name: "Weiter" }));
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/termin\/standort/);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await tabTo(page, page.getByRole("radio").first());
    await page.keyboard.press("Space");
    await tabTo(page, page.getByRole("button", { name: "Weiter" }));
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/termin\/tag/);
    // A day with two times at least: the arrow key below moves to the second.
    await tabTo(page, await findFreeDay(page, 2));
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/termin\/uhrzeit/);
    await tabTo(page, page.getByRole("radio").first());
    // Arrow keys move within the group of times, as in any radio group.
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio").nth(1)).toBeChecked();
    await tabTo(page, page.getByRole("button", { name: "Weiter" }));
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/termin\/daten/);
    await tabTo(page, page.getByLabel("Vor- und Nachname"));
    await page.keyboard.type("Hannah Weber");
    await page.keyboard.press("Tab");
    await page.keyboard.type(email);
    await tabTo(page, page.getByRole("button", { name: "Weiter" }));
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/termin\/pruefen/);
    // The proof of work is solved in the background; nobody needs to touch it.
    await waitUntilFormMayBeSent(page);
    await tabTo(page, page.getByRole("button", { name: "Termin verbindlich buchen" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/gebucht=1/);
    await expect(page.getByRole("heading", { level: 1, name: "Ihr Termin ist gebucht" })).toBeFocused();
    const reference = (await page.locator(".reference-code").textContent())!.trim();
    expect(bookingByReference(reference)?.citizen_name).toBe("Hannah Weber");
  });

  test("books in English, with English pages, e-mail and dates", async ({ page, context }) => {
    await context.addCookies([{ name: "lang", value: "en", url: "http://127.0.0.1:3100" }]);
    const email = uniqueEmail("english");
    await page.goto("/termin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What do you need to do?");
    await page.getByRole("checkbox", { name: "Applying for an ID card" }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/termin\/(standort|tag)/);
    if (page.url().includes("standort")) {
      await page.getByRole("radio").first().check();
      await page.getByRole("button", { name: "Continue" }).click();
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Which day would you like to come?");
    await expectNoAxeViolations(page, "day step in English");
    await page.locator("a.calendar__day").first().click();
    const radio = page.getByRole("radio").first();
    const name = (await radio.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.querySelector(".visually-hidden")?.textContent ?? "")).trim();
    expect(name).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday), \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/);
    await radio.check({ force: true });
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("First name and surname").fill("Tomasz Nowak");
    await page.getByLabel("E-mail address", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
    // The review page, fully arrived (axe on a page still navigating finds no title).
    await page.waitForURL(/\/termin\/pruefen/);
    await expect(page.getByRole("button", { name: "Book appointment" })).toBeVisible();
    await expectNoAxeViolations(page, "review in English");
    await waitUntilFormMayBeSent(page);
    await page.getByRole("button", { name: "Book appointment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your appointment is booked");
    await expect(page.getByRole("heading", { name: "Please bring" })).toBeVisible();
    const mail = await waitForMail(email);
    expect(mail.subject).toMatch(/^Your appointment on (Monday|Tuesday|Wednesday|Thursday|Friday), /);
    expect(mail.text).toContain("Please bring:");
    expect(mail.text).toContain(`When: ${name}`);
  });

  test("reflows to 320 px width without horizontal scrolling", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const noHorizontalScroll = async (where: string) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
    };
    await page.goto("/");
    await noHorizontalScroll("home");
    await page.goto("/termin");
    await noHorizontalScroll("concerns");
    await page.getByRole("checkbox", { name: "Reisepass beantragen" }).check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.waitForURL(/\/termin\/(standort|tag)/);
    await noHorizontalScroll("location");
    if (page.url().includes("standort")) {
      await page.getByRole("radio").first().check();
      await page.getByRole("button", { name: "Weiter" }).click();
      await page.waitForURL(/\/termin\/tag/);
    }
    await noHorizontalScroll("day");
    await page.locator("a.calendar__day").first().click();
    await page.waitForURL(/\/termin\/uhrzeit/);
    await noHorizontalScroll("time");
    await context.close();
  });
});

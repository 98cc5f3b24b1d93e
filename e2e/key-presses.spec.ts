import { expect, test, type Locator, type Page } from "@playwright/test";
import { bookingByReference } from "./support/db";
import { uniqueEmail, waitUntilFormMayBeSent } from "./support/booking";

/**
 * The simplest booking from the home page by keyboard only, counting every key pressed: Tab, Shift+Tab, Enter, Space,
 * arrows, and each typed character as one. It goes the shortest way a keyboard user finds by looking: Tab forward to
 * the control, Space to tick, Enter to send the form (as in any form). The count is printed and recorded in
 * bench/README.md ("Key presses of the simplest booking").
 */

const BUDGET = 30;
const NAME = "Li Wu";

class Keyboard {
  readonly perStep: Record<string, { keys: number; characters: number }> = {};
  private step = "";
  constructor(private readonly page: Page) {}

  begin(step: string) {
    this.step = step;
    this.perStep[step] = { keys: 0, characters: 0 };
  }

  async press(key: "Tab" | "Shift+Tab" | "Enter" | "Space" | "ArrowDown" | "ArrowRight") {
    this.perStep[this.step]!.keys++;
    await this.page.keyboard.press(key);
  }

  async type(text: string) {
    this.perStep[this.step]!.characters += text.length;
    await this.page.keyboard.type(text);
  }

  /** Tab forward until `target` has focus: each Tab counted. */
  async tabTo(target: Locator, limit = 60) {
    for (let i = 0; i < limit; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.press("Tab");
    }
    throw new Error(`could not reach ${target} with the Tab key in ${limit} presses`);
  }

  get keys() {
    return Object.values(this.perStep).reduce((sum, s) => sum + s.keys, 0);
  }
  get characters() {
    return Object.values(this.perStep).reduce((sum, s) => sum + s.characters, 0);
  }
}

test("the simplest booking takes at most 30 key presses, not counting the name and e-mail typed", async ({ page }) => {
  // Short, as the typed characters are counted too; unique, as the suite books often from one address.
  const email = `k${uniqueEmail("").replace(/\D/g, "").slice(-6)}@x.de`;
  const keyboard = new Keyboard(page);
  await page.goto("/");

  keyboard.begin("home");
  await keyboard.tabTo(page.locator('a[href="/termin"]').first());
  await keyboard.press("Enter");
  await page.waitForURL(/\/termin$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  keyboard.begin("concerns");
  const firstConcern = page.getByRole("checkbox").first();
  await keyboard.tabTo(firstConcern);
  await keyboard.press("Space");
  await expect(firstConcern).toBeChecked();
  await keyboard.press("Enter");
  await page.waitForURL(/\/termin\/(standort|tag)/);

  if (page.url().includes("/termin/standort")) {
    keyboard.begin("location");
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    const first = page.getByRole("radio").first();
    await keyboard.tabTo(first);
    if (!(await first.isChecked())) await keyboard.press("Space");
    await keyboard.press("Enter");
    await page.waitForURL(/\/termin\/tag/);
  }

  keyboard.begin("day");
  await keyboard.tabTo(page.locator("a.calendar__day").first());
  await keyboard.press("Enter");
  await page.waitForURL(/\/termin\/uhrzeit/);

  keyboard.begin("time");
  const firstTime = page.getByRole("radio").first();
  await keyboard.tabTo(firstTime);
  if (!(await firstTime.isChecked())) await keyboard.press("Space");
  await keyboard.press("Enter");
  await page.waitForURL(/\/termin\/daten/);

  keyboard.begin("details");
  await keyboard.tabTo(page.getByLabel("Vor- und Nachname"));
  await keyboard.type(NAME);
  await keyboard.tabTo(page.getByLabel("E-Mail-Adresse", { exact: true }));
  await keyboard.type(email);
  await keyboard.press("Enter");
  await page.waitForURL(/\/termin\/pruefen/);

  keyboard.begin("review");
  await waitUntilFormMayBeSent(page);
  await keyboard.tabTo(page.getByRole("button", { name: "Termin verbindlich buchen" }));
  await keyboard.press("Enter");
  await page.waitForURL(/gebucht=1/);
  const reference = (await page.locator(".reference-code").textContent())!.trim();
  expect(bookingByReference(reference)?.citizen_name).toBe(NAME);

  const steps = Object.entries(keyboard.perStep)
    .map(([step, n]) => `${step} ${n.keys}${n.characters ? ` + ${n.characters} typed` : ""}`)
    .join(", ");
  console.log(
    `Key presses of the simplest booking: ${keyboard.keys} (Tab, Shift+Tab, Enter, Space, arrows) + ${keyboard.characters} typed characters ` +
      `(name "${NAME}", e-mail "${email}") = ${keyboard.keys + keyboard.characters}; per step: ${steps}`,
  );
  expect(keyboard.perStep.concerns!.keys, "the concerns step: Tab to the filter box, the category, the concern; Space; Enter").toBeLessThanOrEqual(5);
  expect(keyboard.keys, `key presses besides typing: ${steps}`).toBeLessThanOrEqual(BUDGET);
});

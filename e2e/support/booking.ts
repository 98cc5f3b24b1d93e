import { expect, type Locator, type Page } from "@playwright/test";
import { MIN_DWELL_MS } from "@/lib/domain/proof-of-work";
import { expectNoAxeViolations } from "./axe";

/** A unique address per test, so the per-address booking limit never interferes between tests. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

type Options = { axe?: boolean };

export async function chooseConcerns(page: Page, concerns: { name: string; quantity?: number }[], options: Options = {}) {
  await page.goto("/termin");
  if (options.axe) await expectNoAxeViolations(page, "concerns step");
  for (const concern of concerns) {
    const box = page.getByRole("checkbox", { name: concern.name, exact: true });
    await openCategoryOf(page, page.getByRole("checkbox", { name: concern.name, exact: true, includeHidden: true }));
    await box.check();
    if (concern.quantity && concern.quantity > 1) {
      await page.getByRole("combobox", { name: `Anzahl – ${concern.name}` }).selectOption(String(concern.quantity));
    }
  }
  await page.getByRole("button", { name: "Weiter" }).click();
}

/** Opens the folded category (a `<details>`) that holds `control` (found with includeHidden), as a person clicks its heading. */
export async function openCategoryOf(page: Page, control: Locator) {
  const group = page.locator("details.concern-group", { has: control });
  if ((await group.getAttribute("open")) === null) await group.locator("summary").first().click();
  await expect(group).toHaveAttribute("open", "");
}

export async function chooseLocationIfAsked(page: Page, name: string, options: Options = {}) {
  await page.waitForURL(/\/termin\/(standort|tag)/);
  if (!page.url().includes("/termin/standort")) return;
  if (options.axe) await expectNoAxeViolations(page, "location step");
  await page.getByRole("radio", { name: new RegExp(name) }).check();
  await page.getByRole("button", { name: "Weiter" }).click();
}

/**
 * The link of a free day in the month view: the first with at least `minTimes` free times (read from its accessible
 * name, "Dienstag, 1. Dezember 2026, 5 freie Uhrzeiten"), going on to later months when the one shown has none, as
 * on a month's last day.
 */
export async function findFreeDay(page: Page, minTimes = 1): Promise<Locator> {
  for (let month = 0; month < 4; month++) {
    for (const day of await page.locator("a.calendar__day").all()) {
      const name = (await day.getAttribute("aria-label")) ?? "";
      if (Number(/(\d+) freie Uhrzeit/.exec(name)?.[1] ?? 0) >= minTimes) return day;
    }
    const next = page.getByRole("link", { name: /^Nächster Monat/ });
    if ((await next.count()) === 0) break;
    await next.click();
    await page.waitForURL(/[?&]monat=\d{4}-\d{2}/);
  }
  throw new Error(`no day with ${minTimes} free times is offered`);
}

/** Opens a free day (see findFreeDay); returns its accessible name. */
export async function chooseFreeDay(page: Page, options: Options & { minTimes?: number } = {}): Promise<string> {
  if (options.axe) await expectNoAxeViolations(page, "day step");
  const day = await findFreeDay(page, options.minTimes);
  const name = (await day.getAttribute("aria-label")) ?? "";
  await day.click();
  await page.waitForURL(/[?&]tag=\d{4}-\d{2}-\d{2}/);
  return name;
}

/** The wizard's day step: waits for it, then opens a free day (see chooseFreeDay). */
export async function chooseFirstFreeDay(page: Page, options: Options & { minTimes?: number } = {}): Promise<string> {
  await page.waitForURL(/\/termin\/tag/);
  const name = await chooseFreeDay(page, options);
  await page.waitForURL(/\/termin\/uhrzeit/);
  return name;
}

/** Picks the n-th free time; returns the radio's accessible name (the full date and time). */
export async function chooseTime(page: Page, index = 0, options: Options = {}): Promise<string> {
  if (options.axe) await expectNoAxeViolations(page, "time step");
  const radio = page.getByRole("radio").nth(index);
  const label = (await radio.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.querySelector(".visually-hidden")?.textContent ?? "")).trim();
  await radio.check({ force: true });
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/daten/);
  return label;
}

export async function fillDetails(page: Page, details: { name: string; email: string; phone?: string; note?: string }, options: Options = {}) {
  if (options.axe) await expectNoAxeViolations(page, "details step");
  await page.getByLabel("Vor- und Nachname").fill(details.name);
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill(details.email);
  if (details.phone) await page.getByLabel("Telefonnummer (freiwillig)").fill(details.phone);
  if (details.note) await page.getByLabel("Hinweis für uns (freiwillig)").fill(details.note);
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/pruefen/);
}

/**
 * Waits until the review form may be sent, as a person would: with JavaScript until the browser has solved the proof
 * of work (its hidden field has a value), without until the minimum time a person takes to read the summary is over.
 */
export async function waitUntilFormMayBeSent(page: Page) {
  const proof = page.locator('altcha-widget input[name="altcha"]');
  if ((await proof.count()) > 0) {
    await expect(proof).not.toHaveValue("", { timeout: 20_000 });
    // The widget's required checkbox is what the browser checks before it sends the form.
    await expect(page.locator('altcha-widget input[type="checkbox"]')).toBeChecked();
  } else await page.waitForTimeout(MIN_DWELL_MS + 300);
}

/** Books from the review step and returns the reference code shown on the confirmation page. */
export async function confirm(page: Page, options: Options = {}): Promise<string> {
  if (options.axe) await expectNoAxeViolations(page, "review step");
  await waitUntilFormMayBeSent(page);
  await page.getByRole("button", { name: "Termin verbindlich buchen" }).click();
  await page.waitForURL(/\/termin\/verwalten\/[^/?]+\?gebucht=1/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ihr Termin ist gebucht");
  if (options.axe) await expectNoAxeViolations(page, "confirmation");
  return (await page.locator(".reference-code").textContent())!.trim();
}

/** The whole flow for one concern at the Rathaus; returns the reference code and the chosen time's full name. */
export async function bookQuickly(page: Page, email: string, concern = "Personalausweis beantragen") {
  await chooseConcerns(page, [{ name: concern }]);
  await chooseLocationIfAsked(page, "Bürgerbüro im Rathaus");
  await chooseFirstFreeDay(page);
  const time = await chooseTime(page);
  await fillDetails(page, { name: "Erika Mustermann", email });
  const reference = await confirm(page);
  return { reference, time, manageUrl: page.url().replace(/\?.*$/, "") };
}

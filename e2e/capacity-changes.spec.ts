import { expect, test, type Page } from "@playwright/test";
import { berlinTime, offeredDay } from "./support/availability";
import { expectNoAxeViolations } from "./support/axe";
import { uniqueEmail } from "./support/booking";
import { bookingById, insertBooking } from "./support/db";
import { waitForMail } from "./support/mail";
import { DEMO_STAFF, signInAs } from "./support/staff";

/**
 * Removing or shortening capacity is confirmed first, on a page that lists the booked appointments it would strand;
 * they can be cancelled with an apology there, and the change can be undone right after. Each test books its own
 * appointment at the Nordstadt branch on a day the app offers, and restores the rule it changed.
 */

/** "Montag" for a local date. */
const weekdayName = (date: string) => new Intl.DateTimeFormat("de-DE", { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));

/** The Nordstadt capacity window rows for a weekday (the branch has one window per opening day). */
function windowRow(page: Page, weekday: string) {
  return page.getByRole("region", { name: "Kapazitätsfenster" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: weekday, exact: true }) });
}

/** Leaves only our booking checked: other tests' bookings on that weekday may be listed too. */
async function checkOnly(page: Page, bookingId: number) {
  for (const box of await page.getByRole("group", { name: /Betroffene Termine/ }).getByRole("checkbox").all()) {
    if ((await box.getAttribute("value")) !== String(bookingId)) await box.uncheck();
  }
}

test("removing a window lists the stranded booking, cancels it with an apology, and undo restores the window", async ({ page }) => {
  const { date, slots } = await offeredDay({ location: "nordstadt", concerns: "meldebescheinigung:1", daysAhead: 14 });
  const email = uniqueEmail("capacity-change");
  const ours = insertBooking({ locationSlug: "nordstadt", concernSlug: "meldebescheinigung", startsAt: new Date(slots[0]!.start), minutes: 10, name: "Karla Kapazität", email });
  const weekday = weekdayName(date);

  await signInAs(page, DEMO_STAFF);
  await page.goto("/staff/kapazitaet?standort=nordstadt");
  await expect(windowRow(page, weekday)).toHaveCount(1);
  const time = (await windowRow(page, weekday).getByRole("cell").first().textContent())!.trim();
  await windowRow(page, weekday).getByRole("link", { name: /^Entfernen/ }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kapazitätsfenster entfernen");
  await expect(page.getByRole("heading", { level: 2, name: /passen? danach nicht mehr/ })).toBeVisible();
  const box = page.getByRole("checkbox", { name: new RegExp(ours.referenceCode) });
  await expect(box).toBeChecked();
  await expect(page.getByRole("link", { name: new RegExp(`^Verschieben\\W+Termin ${ours.referenceCode} verschieben$`) })).toHaveAttribute("href", `/staff/termine/${ours.id}`);
  await expectNoAxeViolations(page, "confirmation page");
  // Nothing has changed yet.
  expect(bookingById(ours.id)?.status).toBe("booked");

  await checkOnly(page, ours.id);
  await page.getByRole("button", { name: "Bestätigen und angehakte Termine absagen" }).click();
  await expect(page.locator(".error-summary")).toContainText("Grund für die Absage (steht in der E-Mail): Bitte geben Sie einen Grund an.");
  await expectNoAxeViolations(page, "confirmation page with an error");
  expect(bookingById(ours.id)?.status).toBe("booked");

  await page.getByLabel("Grund für die Absage (steht in der E-Mail)").fill("Schalter fällt aus");
  await page.getByRole("button", { name: "Bestätigen und angehakte Termine absagen" }).click();
  await page.waitForURL(/\/staff\/kapazitaet\?standort=nordstadt&aenderung=\d+/);
  await expect(page.getByText(`Entfernt: Kapazitätsfenster: ${weekday}, ${time}`)).toBeVisible();
  await expect(page.getByText("1 Termin ist abgesagt. Die E-Mail wird verschickt.")).toBeVisible();
  await expect(windowRow(page, weekday)).toHaveCount(0);
  expect(bookingById(ours.id)?.status).toBe("cancelled");
  const mail = await waitForMail(email, (m) => m.text.includes("Grund: Schalter fällt aus"));
  expect(mail.subject).toMatch(/abgesagt/i);
  await expectNoAxeViolations(page, "capacity page offering undo");

  await page.getByRole("button", { name: /^Rückgängig/ }).click();
  await expect(page.getByText("Wiederhergestellt. Abgesagte Termine bleiben abgesagt.")).toBeVisible();
  await expect(windowRow(page, weekday)).toHaveCount(1);
  await expect(windowRow(page, weekday).getByRole("cell").first()).toHaveText(time);
  await expect(page.getByRole("button", { name: /^Rückgängig/ })).toHaveCount(0);
});

// axe needs script in the page, so these pages are scanned in the test above; here they must work without it.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("shortening is checked, confirmed keeping the bookings, and undone", async ({ page }) => {
    const { date, slots } = await offeredDay({ location: "nordstadt", concerns: "meldebescheinigung:1", daysAhead: 21, minSlots: 2 });
    const last = slots.at(-1)!;
    const ours = insertBooking({ locationSlug: "nordstadt", concernSlug: "meldebescheinigung", startsAt: new Date(last.start), minutes: 10, name: "Kurt Kürzer", email: uniqueEmail("capacity-shorten") });
    const weekday = weekdayName(date);

    await signInAs(page, DEMO_STAFF);
    await page.goto("/staff/kapazitaet?standort=nordstadt");
    const time = (await windowRow(page, weekday).getByRole("cell").first().textContent())!.trim();
    const [start] = time.split("–");
    await windowRow(page, weekday).getByRole("link", { name: /^Kürzen/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kapazitätsfenster kürzen");

    // Widening is not shortening: the page says so and changes nothing.
    await page.getByLabel("Neuer Beginn (HH:MM)").fill("00:00");
    await page.getByRole("button", { name: "Auswirkungen prüfen" }).click();
    await expect(page.locator(".error-message")).toHaveText(/innerhalb der bisherigen/);

    // Ending the window when our (last) booking starts strands it.
    await page.getByLabel("Neuer Beginn (HH:MM)").fill(start!);
    await page.getByLabel("Neues Ende (HH:MM)").fill(berlinTime(last.start));
    await page.getByRole("button", { name: "Auswirkungen prüfen" }).click();
    await expect(page.getByRole("checkbox", { name: new RegExp(ours.referenceCode) })).toBeChecked();
    await page.getByRole("button", { name: "Bestätigen, Termine behalten" }).click();

    await page.waitForURL(/aenderung=\d+/);
    await expect(page.getByText(`Gekürzt: Kapazitätsfenster: ${weekday}, ${time}`)).toBeVisible();
    await expect(windowRow(page, weekday).getByRole("cell").first()).toHaveText(`${start}–${berlinTime(last.start)}`);
    const conflicts = page.getByRole("region", { name: "Termine, die nicht mehr passen" });
    await expect(conflicts.getByRole("checkbox", { name: new RegExp(ours.referenceCode) })).toBeVisible();
    expect(bookingById(ours.id)?.status).toBe("booked");

    await page.getByRole("button", { name: /^Rückgängig/ }).click();
    await expect(page.getByText("Wiederhergestellt.", { exact: false })).toBeVisible();
    await expect(windowRow(page, weekday).getByRole("cell").first()).toHaveText(time);
  });

  test("an unknown rule is not found", async ({ page }) => {
    await signInAs(page, DEMO_STAFF);
    for (const query of ["regel=fenster&id=999999", "regel=unbekannt&id=1", "regel=fenster&id=abc"]) {
      const response = await page.goto(`/staff/kapazitaet/aendern?${query}`);
      expect(response?.status(), query).toBe(404);
    }
  });
});

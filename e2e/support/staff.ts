import { expect, type Page } from "@playwright/test";

export const DEMO_ADMIN = { email: "admin@musterstadt.example", password: "Demo-Admin-2026!" };
export const DEMO_STAFF = { email: "sachbearbeitung@musterstadt.example", password: "Demo-Buero-2026!" };

export async function signInAs(page: Page, account: { email: string; password: string }) {
  await page.goto("/staff/login");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tagesansicht");
}

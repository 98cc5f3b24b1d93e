import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/settings";

/**
 * Browser tests run against the production build (`npm run build` first) on a fresh temporary database, with a local
 * stand-in for the Resend API that records every e-mail. One worker: the specs share one server and database.
 */
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".ci-reports/playwright.json" }]],
  use: {
    baseURL: E2E.baseUrl,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // The machine has no internet: stop Chromium's own background traffic instead of letting it fail.
      args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "node e2e/support/fake-resend.mjs",
      url: `${E2E.mailUrl}/health`,
      reuseExistingServer: false,
      env: { FAKE_RESEND_PORT: String(E2E.mailPort) },
    },
    {
      command: "node e2e/support/start-app.mjs",
      url: `${E2E.baseUrl}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: E2E.appEnv,
    },
  ],
});

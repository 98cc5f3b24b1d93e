import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { E2E } from "./e2e/support/settings";

/**
 * The browser tests that are about the database engine, again on PostgreSQL: `E2E_POSTGRES_URL=postgres://… npx
 * playwright test -c playwright.postgres.config.ts` after `npm run build` (`npm test` does it on its throw-away
 * cluster). The app and the second process concurrency.spec.ts starts run on a fresh database on that server
 * (e2e/support/settings.ts names it, e2e/support/start-app.mjs creates it). Same servers, ports and build as the
 * SQLite run: the two runs never overlap.
 */
if (!E2E.databaseUrl) {
  throw new Error(
    "playwright.postgres.config.ts: set E2E_POSTGRES_URL to a PostgreSQL server the tests may create a database on, " +
      "e.g. E2E_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (or start one: node scripts/test-postgres.mjs)",
  );
}

export default defineConfig({
  ...base,
  testMatch: ["concurrency.spec.ts", "cluster.spec.ts"],
  reporter: [["list"], ["json", { outputFile: ".ci-reports/playwright-postgres.json" }]],
});

// `npm run test:dates`: the browser tests that depend on "today", run with the app's clock set to awkward instants
// (a month's last afternoon and last minutes, New Year's Eve, Good Friday, the days before both daylight-saving
// changes). Not part of `npm test`: CI runs on one fixed clock (e2e/support/settings.ts); this shows that the result
// does not depend on which one. Builds first unless `--no-build`; `--all` runs every spec instead of the list below.
// Ends with one line "N passed, N failed" over all runs and exits non-zero if anything failed or nothing ran.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const AWKWARD_INSTANTS = [
  { instant: "2026-11-30T15:30:00+01:00", why: "last afternoon of a month (only today's last times are left)" },
  { instant: "2026-11-30T23:50:00+01:00", why: "last minutes of a month" },
  { instant: "2026-12-31T11:00:00+01:00", why: "31 December, a holiday tomorrow" },
  { instant: "2027-03-26T09:00:00+01:00", why: "Good Friday: four closed days ahead" },
  { instant: "2027-03-27T12:00:00+01:00", why: "the day before summer time starts" },
  { instant: "2026-10-24T12:00:00+02:00", why: "the day before winter time starts" },
];
const DATE_SENSITIVE_SPECS = ["e2e/booking.spec.ts", "e2e/booking-access.spec.ts", "e2e/staff.spec.ts", "e2e/concurrency.spec.ts"];

const args = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.E2E_CLOCK_SET_AT;

if (!args.includes("--no-build") && spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit", env }).status !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const totals = { passed: 0, failed: 0 };
const lines = [];
for (const { instant, why } of AWKWARD_INSTANTS) {
  console.log(`\n=== ${instant}: ${why}`);
  const report = ".ci-reports/playwright.json";
  const status = spawnSync("npx", ["playwright", "test", ...(args.includes("--all") ? [] : DATE_SENSITIVE_SPECS)], {
    stdio: "inherit",
    env: { ...env, E2E_CLOCK: instant },
  }).status;
  const stats = existsSync(report) ? (JSON.parse(readFileSync(report, "utf8")).stats ?? {}) : {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const failed = (stats.unexpected ?? 0) + (status !== 0 && !stats.unexpected ? 1 : 0);
  totals.passed += passed;
  totals.failed += failed;
  lines.push(`${instant}  ${passed} passed, ${failed} failed  (${why})`);
}
console.log(`\n${lines.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

// `npm run test:dates`: the browser tests that pick a day or a time, run with the app's clock set to awkward instants
// (a month's last afternoon and last minutes, New Year's Eve, Good Friday, the days before both daylight-saving
// changes, and a Tuesday that is a holiday: the default clock is an ordinary Tuesday, so a spec that silently assumes
// "Tuesday is open" fails there). Not part of `npm test`: CI runs on one fixed clock (e2e/support/settings.ts); this
// shows that the result does not depend on which one.
//
// Which specs: every spec that takes a day or time from the app's clock, found by the helpers that do so (E2E.now,
// offeredDay, todayInBerlin, the booking flow's free-day pickers, the hall's door and "soon" helpers), so a new spec
// that picks dates is included without editing this list. `--all` runs every spec instead; `--at=<ISO instant>` (may
// repeat) runs only those instants. Builds first unless `--no-build`. Ends with one line "N passed, N failed" over all
// runs and exits non-zero if anything failed or nothing ran.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";

const AWKWARD_INSTANTS = [
  { instant: "2026-11-30T15:30:00+01:00", why: "last afternoon of a month (only today's last times are left)" },
  { instant: "2026-11-30T23:50:00+01:00", why: "last minutes of a month" },
  { instant: "2026-12-31T11:00:00+01:00", why: "31 December, a holiday tomorrow" },
  { instant: "2027-03-26T09:00:00+01:00", why: "Good Friday: four closed days ahead" },
  { instant: "2027-03-27T12:00:00+01:00", why: "the day before summer time starts" },
  { instant: "2026-10-24T12:00:00+02:00", why: "the day before winter time starts" },
  { instant: "2028-10-31T09:00:00+01:00", why: "Reformationstag on a Tuesday: a holiday in Lower Saxony, where the demo offices are" },
];
/** The helpers that take a day or a time from the app's clock (e2e/support/*.ts). */
const PICKS_DATES = /\b(E2E\.now|offeredDay|todayInBerlin|findFreeDay|chooseFreeDay|chooseFirstFreeDay|bookQuickly|openDoorForAWhile|moveBookingToSoon)\b/;
const DATE_SENSITIVE_SPECS = readdirSync("e2e")
  .filter((name) => name.endsWith(".spec.ts") && PICKS_DATES.test(readFileSync(`e2e/${name}`, "utf8")))
  .sort()
  .map((name) => `e2e/${name}`);

const args = process.argv.slice(2);
const chosenInstants = args.filter((arg) => arg.startsWith("--at=")).map((arg) => arg.slice("--at=".length));
const runs = chosenInstants.length === 0 ? AWKWARD_INSTANTS : chosenInstants.map((instant) => AWKWARD_INSTANTS.find((run) => run.instant === instant) ?? { instant, why: "chosen with --at" });
if (runs.some(({ instant }) => Number.isNaN(Date.parse(instant)))) {
  console.log("--at needs an ISO instant, e.g. --at=2028-10-31T09:00:00+01:00");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
console.log(`Specs that pick dates: ${args.includes("--all") ? "all" : DATE_SENSITIVE_SPECS.join(" ")}`);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.E2E_CLOCK_SET_AT;

if (!args.includes("--no-build") && spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit", env }).status !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const totals = { passed: 0, failed: 0 };
const lines = [];
for (const { instant, why } of runs) {
  console.log(`\n=== ${instant}: ${why}`);
  const report = ".ci-reports/playwright.json";
  // A run that dies before reporting must not be credited with the previous run's results.
  rmSync(report, { force: true });
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

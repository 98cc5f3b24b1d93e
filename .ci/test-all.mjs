// `npm test`: lint, unit and service tests (Vitest, with a throw-away PostgreSQL for the PostgreSQL tests), the service
// suites again on PostgreSQL, the production build, then the browser tests (Playwright), the concurrency ones again on
// PostgreSQL.
// Ends with one line "N passed, N failed[, N skipped]" summing all runs (also written to .ci-reports/summary.txt)
// and exits non-zero if anything failed or nothing ran.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { startTestPostgres } from "../scripts/test-postgres.mjs";

const reports = ".ci-reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command, args, extraEnv = {}) => spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

// 0. Lint (type errors fail the build below)
if (run("npx", ["eslint", "."]) !== 0) {
  totals.failed += 1;
  problems.push("eslint reported problems");
}

// The suites that run a second time on PostgreSQL: those that work through the services on a test database
// (DATABASE_URL selects the engine, db/engine.ts; lib/testing/temp-db.ts makes each test database on that server).
// db/'s own PostgreSQL tests run in the first Vitest run, with TEST_POSTGRES_URL.
const POSTGRES_VITEST_PATHS = ["lib/services", "lib/api", "lib/auth", "lib/email", "lib/booking-flow", "lib/hall", "db/seed", "db/prepared.test.ts", "db/revisions-transaction.test.ts"];

/** Adds a Vitest JSON report to the totals; a run that failed without a failed test (a suite that did not load) fails too. */
function countVitest(status, path, label) {
  if (!existsSync(path)) {
    totals.failed += 1;
    problems.push(`${label} wrote no report`);
    return;
  }
  const report = JSON.parse(readFileSync(path, "utf8"));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (status !== 0 && (report.numFailedTests ?? 0) === 0) {
    totals.failed += Math.max(1, report.numFailedTestSuites ?? 1);
    problems.push(`${label} exited with an error outside individual tests`);
  }
}

/** Adds a Playwright JSON report to the totals, likewise. */
function countPlaywright(status, path, label) {
  if (!existsSync(path)) {
    totals.failed += 1;
    problems.push(`${label} wrote no report`);
    return;
  }
  const stats = JSON.parse(readFileSync(path, "utf8")).stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (status !== 0 && (stats.unexpected ?? 0) === 0) {
    totals.failed += 1;
    problems.push(`${label} exited with an error outside individual tests`);
  }
}

// 1. Vitest. A throw-away PostgreSQL cluster serves the PostgreSQL tests, the service suites' second run and the
// browser tests' PostgreSQL run; it is stopped at the end, and on exit whatever happens (scripts/test-postgres.mjs).
// Without PostgreSQL those runs are skipped locally, but CI requires them.
let postgres = null;
try {
  postgres = await startTestPostgres();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
if (postgres) {
  console.log(`test-all: PostgreSQL runs use a ${postgres.note}`);
} else if (process.env.CI) {
  console.log("test-all: no PostgreSQL (install postgresql or set TEST_POSTGRES_URL): the PostgreSQL runs fail, as CI requires them");
  totals.failed += 1;
  problems.push("no PostgreSQL: the service suites and the browser tests did not run on PostgreSQL (CI requires them)");
} else {
  console.log("test-all: note: no PostgreSQL found (install postgresql or set TEST_POSTGRES_URL): the PostgreSQL tests and runs are skipped");
}
// 1a. Everything on SQLite, plus db/'s PostgreSQL tests (they skip without TEST_POSTGRES_URL, but fail under CI,
// lib/testing/postgres.ts).
countVitest(
  run(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
    postgres ? { TEST_POSTGRES_URL: postgres.url } : {},
  ),
  `${reports}/vitest.json`,
  "vitest",
);
// 1b. The service suites on PostgreSQL.
if (postgres) {
  countVitest(
    run(
      "npx",
      ["vitest", "run", ...POSTGRES_VITEST_PATHS, "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest-postgres.json`],
      { DATABASE_URL: postgres.url },
    ),
    `${reports}/vitest-postgres.json`,
    "vitest on PostgreSQL",
  );
}

// 2. Production build for the browser tests
const buildStatus = run("npm", ["run", "build", "--silent"]);
if (buildStatus !== 0) {
  totals.failed += 1;
  problems.push("next build failed: browser tests were not run");
} else {
  // 3. Playwright, then the engine's specs again on PostgreSQL (playwright.postgres.config.ts), on the same build.
  // E2E_POSTGRES_URL from the shell would move this run to PostgreSQL too (e2e/support/settings.ts).
  countPlaywright(run("npx", ["playwright", "test"], { E2E_POSTGRES_URL: "" }), `${reports}/playwright.json`, "playwright");
  if (postgres) {
    countPlaywright(
      run("npx", ["playwright", "test", "-c", "playwright.postgres.config.ts"], { E2E_POSTGRES_URL: postgres.url }),
      `${reports}/playwright-postgres.json`,
      "playwright on PostgreSQL",
    );
  }
}
postgres?.stop();

for (const problem of problems) console.error(`test-all: ${problem}`);
const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
writeFileSync(`${reports}/summary.txt`, summary + "\n");
console.log(summary);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

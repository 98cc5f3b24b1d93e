// `npm test`: lint, unit and service tests (Vitest, with a throw-away PostgreSQL for the PostgreSQL tests), the
// production build, then the browser tests (Playwright).
// Ends with one line "N passed, N failed[, N skipped]" summing both runners (also written to .ci-reports/summary.txt)
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

// 1. Vitest. The PostgreSQL tests get TEST_POSTGRES_URL from a throw-away cluster (stopped right after Vitest, and on
// exit whatever happens). Without PostgreSQL they are skipped here, but fail under CI (lib/testing/postgres.ts).
let postgres = null;
try {
  postgres = await startTestPostgres();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
if (postgres) {
  console.log(`test-all: PostgreSQL tests use a ${postgres.note}`);
} else {
  console.log(
    process.env.CI
      ? "test-all: no PostgreSQL (install postgresql or set TEST_POSTGRES_URL): the PostgreSQL tests will fail, as CI requires them"
      : "test-all: note: no PostgreSQL found (install postgresql or set TEST_POSTGRES_URL): the PostgreSQL tests are skipped",
  );
}
const vitestStatus = run(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
  postgres ? { TEST_POSTGRES_URL: postgres.url } : {},
);
postgres?.stop();
if (existsSync(`${reports}/vitest.json`)) {
  const report = JSON.parse(readFileSync(`${reports}/vitest.json`, "utf8"));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that fails to load has no failed test, but must still fail the run.
  if (vitestStatus !== 0 && (report.numFailedTests ?? 0) === 0) {
    totals.failed += Math.max(1, report.numFailedTestSuites ?? 1);
    problems.push("vitest exited with an error outside individual tests");
  }
} else {
  totals.failed += 1;
  problems.push("vitest wrote no report");
}

// 2. Production build for the browser tests
const buildStatus = run("npm", ["run", "build", "--silent"]);
if (buildStatus !== 0) {
  totals.failed += 1;
  problems.push("next build failed: browser tests were not run");
} else {
  // 3. Playwright
  const playwrightStatus = run("npx", ["playwright", "test"]);
  const path = `${reports}/playwright.json`;
  if (existsSync(path)) {
    const stats = JSON.parse(readFileSync(path, "utf8")).stats ?? {};
    totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    totals.failed += stats.unexpected ?? 0;
    totals.skipped += stats.skipped ?? 0;
    if (playwrightStatus !== 0 && (stats.unexpected ?? 0) === 0) {
      totals.failed += 1;
      problems.push("playwright exited with an error outside individual tests");
    }
  } else {
    totals.failed += 1;
    problems.push("playwright wrote no report");
  }
}

for (const problem of problems) console.error(`test-all: ${problem}`);
const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
writeFileSync(`${reports}/summary.txt`, summary + "\n");
console.log(summary);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

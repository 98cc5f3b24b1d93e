import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Several instances on PostgreSQL are updated one at a time (README, "Updating several instances"): the first
 * instance of the new release applies its migrations at start while instances of the previous release keep serving
 * on the same database. That works only while a migration leaves everything the previous release reads and writes in
 * place, so the migrations for PostgreSQL only add: tables, indexes, and columns that are nullable or have a default.
 * Removing or changing something takes two releases: the first stops using it, the next removes it, and that
 * migration is listed in ALLOWED_AFTER_A_RELEASE with the release that stopped using it.
 */
const MIGRATIONS = path.join(import.meta.dirname, "migrations-pg");

/** `file: reason` for statements that break the rule on purpose (none so far). */
const ALLOWED_AFTER_A_RELEASE: Record<string, string> = {};

const RULES: { problem: string; test: (statement: string) => boolean }[] = [
  { problem: "drops a table", test: (s) => /\bdrop\s+table\b/i.test(s) },
  { problem: "drops a column", test: (s) => /\bdrop\s+column\b/i.test(s) },
  { problem: "renames a table or column", test: (s) => /\brename\b/i.test(s) },
  { problem: "changes a column's type", test: (s) => /\balter\s+column\s+"?\w+"?\s+(set\s+data\s+)?type\b/i.test(s) },
  { problem: "makes a column required", test: (s) => /\balter\s+column\s+"?\w+"?\s+set\s+not\s+null\b/i.test(s) },
  {
    // The previous release's inserts do not name the new column: without a default they fail.
    problem: "adds a required column without a default",
    test: (s) => /\badd\s+column\b/i.test(s) && /\bnot\s+null\b/i.test(s) && !/\bdefault\b/i.test(s),
  },
];

/** What in `sql` (one migration file) the previous release could not run next to. */
function rollingUpdateProblems(sql: string): string[] {
  const withoutComments = sql.replace(/--(?!> statement-breakpoint).*$/gm, "");
  return withoutComments
    .split("--> statement-breakpoint")
    .flatMap((statement) => statement.split(/;\s*$/m))
    .map((statement) => statement.trim())
    .filter(Boolean)
    .flatMap((statement) => RULES.filter((rule) => rule.test(statement)).map((rule) => `${rule.problem}: ${statement.slice(0, 120)}`));
}

describe("PostgreSQL migrations let the previous release run beside them", () => {
  it.each([
    ['ALTER TABLE "bookings" DROP COLUMN "note";', "drops a column"],
    ['DROP TABLE "forms";', "drops a table"],
    ['ALTER TABLE "bookings" RENAME COLUMN "note" TO "remark";', "renames a table or column"],
    ['ALTER TABLE "bookings" ALTER COLUMN "counter" SET DATA TYPE text;', "changes a column's type"],
    ['ALTER TABLE "bookings" ALTER COLUMN "phone" SET NOT NULL;', "makes a column required"],
    ['ALTER TABLE "bookings" ADD COLUMN "source" text NOT NULL;', "adds a required column without a default"],
  ])("flags %s", (statement, problem) => {
    expect(rollingUpdateProblems(statement)).toEqual([expect.stringContaining(problem)]);
  });

  it.each([
    'ALTER TABLE "bookings" ADD COLUMN "source" text;',
    `ALTER TABLE "bookings" ADD COLUMN "source" text DEFAULT 'online' NOT NULL;`,
    'CREATE INDEX "bookings_source_idx" ON "bookings" USING btree ("source");--> statement-breakpoint\nDROP INDEX "bookings_old_idx";',
    'CREATE TABLE "job_runs" ("name" text PRIMARY KEY NOT NULL);',
    "-- a comment may say: drop column later\nALTER TABLE \"rate_limits\" SET UNLOGGED;",
  ])("lets pass %s", (statement) => {
    expect(rollingUpdateProblems(statement)).toEqual([]);
  });

  it("holds for every migration in db/migrations-pg", () => {
    const files = readdirSync(MIGRATIONS).filter((file) => file.endsWith(".sql"));
    expect(files.length).toBeGreaterThan(3);
    const problems = files
      .filter((file) => !(file in ALLOWED_AFTER_A_RELEASE))
      .flatMap((file) => rollingUpdateProblems(readFileSync(path.join(MIGRATIONS, file), "utf8")).map((problem) => `${file}: ${problem}`));
    expect(problems).toEqual([]);
  });
});

import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The domain core must stay pure: no database, framework or environment access.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/db/*", "next", "next/*", "react", "react-dom", "server-only", "node:*", "@/lib/env"] },
      ],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Pass `now` in." }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Pass `now` in." },
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "No env in the domain." },
      ],
    },
  },
  {
    // One clock: the running app reads the time only through lib/clock.ts (services through `context.now`), so a
    // demo or test run can be placed on any day. Tests and the test harness keep their own fixed instants.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.ts"],
    ignores: ["**/*.test.ts", "lib/testing/**", "lib/domain/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Use now() from @/lib/clock or context.now." }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use now() from @/lib/clock or context.now." },
        // One transaction helper: every write transaction goes through inWriteTransaction (db/transaction.ts), which
        // takes the write lock first. Raw better-sqlite3 transactions on the `sqlite` client (migrations, the
        // readiness probe) are the exception.
        {
          selector: "CallExpression[callee.property.name='transaction']:not([callee.object.name='sqlite'])",
          message: "Use inWriteTransaction from @/db/transaction.",
        },
      ],
    },
  },
  {
    // Guard in the data: the staff area and the components reach data only through a StaffAccess (pages, actions,
    // route handlers) or services, never by opening the database or the app context themselves.
    files: ["app/staff/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/db/client", message: "Staff code gets data through a StaffAccess (lib/auth/staff.ts) and the services." },
            { name: "@/lib/services/context", message: "Staff code gets its context from its StaffAccess (lib/auth/staff.ts)." },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**", "data/**", ".ci-reports/**"]),
]);

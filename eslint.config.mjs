import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** lib/ and db/ sit below app/ (routes, pages, actions): see the layer rules below. */
const APP_LAYER = { regex: "^(@/app/|(\\.\\./)+app/)", message: "lib/ and db/ sit below app/: move the shared piece down into lib/." };
const NO_DB_CLIENT = { name: "@/db/client", message: "Staff code gets data through a StaffAccess (lib/auth/staff.ts) and the services." };
const NO_SERVICE_CONTEXT = { name: "@/lib/services/context", message: "Staff code gets its context from its StaffAccess (lib/auth/staff.ts)." };

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layers: app/ (routes) → lib/ (services and the rest) → db/ (schema, queries). A lower layer never imports a
    // higher one, so a service can be tested, reused by the CLI or the API, and moved without dragging pages along.
    // lib/ must not reach into app/: a piece that both need (a helper, a type) moves down into lib/. Tests are exempt:
    // the API tests call the route handlers exactly as a client would (lib/api/*.test.ts, lib/api/test-support.ts).
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/domain/**", "**/*.test.ts", "lib/api/test-support.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [APP_LAYER] }],
    },
  },
  {
    // db/ is the bottom layer: schema, client, queries and the seed use only the domain and small helpers. Importing a
    // service from here would make the schema depend on the use cases built on it (and pull them into migrations).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            APP_LAYER,
            { regex: "^(@/lib/services/|(\\.\\./)+lib/services/)", message: "db/ sits below the services: move the shared piece into db/ or a small lib/ module." },
          ],
        },
      ],
    },
  },
  {
    // The domain core must stay pure: no database, framework or environment access (and, like all of lib/, no app/).
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/*", "@/lib/services/*", "next", "next/*", "react", "react-dom", "server-only", "node:*", "@/lib/env"],
              message: "The domain is pure: pass data, `now` and settings in.",
            },
            APP_LAYER,
          ],
        },
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
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "lib/testing/**", "lib/domain/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Use now() from @/lib/clock or context.now." }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use now() from @/lib/clock or context.now." },
        // One transaction helper: every write transaction goes through inWriteTransaction (db/transaction.ts), which
        // takes the write lock first. Raw better-sqlite3 transactions on the `sqlite` client (migrations, the
        // readiness probe) and the PostgreSQL implementation behind the helper (db/postgres.ts) are the exceptions.
        {
          selector: "CallExpression[callee.property.name='transaction']:not([callee.object.name=/^(sqlite|postgres)$/])",
          message: "Use inWriteTransaction from @/db/transaction.",
        },
      ],
    },
  },
  {
    // Guard in the data: the staff area and the components reach data only through a StaffAccess (pages, actions,
    // route handlers) or services, never by opening the database or the app context themselves.
    files: ["app/staff/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [NO_DB_CLIENT, NO_SERVICE_CONTEXT] }],
    },
  },
  {
    // Components render what they are given: they do not import db/ at all, types included. A component's props say
    // which fields it needs (or use a type a service exports), so a schema change shows up in the services, where
    // the data is shaped, not in the markup. Same guard as the staff area for the app context.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [NO_SERVICE_CONTEXT],
          patterns: [
            { regex: "^(@/db/|(\\.\\./)+db/)", message: "Components get data and its types through the services (lib/services), not from db/." },
          ],
        },
      ],
    },
  },
  {
    // Services are asynchronous (issue 14): a call without `await` would run detached, its errors unseen and its
    // writes outside the caller's transaction. Type-aware, so these rules see which calls return promises.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.ts", "proxy.ts", "instrumentation.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**", "data/**", ".ci-reports/**"]),
]);

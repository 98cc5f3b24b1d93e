import { defineConfig } from "drizzle-kit";

/**
 * The PostgreSQL twin of drizzle.config.ts: `npm run db:generate:pg` writes db/migrations-pg/ from db/schema-pg/.
 * Generating needs no database; db/migrate-pg.ts applies this folder at start. Hand-written steps
 * (`npm run db:generate:pg -- --custom --name …`) say so in their first line: 0002 (rate_limits UNLOGGED).
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg/index.ts",
  out: "./db/migrations-pg",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/terminvergabe" },
});

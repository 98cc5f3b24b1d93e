import { defineConfig } from "drizzle-kit";

/**
 * The PostgreSQL twin of drizzle.config.ts: `npm run db:generate:pg` writes db/migrations-pg/ from db/schema-pg/.
 * Generating needs no database. The app does not run on PostgreSQL yet (services are SQLite-only); db/migrate-pg.ts
 * applies this folder.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg/index.ts",
  out: "./db/migrations-pg",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/terminvergabe" },
});

/**
 * `npm run db:migrate`: applies pending migrations to the configured database, the SQLite file at DATABASE_PATH or
 * PostgreSQL at DATABASE_URL (the app's start does this too, lib/http/server.ts).
 */
import { databasePathFrom } from "@/lib/env";
import { migrateAppDatabase } from "./client";

const databaseUrl = process.env.DATABASE_URL?.trim() || null;
const databasePath = databasePathFrom(process.env);
const where = databaseUrl ? "PostgreSQL (DATABASE_URL)" : databasePath;
migrateAppDatabase({ databasePath, databaseUrl })
  .then((applied) => console.log(applied === 0 ? `Database is up to date: ${where}` : `Applied ${applied} migration(s) to ${where}`))
  .catch((error: unknown) => {
    console.error("migration failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });

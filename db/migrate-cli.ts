/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH (the app also does this when it starts). */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databasePathFrom } from "@/lib/env";
import { applyMigrations } from "./migrate";

const databasePath = databasePathFrom(process.env);
mkdirSync(path.dirname(databasePath), { recursive: true });
const sqlite = new Database(databasePath);
sqlite.pragma("journal_mode = WAL");
const applied = applyMigrations(sqlite);
sqlite.close();
console.log(applied === 0 ? `Database is up to date: ${databasePath}` : `Applied ${applied} migration(s) to ${databasePath}`);

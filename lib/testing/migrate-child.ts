// Child process of db/migrate.test.ts: applies migrations to the given file at the shared start instant.
import Database from "better-sqlite3";
import { waitUntil } from "@/lib/testing/process-harness";
import { applyMigrations } from "@/db/migrate";

const [startAt, file] = process.argv.slice(2);
const sqlite = new Database(file!, { timeout: 10_000 });
sqlite.pragma("journal_mode = WAL");
waitUntil(Number(startAt));
const applied = applyMigrations(sqlite);
sqlite.close();
console.log(JSON.stringify(applied));

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type AppDatabase } from "@/db/client";

/** A fresh, migrated SQLite file per test; `cleanup` closes and deletes it. */
export function createTempDatabase(): { db: AppDatabase; databasePath: string; cleanup: () => void } {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-test-"));
  const databasePath = path.join(directory, "test.sqlite");
  const db = openDatabase(databasePath);
  return {
    db,
    databasePath,
    cleanup: () => {
      db.$client.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

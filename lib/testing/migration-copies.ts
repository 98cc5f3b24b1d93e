import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { migrationsFolder } from "@/db/migrate";

/**
 * For tests of one migration on a database that is in use: temporary directories (removed by `cleanup`) and copies of
 * the migrations folder whose journal ends before a given migration.
 */
export function migrationCopies(prefix: string) {
  const directories: string[] = [];
  const tempDirectory = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `terminvergabe-${prefix}-`));
    directories.push(dir);
    return dir;
  };
  /** A copy of the migrations folder whose journal ends before `tag`. */
  const migrationsBefore = (tag: string): string => {
    const folder = path.join(tempDirectory(), "migrations");
    cpSync(migrationsFolder(), folder, { recursive: true });
    const journalPath = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const index = journal.entries.findIndex((entry) => entry.tag === tag);
    expect(index).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
    return folder;
  };
  const cleanup = () => directories.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  return { tempDirectory, migrationsBefore, cleanup };
}

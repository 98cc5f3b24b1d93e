import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrationCopies } from "@/lib/testing/migration-copies";
import { applyMigrations } from "./migrate";

/**
 * Migration 0013 (which categories the concerns step opens) adds the administration's flag. Before it, the step
 * opened the first two categories in the office's order; an existing installation keeps exactly that until an admin
 * changes it. A changed flag moves the catalogue's change counter, so cached catalogues are read again.
 */
const { tempDirectory, migrationsBefore, cleanup } = migrationCopies("category-open-migration");
afterEach(cleanup);

describe("migration 0013_category_open_by_default", () => {
  it("opens the first two categories by position, no others, and keeps the change counter's trigger", () => {
    const sqlite = new Database(path.join(tempDirectory(), "db.sqlite"));
    applyMigrations(sqlite, migrationsBefore("0013_category_open_by_default"));
    sqlite
      .prepare("insert into concern_categories (id, slug, name_de, name_en, position) values (1, 'c', 'C', 'C', 3), (2, 'a', 'A', 'A', 1), (3, 'd', 'D', 'D', 4), (4, 'b', 'B', 'B', 2)")
      .run();

    expect(applyMigrations(sqlite)).toBeGreaterThan(0);

    expect(sqlite.prepare("select slug, open_by_default from concern_categories order by slug").all()).toEqual([
      { slug: "a", open_by_default: 1 },
      { slug: "b", open_by_default: 1 },
      { slug: "c", open_by_default: 0 },
      { slug: "d", open_by_default: 0 },
    ]);
    const revision = () => (sqlite.prepare("select value from data_revisions where key = 'catalogue'").get() as { value: number }).value;
    const before = revision();
    sqlite.prepare("update concern_categories set open_by_default = 1 where slug = 'c'").run();
    expect(revision()).toBe(before + 1);
    // A category made later starts folded.
    sqlite.prepare("insert into concern_categories (slug, name_de, name_en) values ('e', 'E', 'E')").run();
    expect(sqlite.prepare("select open_by_default from concern_categories where slug = 'e'").get()).toEqual({ open_by_default: 0 });
    sqlite.close();
  });
});

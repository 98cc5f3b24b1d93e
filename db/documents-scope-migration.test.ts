import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrationCopies } from "@/lib/testing/migration-copies";
import { applyMigrations } from "./migrate";

/**
 * Migration 0011 (document scope and condition) rebuilds concern_documents: the old "per item" flag becomes "per
 * application", the rest "once per visit"; nothing references the table, so the rebuild loses nothing.
 */
const { tempDirectory, migrationsBefore, cleanup } = migrationCopies("documents-migration");
afterEach(cleanup);

describe("migration 0011_documents_scope", () => {
  it("turns 'per item' into 'per application', keeps every link, and checks the new columns", () => {
    const sqlite = new Database(path.join(tempDirectory(), "db.sqlite"));
    sqlite.pragma("foreign_keys = ON");
    applyMigrations(sqlite, migrationsBefore("0011_documents_scope"));

    const now = Date.UTC(2026, 10, 24, 7);
    sqlite.prepare("insert into concern_categories (id, slug, name_de, name_en) values (1, 'a', 'A', 'A')").run();
    sqlite
      .prepare(
        "insert into concerns (id, slug, category_id, name_de, name_en, description_de, description_en, duration_minutes, max_quantity, created_at, updated_at) values (1, 'pa', 1, 'PA', 'ID', 'd', 'd', 15, 4, ?, ?)",
      )
      .run(now, now);
    sqlite.prepare("insert into documents (id, key, name_de, name_en) values (1, 'photo', 'Foto', 'Photo'), (2, 'id', 'Ausweis', 'ID')").run();
    sqlite.prepare("insert into concern_documents (concern_id, document_id, per_item, count, position) values (1, 1, 1, 2, 0), (1, 2, 0, 1, 1)").run();

    expect(applyMigrations(sqlite)).toBeGreaterThan(0);

    expect(sqlite.prepare("select document_id, scope, count, condition_de, condition_en, position from concern_documents order by document_id").all()).toEqual([
      { document_id: 1, scope: "per_application", count: 2, condition_de: null, condition_en: null, position: 0 },
      { document_id: 2, scope: "once_per_visit", count: 1, condition_de: null, condition_en: null, position: 1 },
    ]);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    // The checks survived the rename and still bite.
    expect(() => sqlite.prepare("update concern_documents set scope = 'sometimes'").run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare("update concern_documents set condition_de = 'nur wenn'").run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare("insert into document_alternatives (document_id, alternative_id) values (1, 1)").run()).toThrow(/CHECK/);
    // Every change to what a concern needs moves the catalogue's change counter, so cached catalogues are read again.
    const revision = () => (sqlite.prepare("select value from data_revisions where key = 'catalogue'").get() as { value: number } | undefined)?.value ?? 0;
    for (const statement of [
      "insert into document_alternatives (document_id, alternative_id) values (2, 1)",
      "update concern_documents set scope = 'per_person' where document_id = 2",
      "delete from concern_documents where document_id = 2",
      "insert into concern_documents (concern_id, document_id, scope) values (1, 2, 'once_per_visit')",
      "delete from document_alternatives",
    ]) {
      const before = revision();
      sqlite.prepare(statement).run();
      expect(revision(), statement).toBe(before + 1);
    }
    sqlite.close();
  });
});

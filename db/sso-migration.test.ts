import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrationCopies } from "@/lib/testing/migration-copies";
import { applyMigrations, migrationsFolder } from "./migrate";

/**
 * Migration 0009 (single sign-on columns, nullable password hash) on a database that is in use: it must change
 * staff_users in place. A table rebuild inside db/migrate.ts's transaction (foreign keys on) would delete every
 * session and clear the account of every audit entry, booking and API key through their ON DELETE actions.
 */
const { tempDirectory, migrationsBefore, cleanup } = migrationCopies("sso-migration");
afterEach(cleanup);

describe("migration 0009_sso_accounts", () => {
  it("keeps accounts, sessions and every reference to them", () => {
    const sqlite = new Database(path.join(tempDirectory(), "db.sqlite"));
    sqlite.pragma("foreign_keys = ON");
    applyMigrations(sqlite, migrationsBefore("0009_sso_accounts"));

    const now = Date.UTC(2026, 10, 24, 7);
    sqlite.prepare("insert into staff_users (id, email, name, password_hash, role, active, created_at, updated_at) values (1, 'admin@musterstadt.example', 'Admin', '$argon2id$hash', 'admin', 1, ?, ?)").run(now, now);
    sqlite.prepare("insert into staff_sessions (id, user_id, created_at, last_seen_at) values ('s1', 1, ?, ?)").run(now, now);
    sqlite.prepare("insert into audit_log (actor_user_id, actor_label, action, entity_type, entity_id, at) values (1, 'admin@musterstadt.example', 'staff.sign_in', 'staff_user', '1', ?)").run(now);
    sqlite.prepare("insert into api_keys (label, key_hash, key_prefix, created_by_user_id, created_at) values ('Portal', 'h', 'abcdefgh', 1, ?)").run(now);

    // 0009 and every migration after it.
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    expect(applyMigrations(sqlite)).toBe(journal.entries.length - journal.entries.findIndex((entry) => entry.tag === "0009_sso_accounts"));

    expect(sqlite.prepare("select id, email, password_hash, sso_issuer, sso_subject, sso_access from staff_users").all()).toEqual([
      { id: 1, email: "admin@musterstadt.example", password_hash: "$argon2id$hash", sso_issuer: null, sso_subject: null, sso_access: null },
    ]);
    expect(sqlite.prepare("select user_id from staff_sessions").all()).toEqual([{ user_id: 1 }]);
    expect(sqlite.prepare("select actor_user_id from audit_log").all()).toEqual([{ actor_user_id: 1 }]);
    expect(sqlite.prepare("select created_by_user_id from api_keys").all()).toEqual([{ created_by_user_id: 1 }]);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);

    const columns = sqlite.prepare(`select name, "notnull" as required from pragma_table_info('staff_users')`).all() as { name: string; required: number }[];
    expect(columns.find((column) => column.name === "password_hash")?.required).toBe(0);
    expect(columns.find((column) => column.name === "email")?.required).toBe(1);

    // An account without a password; a second one with the same address only if it signs in through single sign-on.
    const insert = sqlite.prepare("insert into staff_users (email, name, password_hash, sso_issuer, sso_subject, sso_access, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.run("admin@musterstadt.example", "Admin (SSO)", null, "https://idp", "sub-1", "claim", now, now);
    expect(() => insert.run("admin@musterstadt.example", "Copy", "$argon2id$other", null, null, null, now, now)).toThrow(/UNIQUE/);
    expect(() => insert.run("other@musterstadt.example", "Same identity", null, "https://idp", "sub-1", "claim", now, now)).toThrow(/UNIQUE/);
    sqlite.close();
  });
});

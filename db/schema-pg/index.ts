/*
 * The PostgreSQL schema: table by table the twin of db/schema (SQLite), with the same table, column, index and
 * constraint names and the enums and size lists from lib/domain/enums.ts. db/schema-pg.test.ts compares the two
 * (definitions, and both migrated databases); db/schema-pg/row-types.test-d.ts makes tsc refuse a row type that
 * differs. Change both together and run `npm run db:generate` and `npm run db:generate:pg`. db/schema/index.ts hands these tables
 * to the services when the process runs on PostgreSQL (db/engine.ts).
 *
 * Layout: a folder beside db/schema rather than db/schema/{sqlite,pg}: the app's many `@/db/schema` imports and
 * drizzle.config.ts stay as they are, and the SQLite migrations' snapshots keep pointing at the same files.
 *
 * Ids: `generatedByDefaultAsIdentity()` rather than `serial`: the SQL-standard identity column owns its sequence (no
 * separate sequence object to grant or to forget in a dump), and "by default" (not "always") still accepts an
 * explicit id as SQLite's AUTOINCREMENT does (seed data, fixtures, the settings row). As with serial, whoever inserts
 * explicit ids must move the sequence on afterwards (`setval`).
 */
export * from "./locations";
export * from "./concern-categories";
export * from "./concerns";
export * from "./concern-locations";
export * from "./documents";
export * from "./forms";
export * from "./capacity";
export * from "./bookings";
export * from "./staff-users";
export * from "./settings";
export * from "./audit-log";
export * from "./email-outbox";
export * from "./data-revisions";
export * from "./rate-limits";
export * from "./api-keys";
export * from "./queue";
export * from "./no-show-marks";
export * from "./waiting-list";
export * from "./job-runs";

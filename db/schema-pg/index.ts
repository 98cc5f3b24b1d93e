/*
 * The PostgreSQL schema: table by table the twin of db/schema (SQLite), with the same table, column, index and
 * constraint names and the enums from lib/domain/enums.ts. db/schema-pg.test.ts compares the two (structure, and both
 * migrated databases); db/schema-pg/row-types.test-d.ts makes tsc refuse a row type that differs. Change both together
 * and run `npm run db:generate` and `npm run db:generate:pg`. The app does not use this schema yet.
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

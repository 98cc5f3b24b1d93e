/*
 * The tables every service imports, for the engine this process runs on (db/engine.ts): the SQLite schema
 * (db/schema/sqlite.ts, the default) or its PostgreSQL twin (db/schema-pg). Both have the same names, columns and row
 * types (db/schema-pg/row-types.test-d.ts, db/schema-pg.test.ts), so services are written once against the SQLite
 * types and run on either; the few places where the engines differ ask `isPostgres` (db/engine.ts).
 *
 * drizzle-kit reads db/schema/sqlite.ts and db/schema-pg/index.ts directly, never this switch.
 */
import * as pg from "../schema-pg";
import { isPostgres } from "../engine";
import * as sqlite from "./sqlite";

export type * from "./sqlite";

const tables = (isPostgres ? pg : sqlite) as unknown as typeof sqlite;

export const {
  apiKeys,
  auditLog,
  bookingItems,
  bookingItemsRelations,
  bookings,
  bookingsRelations,
  capacityWindowConcerns,
  capacityWindowConcernsRelations,
  capacityWindows,
  capacityWindowsRelations,
  closures,
  closuresRelations,
  concernCategories,
  concernCategoriesRelations,
  concernDocuments,
  concernDocumentsRelations,
  concernForms,
  concernFormsRelations,
  concernLocations,
  concernLocationsRelations,
  concerns,
  concernsRelations,
  counterConcerns,
  dataRevisions,
  documentAlternatives,
  documents,
  documentsRelations,
  emailOutbox,
  forms,
  jobRuns,
  formsRelations,
  locations,
  locationsRelations,
  loginThrottle,
  noShowMarks,
  openingHours,
  openingHoursRelations,
  queueEntries,
  queueEntriesRelations,
  rateLimits,
  settings,
  staffSessions,
  staffUsers,
  waitingListEntries,
  waitingListEntriesRelations,
  waitingListItems,
  waitingListItemsRelations,
  waitingListLocations,
  waitingListLocationsRelations,
  walkInBlocks,
  walkInBlocksRelations,
} = tables;

import { relations } from "drizzle-orm";
import { integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { concerns } from "./concerns";
import { locations } from "./locations";

/** Which locations offer which concern. */
export const concernLocations = pgTable(
  "concern_locations",
  {
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.concernId, t.locationId] })],
);

export const concernLocationsRelations = relations(concernLocations, ({ one }) => ({
  concern: one(concerns, { fields: [concernLocations.concernId], references: [concerns.id] }),
  location: one(locations, { fields: [concernLocations.locationId], references: [locations.id] }),
}));

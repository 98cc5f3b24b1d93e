import { integer } from "drizzle-orm/sqlite-core";

/** Instants are stored as UTC milliseconds; wall-clock times are derived per location time zone. */
export const instant = () => integer({ mode: "timestamp_ms" });

export const createdAt = () =>
  instant()
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  instant()
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

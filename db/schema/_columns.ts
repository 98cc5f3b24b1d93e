import { integer } from "drizzle-orm/sqlite-core";
import { now } from "@/lib/clock";

/** Instants are stored as UTC milliseconds; wall-clock times are derived per location time zone. */
export const instant = () => integer({ mode: "timestamp_ms" });

export const createdAt = () =>
  instant()
    .notNull()
    .$defaultFn(now);

export const updatedAt = () =>
  instant()
    .notNull()
    .$defaultFn(now)
    .$onUpdateFn(now);

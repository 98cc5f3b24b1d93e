import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";
import { staffUsers } from "./staff-users";

/** Who changed what and when, with the state before and after (JSON). Personal data is kept out of it. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    at: createdAt(),
    actorUserId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    /** The actor's e-mail at the time, or "system"/"citizen"; survives account deletion. */
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

export type AuditEntry = typeof auditLog.$inferSelect;

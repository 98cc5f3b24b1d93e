/**
 * Removing or shortening a capacity rule (opening range, capacity window, walk-in block) safely: first the bookings
 * the change would strand are shown (`previewRuleChange`), then the change and the cancellation of the bookings staff
 * chose happen in one transaction (`applyRuleChange`), re-checked against what staff saw. For a short while the same
 * staff member, in the same session, can undo it (`undoRuleChange`): the audit entry's before-state is the copy the
 * rule is restored from, so nothing else has to be kept.
 */
import { isPostgres } from "@/db/engine";
import { and, asc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTransaction } from "@/db/client";
import { findLocation, loadLocationSchedule } from "@/db/queries/locations";
import {
  auditLog,
  bookings,
  capacityWindowConcerns,
  capacityWindows,
  concerns,
  openingHours,
  staffSessions,
  walkInBlocks,
  type Booking,
  type CapacityWindowRow,
  type Location,
  type OpeningHoursRow,
  type WalkInBlockRow,
} from "@/db/schema";
import type { MinuteRange } from "@/lib/domain/availability";
import { findBookingsStrandedBy, findShorteningProblem, RULE_KINDS, type ReplayedBooking, type RuleChange, type RuleKind } from "@/lib/domain/capacity-change";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { recordAudit } from "../audit";
import { cancelActiveInTransaction } from "../bookings";
import { inWriteTransaction } from "@/db/transaction";

/** How long after a change its author may still undo it (and only in the session they made it in). */
export const UNDO_MINUTES = 15;

const MS_PER_DAY = 24 * 60 * 60_000;

export type RuleSnapshot =
  | { kind: "opening_hours"; rule: OpeningHoursRow }
  | { kind: "capacity_window"; rule: CapacityWindowRow & { concernIds: number[] } }
  | { kind: "walk_in_block"; rule: WalkInBlockRow };

export type ChangePreview = { rule: RuleSnapshot; location: Location; stranded: Booking[] };

/** Why an undo is refused: each has its own calm sentence on the page. */
export type UndoRefusal = "expired" | "already_undone" | "changed_since" | "overlaps" | "cannot_restore";

const TABLES = { opening_hours: openingHours, capacity_window: capacityWindows, walk_in_block: walkInBlocks } as const;

async function loadRule(db: DbOrTransaction, kind: RuleKind, id: number): Promise<RuleSnapshot | null> {
  switch (kind) {
    case "opening_hours": {
      const rule = (await db.select().from(openingHours).where(eq(openingHours.id, id)))[0];
      return rule ? { kind, rule } : null;
    }
    case "capacity_window": {
      const rule = (await db.select().from(capacityWindows).where(eq(capacityWindows.id, id)))[0];
      if (!rule) return null;
      const concernIds = await db.select({ id: capacityWindowConcerns.concernId }).from(capacityWindowConcerns).where(eq(capacityWindowConcerns.windowId, id));
      return { kind, rule: { ...rule, concernIds: concernIds.map((c) => c.id).sort((a, b) => a - b) } };
    }
    case "walk_in_block": {
      const rule = (await db.select().from(walkInBlocks).where(eq(walkInBlocks.id, id)))[0];
      return rule ? { kind, rule } : null;
    }
  }
}

/** The rule, its location and the active future bookings the change would strand, earliest first. */
async function inspect(db: DbOrTransaction, now: Date, change: RuleChange): Promise<ChangePreview> {
  const rule = await loadRule(db, change.kind, change.id);
  if (!rule) throw new NotFoundError(change.kind);
  if (change.replacement) {
    const problem = findShorteningProblem(rule.rule, change.replacement);
    if (problem) throw new ValidationError("not a shortening", { endMinute: [problem] });
  }
  const location = await findLocation(db, rule.rule.locationId);
  if (!location) throw new NotFoundError("location");
  const upcoming = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.locationId, location.id), eq(bookings.status, "booked"), gt(bookings.startsAt, now)))
    .orderBy(asc(bookings.createdAt), asc(bookings.id));
  if (upcoming.length === 0) return { rule, location, stranded: [] };
  const lastStartMs = Math.max(...upcoming.map((b) => b.startsAt.getTime()));
  const schedule = await loadLocationSchedule(db, location, now, new Date(lastStartMs + MS_PER_DAY));
  const scheduled = new Map(schedule.bookings.map((b) => [b.id, b]));
  const replayed: ReplayedBooking[] = upcoming.flatMap((b) => {
    const own = scheduled.get(b.id);
    return own ? [{ ...own, id: b.id }] : [];
  });
  const rows = new Map(upcoming.map((b) => [b.id, b]));
  return { rule, location, stranded: findBookingsStrandedBy(schedule, replayed, change).map((id) => rows.get(id)!) };
}

/** One rule and its location, for the confirmation page before any times are chosen; null when it does not exist. */
export async function findRule(access: StaffAccess, kind: RuleKind, id: number): Promise<{ rule: RuleSnapshot; location: Location } | null> {
  const { db } = authorize(access, "staff");
  const rule = await loadRule(db, kind, id);
  const location = rule ? await findLocation(db, rule.rule.locationId) : undefined;
  return rule && location ? { rule, location } : null;
}

/** What staff see before they confirm: the rule and the bookings that would no longer fit. */
export async function previewRuleChange(access: StaffAccess, change: RuleChange): Promise<ChangePreview> {
  const context = authorize(access, "staff");
  return inspect(context.db, context.now(), change);
}

export type ApplyRuleChangeInput = {
  change: RuleChange;
  /** The stranded bookings staff were shown; if the situation changed since, nothing is changed. */
  shownBookingIds: number[];
  /** Those among them to cancel, each with an apology e-mail quoting `reason`. */
  cancelBookingIds: number[];
  reason: string | null;
};

/**
 * Removes or shortens the rule and cancels the chosen stranded bookings, in one transaction with an audit entry for
 * each. Returns the id of the rule's audit entry (the key for undo) and the cancelled bookings.
 */
export async function applyRuleChange(access: StaffAccess, input: ApplyRuleChangeInput): Promise<{ auditId: number; location: Location; cancelled: Booking[] }> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const { rule, location, stranded } = await inspect(tx, now, input.change);
    const strandedIds = new Set(stranded.map((b) => b.id));
    const shown = new Set(input.shownBookingIds);
    if (strandedIds.size !== shown.size || [...shown].some((id) => !strandedIds.has(id))) {
      throw new AppError("conflict", "the bookings this change strands are not the ones shown", { reason: "affected_changed" });
    }
    if (input.cancelBookingIds.some((id) => !strandedIds.has(id))) throw new ValidationError("only stranded bookings can be cancelled here", { bookingIds: ["invalid"] });
    if (input.cancelBookingIds.length > 0 && !input.reason) throw new ValidationError("a reason is needed for the apology", { reason: ["reason_required"] });

    const { kind } = input.change;
    const table = TABLES[kind];
    let auditId: number;
    if (input.change.replacement === null) {
      await tx.delete(table).where(eq(table.id, rule.rule.id));
      auditId = await recordAudit(tx, actor, { action: `${kind}.delete`, entityType: kind, entityId: rule.rule.id, before: rule.rule, at: now });
    } else {
      const { startMinute, endMinute } = input.change.replacement;
      await tx.update(table).set({ startMinute, endMinute }).where(eq(table.id, rule.rule.id));
      const after = { ...rule.rule, startMinute, endMinute };
      auditId = await recordAudit(tx, actor, { action: `${kind}.update`, entityType: kind, entityId: rule.rule.id, before: rule.rule, after, at: now });
    }
    const cancelled = await cancelActiveInTransaction(tx, context, actor, input.cancelBookingIds, now, {
      officeReason: input.reason ?? "",
      rebookUrl: `${context.publicUrl}/termin`,
    });
    return { auditId, location, cancelled };
  });
}

// --- Undo ---------------------------------------------------------------------------------------------------------

const minuteOfDay = z.number().int().min(0).max(1440);
const recurringFields = {
  weekday: z.number().int().min(1).max(7).nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.coerce.date(),
};
const ruleFields = { id: z.number().int().positive(), locationId: z.number().int().positive(), startMinute: minuteOfDay, endMinute: minuteOfDay };
/** The audit entry's before-state, read back strictly: an entry that does not parse is not restored. */
const SNAPSHOTS = {
  opening_hours: z.object({ ...ruleFields, weekday: z.number().int().min(1).max(7) }),
  capacity_window: z.object({ ...ruleFields, ...recurringFields, onlineCounters: z.number().int().min(0), staffCounters: z.number().int().min(0), concernIds: z.array(z.number().int().positive()) }),
  walk_in_block: z.object({ ...ruleFields, ...recurringFields, counters: z.number().int().min(1) }),
} as const;

type UndoableEntry = { auditId: number; kind: RuleKind; isRemoval: boolean; before: z.output<(typeof SNAPSHOTS)[RuleKind]>; after: MinuteRange | null; undoUntil: Date };

/** The change behind an audit entry, if it is this staff member's capacity change from this session; else null. */
async function findOwnChange(db: DbOrTransaction, access: StaffAccess, auditId: number): Promise<(UndoableEntry & { at: Date }) | null> {
  const entry = (await db.select().from(auditLog).where(eq(auditLog.id, auditId)))[0];
  if (!entry || entry.actorUserId === null || entry.actorUserId !== access.user.id) return null;
  const [kindName, verb] = entry.action.split(".");
  const kind = RULE_KINDS.find((k) => k === kindName);
  if (!kind || (verb !== "delete" && verb !== "update") || entry.entityType !== kind) return null;
  const session = (await db.select({ createdAt: staffSessions.createdAt }).from(staffSessions).where(eq(staffSessions.id, access.sessionId)))[0];
  if (!session || entry.at.getTime() < session.createdAt.getTime()) return null;
  const before = SNAPSHOTS[kind].safeParse(entry.before);
  if (!before.success) return null;
  const after = verb === "update" ? z.object({ startMinute: minuteOfDay, endMinute: minuteOfDay }).safeParse(entry.after) : null;
  if (after && !after.success) return null;
  return {
    auditId,
    kind,
    isRemoval: verb === "delete",
    before: before.data,
    after: after?.data ?? null,
    at: entry.at,
    undoUntil: new Date(entry.at.getTime() + UNDO_MINUTES * 60_000),
  };
}

async function isAlreadyUndone(db: DbOrTransaction, change: UndoableEntry): Promise<boolean> {
  const restore = (await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, `${change.kind}.restore`), undoOfEquals(change.auditId))))[0];
  return restore !== undefined;
}

/** Why this change cannot be undone right now, or null when it can. */
async function findUndoRefusal(db: DbOrTransaction, change: UndoableEntry, now: Date): Promise<UndoRefusal | null> {
  if (now.getTime() > change.undoUntil.getTime()) return "expired";
  if (await isAlreadyUndone(db, change)) return "already_undone";
  const current = await loadRule(db, change.kind, change.before.id);
  if (change.isRemoval) {
    if (current) return "already_undone";
    if (!await findLocation(db, change.before.locationId)) return "cannot_restore";
    if (change.kind === "opening_hours") {
      const { locationId, weekday, startMinute, endMinute } = SNAPSHOTS.opening_hours.parse(change.before);
      const overlapping = (await db
        .select({ id: openingHours.id })
        .from(openingHours)
        .where(and(eq(openingHours.locationId, locationId), eq(openingHours.weekday, weekday), lt(openingHours.startMinute, endMinute), gt(openingHours.endMinute, startMinute))))[0];
      if (overlapping) return "overlaps";
    }
    if (change.kind === "capacity_window") {
      const { concernIds } = SNAPSHOTS.capacity_window.parse(change.before);
      if (concernIds.length > 0 && (await db.select({ id: concerns.id }).from(concerns).where(inArray(concerns.id, concernIds))).length !== concernIds.length) return "cannot_restore";
    }
    return null;
  }
  if (!current) return "cannot_restore";
  if (current.rule.startMinute !== change.after?.startMinute || current.rule.endMinute !== change.after?.endMinute) return "changed_since";
  if (change.kind === "opening_hours") {
    const { locationId, weekday, startMinute, endMinute } = SNAPSHOTS.opening_hours.parse(change.before);
    const overlapping = (await db
      .select({ id: openingHours.id })
      .from(openingHours)
      .where(and(eq(openingHours.locationId, locationId), eq(openingHours.weekday, weekday), ne(openingHours.id, change.before.id), lt(openingHours.startMinute, endMinute), gt(openingHours.endMinute, startMinute))))[0];
    if (overlapping) return "overlaps";
  }
  return null;
}

export type UndoOffer = { auditId: number; rule: RuleSnapshot; isRemoval: boolean; undoUntil: Date };

/** For the page after a change: the undo it can offer this staff member now, or null. */
export async function findUndoOffer(access: StaffAccess, auditId: number): Promise<UndoOffer | null> {
  const context = authorize(access, "staff");
  const change = await findOwnChange(context.db, access, auditId);
  if (!change || await findUndoRefusal(context.db, change, context.now()) !== null) return null;
  return { auditId, rule: snapshotOf(change), isRemoval: change.isRemoval, undoUntil: change.undoUntil };
}

function snapshotOf(change: UndoableEntry): RuleSnapshot {
  const { kind, before } = change;
  const stamps = { createdAt: "createdAt" in before ? before.createdAt : new Date(0), updatedAt: "createdAt" in before ? before.createdAt : new Date(0) };
  if (kind === "opening_hours") return { kind, rule: SNAPSHOTS.opening_hours.parse(before) };
  if (kind === "capacity_window") return { kind, rule: { ...SNAPSHOTS.capacity_window.parse(before), ...stamps } };
  return { kind, rule: { ...SNAPSHOTS.walk_in_block.parse(before), ...stamps } };
}

/**
 * Restores exactly the rule a removal took away (same id, same fields, same concerns) or the time range a shortening
 * changed, in one transaction with a `.restore` audit entry. Refuses cleanly (`conflict` with a reason) when the time
 * is up, it was undone already, or the rule can no longer be restored as it was.
 */
export async function undoRuleChange(access: StaffAccess, auditId: number): Promise<{ rule: RuleSnapshot; location: Location }> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const change = await findOwnChange(tx, access, auditId);
    if (!change) throw new NotFoundError("change");
    const refusal = await findUndoRefusal(tx, change, now);
    if (refusal) throw new AppError("conflict", `cannot undo: ${refusal}`, { reason: refusal });
    const location = await findLocation(tx, change.before.locationId);
    if (!location) throw new AppError("conflict", "cannot undo: location gone", { reason: "cannot_restore" });
    const { kind, before } = change;
    if (change.isRemoval) {
      if (kind === "opening_hours") await tx.insert(openingHours).values(SNAPSHOTS.opening_hours.parse(before));
      else if (kind === "walk_in_block") {
        const block = SNAPSHOTS.walk_in_block.parse(before);
        await tx.insert(walkInBlocks).values({ ...block, updatedAt: now });
      } else {
        const { concernIds, ...window } = SNAPSHOTS.capacity_window.parse(before);
        await tx.insert(capacityWindows).values({ ...window, updatedAt: now });
        if (concernIds.length > 0) await tx.insert(capacityWindowConcerns).values(concernIds.map((concernId) => ({ windowId: window.id, concernId })));
      }
    } else {
      const table = TABLES[kind];
      await tx.update(table).set({ startMinute: before.startMinute, endMinute: before.endMinute }).where(eq(table.id, before.id));
    }
    const restored = (await loadRule(tx, kind, before.id))!;
    await recordAudit(tx, actor, { action: `${kind}.restore`, entityType: kind, entityId: before.id, after: { ...restored.rule, undoOf: auditId }, at: now });
    return { rule: restored, location };
  });
}

/** The audit entries' JSON: text read with json_extract on SQLite, jsonb on PostgreSQL. */
function undoOfEquals(auditId: number) {
  return isPostgres ? sql`(${auditLog.after} ->> 'undoOf')::integer = ${auditId}` : sql`json_extract(${auditLog.after}, '$.undoOf') = ${auditId}`;
}

/**
 * The administrators' side of the hall: per location the daily walk-in contingent, how early a checked-in appointment
 * goes before walk-ins, and which concerns a counter serves. Every change is one transaction with its audit entry.
 */
import { and, asc, eq } from "drizzle-orm";
import { listLocations } from "@/db/queries/locations";
import { concernLocations, concerns, counterConcerns, locations, type Location } from "@/db/schema";
import type { Language } from "@/lib/domain/enums";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import type { CounterConcernsInput, QueueSettingsInput } from "@/lib/validation/queue";
import { recordAudit } from "../audit";
import { inWriteTransaction } from "@/db/transaction";

export type LocationQueueSettings = {
  location: Location;
  concerns: { id: number; name: string }[];
  /** Counters with a list of concerns, by counter number; counters not listed serve everything. */
  counters: { counter: number; concernIds: number[] }[];
};

export async function loadQueueSettings(access: StaffAccess, language: Language): Promise<LocationQueueSettings[]> {
  const { db } = authorize(access, "admin");
  const rules = await db.select().from(counterConcerns).orderBy(asc(counterConcerns.counter));
  return await Promise.all((await listLocations(db, { includeInactive: false })).map(async (location) => {
    const offered = (await db
      .select({ id: concerns.id, nameDe: concerns.nameDe, nameEn: concerns.nameEn })
      .from(concerns)
      .innerJoin(concernLocations, and(eq(concernLocations.concernId, concerns.id), eq(concernLocations.locationId, location.id)))
      .orderBy(asc(concerns.position)))
      .map((c) => ({ id: c.id, name: language === "de" ? c.nameDe : c.nameEn }));
    const own = rules.filter((r) => r.locationId === location.id);
    const numbers = [...new Set(own.map((r) => r.counter))];
    return { location, concerns: offered, counters: numbers.map((counter) => ({ counter, concernIds: own.filter((r) => r.counter === counter).map((r) => r.concernId) })) };
  }));
}

export async function updateQueueSettings(access: StaffAccess, input: QueueSettingsInput): Promise<void> {
  const context = authorize(access, "admin");
  await inWriteTransaction(context.db, async (tx) => {
    const before = (await tx.select().from(locations).where(eq(locations.id, input.locationId)))[0];
    if (!before) throw new NotFoundError("location");
    await tx.update(locations)
      .set({ walkInTicketsPerDay: input.walkInTicketsPerDay, appointmentPriorityMinutes: input.appointmentPriorityMinutes })
      .where(eq(locations.id, input.locationId));
    await recordAudit(tx, context.actor, {
        action: "queue.settings",
        entityType: "location",
        entityId: input.locationId,
        before: { walkInTicketsPerDay: before.walkInTicketsPerDay, appointmentPriorityMinutes: before.appointmentPriorityMinutes },
        after: { walkInTicketsPerDay: input.walkInTicketsPerDay, appointmentPriorityMinutes: input.appointmentPriorityMinutes },
      });
  });
}

/** Replaces the list of concerns a counter serves; an empty list removes the rule (the counter serves everything). */
export async function setCounterConcerns(access: StaffAccess, input: CounterConcernsInput): Promise<void> {
  const context = authorize(access, "admin");
  await inWriteTransaction(context.db, async (tx) => {
    const offered = new Set(
      (await tx
        .select({ id: concernLocations.concernId })
        .from(concernLocations)
        .where(eq(concernLocations.locationId, input.locationId)))
        .map((r) => r.id),
    );
    if (offered.size === 0 && !(await tx.select().from(locations).where(eq(locations.id, input.locationId)))[0]) throw new NotFoundError("location");
    if (input.concernIds.some((id) => !offered.has(id))) throw new ValidationError("concern not offered here", { concernIds: ["unknown_reference"] });
    const where = and(eq(counterConcerns.locationId, input.locationId), eq(counterConcerns.counter, input.counter));
    const before = await tx.select({ concernId: counterConcerns.concernId }).from(counterConcerns).where(where);
    await tx.delete(counterConcerns).where(where);
    if (input.concernIds.length > 0) {
      await tx.insert(counterConcerns)
        .values(input.concernIds.map((concernId) => ({ locationId: input.locationId, counter: input.counter, concernId })));
    }
    await recordAudit(tx, context.actor, {
        action: "queue.counter_concerns",
        entityType: "location",
        entityId: input.locationId,
        before: { counter: input.counter, concernIds: before.map((r) => r.concernId) },
        after: { counter: input.counter, concernIds: input.concernIds },
      });
  });
}

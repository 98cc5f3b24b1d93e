/**
 * The waiting list as staff see it: per location, in the order offers go out. Reached only through a StaffAccess.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { loadCatalogue } from "@/db/queries/catalogue";
import { findLocation } from "@/db/queries/locations";
import { bookings, waitingListEntries, waitingListItems, waitingListLocations } from "@/db/schema";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import type { Slot } from "@/lib/domain/availability";
import type { Language, WaitingListStatus } from "@/lib/domain/enums";
import type { LocalDate } from "@/lib/domain/zoned-time";
import { availabilityFor } from "../availability";

export type StaffWaitingListEntry = {
  id: number;
  position: number;
  citizenName: string;
  status: Exclude<WaitingListStatus, "unconfirmed">;
  confirmedAt: Date;
  fromDate: LocalDate;
  toDate: LocalDate;
  concerns: { name: string; quantity: number }[];
  /** For an entry with an open offer: until when it is held. */
  heldUntil: Date | null;
  /** Free times (staff view) at this location within the entry's dates, for offering one by hand. */
  freeTimes: Slot[];
};

const FREE_TIMES_SHOWN = 12;

/** Confirmed entries wanting this location, longest waiting first. Unconfirmed sign-ups are nobody's business yet. */
export async function listWaitingList(access: StaffAccess, locationId: number, language: Language): Promise<StaffWaitingListEntry[]> {
  const context = authorize(access, "staff");
  const location = await findLocation(context.db, locationId);
  if (!location) return [];
  const now = context.now();
  const rows = (await context.db
    .select({ entry: waitingListEntries })
    .from(waitingListEntries)
    .innerJoin(waitingListLocations, eq(waitingListLocations.entryId, waitingListEntries.id))
    .where(and(eq(waitingListLocations.locationId, locationId), inArray(waitingListEntries.status, ["active", "offered"])))
    .orderBy(asc(waitingListEntries.confirmedAt), asc(waitingListEntries.id)))
    .map((row) => row.entry);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await context.db.select().from(waitingListItems).where(inArray(waitingListItems.entryId, ids)).orderBy(asc(waitingListItems.entryId), asc(waitingListItems.concernId));
  const holds = await context.db
    .select({ entryId: bookings.waitingListEntryId, heldUntil: bookings.heldUntil })
    .from(bookings)
    .where(and(inArray(bookings.waitingListEntryId, ids), eq(bookings.status, "held")));
  const names = new Map((await loadCatalogue(context.db, { includeInactive: true })).map((c) => [c.id, language === "de" ? c.nameDe : c.nameEn]));
  return await Promise.all(rows.map(async (entry, index) => {
    const own = items.filter((i) => i.entryId === entry.id);
    const requested = own.map((i) => ({ concernId: i.concernId, quantity: i.quantity }));
    const availability =
      entry.status === "active"
        ? await availabilityFor(context.db, { now, location, items: requested, audience: "staff", from: entry.fromDate, to: entry.toDate })
        : null;
    return {
      id: entry.id,
      position: index + 1,
      citizenName: entry.citizenName,
      status: entry.status as "active" | "offered",
      confirmedAt: entry.confirmedAt!,
      fromDate: entry.fromDate,
      toDate: entry.toDate,
      concerns: own.map((i) => ({ name: names.get(i.concernId) ?? "", quantity: i.quantity })),
      heldUntil: holds.find((h) => h.entryId === entry.id)?.heldUntil ?? null,
      freeTimes: availability?.ok ? availability.days.flatMap((d) => d.slots).slice(0, FREE_TIMES_SHOWN) : [],
    };
  }));
}

/** Counts per location for the dashboard: no names, no addresses. */
export async function waitingListCounts(access: StaffAccess, locationId: number): Promise<{ waiting: number; offered: number }> {
  const context = authorize(access, "staff");
  const statuses = await context.db
    .select({ status: waitingListEntries.status })
    .from(waitingListEntries)
    .innerJoin(waitingListLocations, eq(waitingListLocations.entryId, waitingListEntries.id))
    .where(and(eq(waitingListLocations.locationId, locationId), inArray(waitingListEntries.status, ["active", "offered"])));
  return { waiting: statuses.filter((s) => s.status === "active").length, offered: statuses.filter((s) => s.status === "offered").length };
}

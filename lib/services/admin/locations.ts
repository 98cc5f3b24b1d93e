/**
 * Administration of locations: address, time zone, federal state (for public holidays), contact, directions and the
 * reminder e-mails (lib/services/reminders.ts).
 * Opening hours, capacity and closures are kept elsewhere (staff capacity pages). One transaction per write, with its
 * audit entry; a location is retired by deactivating it, so its past and booked appointments keep their place.
 */
import { and, asc, eq, max, ne } from "drizzle-orm";
import type { DbTransaction } from "@/db/client";
import { locations, type Location } from "@/db/schema";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import { NotFoundError } from "@/lib/errors";
import { locationSchema, TICKED, type LocationInput, type LocationValues } from "@/lib/validation/admin-catalogue";
import { recordAudit } from "../audit";
import { changedFields, parseAdminInput, resolveUniqueSlug } from "./catalogue/shared";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";

export async function listLocationsForAdmin(access: StaffAccess): Promise<Location[]> {
  const db = authorize(access, "admin").db;
  return await db.select().from(locations).orderBy(asc(locations.position), asc(locations.id));
}

export async function findLocationForAdmin(access: StaffAccess, id: number): Promise<Location | undefined> {
  const db = authorize(access, "admin").db;
  return (await db.select().from(locations).where(eq(locations.id, id)))[0];
}

/** A new location starts in the installation's default time zone, and active. */
export function locationFormValues(location: Location | null): LocationInput {
  return {
    name: location?.name ?? "",
    slug: location?.slug ?? "",
    street: location?.street ?? "",
    postalCode: location?.postalCode ?? "",
    city: location?.city ?? "",
    timeZone: (location?.timeZone ?? DEFAULT_TIME_ZONE) as LocationInput["timeZone"],
    federalState: (location?.federalState ?? "") as LocationInput["federalState"],
    phone: location?.phone ?? "",
    email: location?.email ?? "",
    directionsDe: location?.directionsDe ?? "",
    directionsEn: location?.directionsEn ?? "",
    active: location ? (location.active ? TICKED : false) : TICKED,
    position: location ? String(location.position) : "",
    remindersEnabled: location ? (location.remindersEnabled ? TICKED : false) : TICKED,
    reminderDaysBefore: String(location?.reminderDaysBefore ?? 2),
    reminderHour: String(location?.reminderHour ?? 9),
  };
}

function slugTaken(tx: DbTransaction, exceptId: number | null) {
  return async (slug: string) =>
    (await tx
      .select({ id: locations.id })
      .from(locations)
      .where(exceptId === null ? eq(locations.slug, slug) : and(eq(locations.slug, slug), ne(locations.id, exceptId))))[0] !== undefined;
}

function columns(values: LocationValues) {
  return {
    name: values.name,
    street: values.street,
    postalCode: values.postalCode,
    city: values.city,
    timeZone: values.timeZone,
    federalState: values.federalState,
    phone: values.phone,
    email: values.email,
    directionsDe: values.directionsDe,
    directionsEn: values.directionsEn,
    active: values.active,
    remindersEnabled: values.remindersEnabled,
    reminderDaysBefore: values.reminderDaysBefore,
    reminderHour: values.reminderHour,
  };
}

/** The audit view: the office's public contact data, no timestamps. */
function auditView(location: Location) {
  const { createdAt: _created, updatedAt: _updated, ...rest } = location;
  return rest;
}

export async function createLocation(access: StaffAccess, input: LocationInput): Promise<Location> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(locationSchema, input, "location");
  return inWriteTransaction(db, async (tx) => {
    const slug = await resolveUniqueSlug(values.slug, values.name, "standort", slugTaken(tx, null), "slug", "slug_taken");
    const position = values.position ?? ((await tx.select({ value: max(locations.position) }).from(locations).limit(1))[0]?.value ?? 0) + 1;
    const location = (await tx
      .insert(locations)
      .values({ ...columns(values), slug, position })
      .returning())[0]!;
    await recordAudit(tx, actor, { action: "location.create", entityType: "location", entityId: location.id, after: auditView(location) });
    return location;
  });
}

/**
 * Saves the location form. A new federal state changes which public holidays close it from now on; deactivating keeps
 * existing appointments but stops new online bookings there (the booking service only books active locations).
 */
export async function updateLocation(access: StaffAccess, id: number, input: LocationInput): Promise<Location> {
  const { db, actor } = authorize(access, "admin");
  const values = parseAdminInput(locationSchema, input, "location");
  return inWriteTransaction(db, async (tx) => {
    const existing = (await tx.select().from(locations).where(eq(locations.id, id)))[0];
    if (!existing) throw new NotFoundError("location");
    const slug = await resolveUniqueSlug(values.slug, values.name, "standort", slugTaken(tx, id), "slug", "slug_taken");
    const updated = (await tx
      .update(locations)
      .set({ ...columns(values), slug, position: values.position ?? existing.position })
      .where(eq(locations.id, id))
      .returning())[0]!;
    const diff = changedFields(auditView(existing), auditView(updated));
    if (diff) await recordAudit(tx, actor, { action: "location.update", entityType: "location", entityId: id, ...diff });
    return updated;
  });
}

/**
 * Which devices may act as a location's kiosk. The kiosk hands out tickets from a limited daily contingent and checks
 * people in without a session, so it must not be reachable from anybody's phone: an administrator sets a tablet up
 * once (a signed cookie), and raising the location's kiosk generation signs out every kiosk of it (a lost tablet).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { findLocation } from "@/db/queries/locations";
import { locations, type Location } from "@/db/schema";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { inWriteTransaction } from "@/db/transaction";

export const KIOSK_COOKIE = "terminvergabe-kiosk";

function mac(secret: string, locationId: number, generation: number): string {
  return createHmac("sha256", secret).update(`kiosk-device:${locationId}:${generation}`, "utf8").digest("base64url");
}

/** The cookie value for a device an administrator sets up as the kiosk of `location`. */
export async function issueKioskKey(access: StaffAccess, locationId: number): Promise<{ value: string; location: Location }> {
  const context = authorize(access, "admin");
  const location = await inWriteTransaction(context.db, async (tx) => {
    const found = await findLocation(tx, locationId);
    if (!found) throw new NotFoundError("location");
    await tx.update(locations).set({ kioskInUse: true }).where(eq(locations.id, found.id));
    await recordAudit(tx, context.actor, { action: "kiosk.device_set_up", entityType: "location", entityId: found.id });
    return found;
  });
  return { value: `${location.id}.${location.kioskGeneration}.${mac(context.secret, location.id, location.kioskGeneration)}`, location };
}

/** Signs out every kiosk device of a location. */
export async function revokeKioskKeys(access: StaffAccess, locationId: number): Promise<void> {
  const context = authorize(access, "admin");
  await inWriteTransaction(context.db, async (tx) => {
    await tx.update(locations).set({ kioskGeneration: sql`${locations.kioskGeneration} + 1` }).where(eq(locations.id, locationId));
    await recordAudit(tx, context.actor, { action: "kiosk.devices_revoked", entityType: "location", entityId: locationId });
  });
}

/** Whether a cookie value is a current kiosk key for this location. */
export function isKioskDevice(context: Pick<ServiceContext, "secret">, location: Location, value: string | undefined): boolean {
  if (!value) return false;
  const [id, generation, given] = value.split(".");
  if (Number(id) !== location.id || Number(generation) !== location.kioskGeneration || !given) return false;
  const expected = Buffer.from(mac(context.secret, location.id, location.kioskGeneration));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

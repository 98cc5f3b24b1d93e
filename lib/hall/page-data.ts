import "server-only";
import { cookies } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { findLocationBySlug } from "@/db/queries/locations";
import type { Location } from "@/db/schema";
import { isLanguage } from "@/lib/i18n/locale";
import type { Language } from "@/lib/domain/enums";
import { appContext, type ServiceContext } from "@/lib/services/context";
import { isKioskDevice, KIOSK_COOKIE } from "@/lib/services/queue/kiosk-device";

/** An active location by the slug in the path of the hall's pages (kiosk, call display); anything else is "not found". */
export async function hallLocation(slug: string): Promise<{ context: ServiceContext; location: Location }> {
  const context = await appContext();
  const location = await findLocationBySlug(context.db, slug);
  if (!location || !location.active) notFound();
  return { context, location };
}

/** The kiosk's pages and actions answer only on a device an administrator set up for this location. */
export async function kioskLocation(slug: string): Promise<{ context: ServiceContext; location: Location }> {
  const found = await hallLocation(slug);
  const cookieStore = await cookies();
  if (!isKioskDevice(found.context, found.location, cookieStore.get(KIOSK_COOKIE)?.value)) forbidden();
  return found;
}

/** The kiosk serves one person after another: its language is chosen per visit (`?sprache=en`), German otherwise. */
export function kioskLanguage(value: string | string[] | undefined): Language {
  return typeof value === "string" && isLanguage(value) ? value : "de";
}

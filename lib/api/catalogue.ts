import type { z } from "zod";
import type { DbOrTransaction } from "@/db/client";
import { loadCatalogue } from "@/db/queries/catalogue";
import { listLocations } from "@/db/queries/locations";
import type { Language } from "@/lib/domain/enums";
import { formatTimeOfDay } from "@/lib/domain/zoned-time";
import type { concernListSchema, locationListSchema } from "./schemas";

type ConcernList = z.output<typeof concernListSchema>;
type LocationList = z.output<typeof locationListSchema>;

/** Picks the German or English value of a bilingual pair of columns. */
const inLanguage = <T>(language: Language, de: T, en: T): T => (language === "de" ? de : en);

/** Form links in the catalogue are site paths or absolute URLs; API clients need absolute ones. */
const absoluteUrl = (href: string, publicUrl: string) => (href.startsWith("/") ? `${publicUrl}${href}` : href);

/** Active concerns in display order, as the booking pages show them. */
export async function listConcernsForApi(db: DbOrTransaction, language: Language, publicUrl: string): Promise<ConcernList> {
  const activeLocations = await listLocations(db);
  const locationSlugs = new Map(activeLocations.map((location) => [location.id, location.slug]));
  return {
    concerns: (await loadCatalogue(db)).map((entry) => ({
      slug: entry.slug,
      category: { slug: entry.category.slug, name: inLanguage(language, entry.category.nameDe, entry.category.nameEn) },
      name: inLanguage(language, entry.nameDe, entry.nameEn),
      description: inLanguage(language, entry.descriptionDe, entry.descriptionEn),
      durationMinutes: entry.durationMinutes,
      feeCents: entry.feeCents,
      feeNote: inLanguage(language, entry.feeNoteDe, entry.feeNoteEn),
      maxQuantity: entry.maxQuantity,
      leikaKey: entry.leikaKey,
      documents: entry.documents.map(({ document, scope, count, condition }) => ({
        key: document.key,
        name: inLanguage(language, document.nameDe, document.nameEn),
        hint: inLanguage(language, document.hintDe, document.hintEn),
        scope,
        count,
        condition: condition && inLanguage(language, condition.de, condition.en),
      })),
      forms: entry.forms.map((form) => ({ title: inLanguage(language, form.titleDe, form.titleEn), url: absoluteUrl(form.href, publicUrl) })),
      // Only locations that take bookings: an inactive one is not a choice.
      locations: entry.locationIds.flatMap((id) => {
        const slug = locationSlugs.get(id);
        return slug ? [slug] : [];
      }),
    })),
  };
}

type Hours = { weekday: number; startMinute: number; endMinute: number };
const hoursView = ({ weekday, startMinute, endMinute }: Hours) => ({ weekday, start: formatTimeOfDay(startMinute), end: formatTimeOfDay(endMinute) });

/** Active locations with their weekly hours and the concerns each offers. */
export async function listLocationsForApi(db: DbOrTransaction, language: Language): Promise<LocationList> {
  const catalogue = await loadCatalogue(db);
  return {
    locations: (await listLocations(db)).map((location) => ({
      slug: location.slug,
      name: location.name,
      address: { street: location.street, postalCode: location.postalCode, city: location.city },
      timeZone: location.timeZone,
      federalState: location.federalState,
      phone: location.phone,
      email: location.email,
      directions: inLanguage(language, location.directionsDe, location.directionsEn),
      openingHours: location.openingHours.map(hoursView),
      // Walk-in blocks without a weekday are one-off dates, not part of the weekly hours (as on the home page).
      walkInHours: location.walkInBlocks.flatMap((block) => (block.weekday === null ? [] : [hoursView({ ...block, weekday: block.weekday })])),
      concerns: catalogue.filter((entry) => entry.locationIds.includes(location.id)).map((entry) => entry.slug),
    })),
  };
}

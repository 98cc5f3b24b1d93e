import { computeDays, type LocationSchedule } from "@/lib/domain/availability";
import { DEFAULT_TIME_ZONE, type BookingChannel } from "@/lib/domain/enums";
import { addDays, instantToZoned, isoWeekday, parseTimeOfDay, zonedToInstant, type IsoWeekday, type LocalDate } from "@/lib/domain/zoned-time";
import { hashPassword } from "@/lib/auth/password";
import { generateManageToken, generateReferenceCode, hashManageToken } from "@/lib/booking-tokens";
import type { AppDatabase, DbTransaction } from "../client";
import { findLocation, loadLocationSchedule } from "../queries/locations";
import {
  bookingItems,
  bookings,
  capacityWindowConcerns,
  capacityWindows,
  closures,
  concernCategories,
  concernDocuments,
  concernForms,
  concernLocations,
  concerns,
  documentAlternatives,
  documents,
  forms,
  locations,
  openingHours,
  settings,
  staffUsers,
  walkInBlocks,
} from "../schema";
import * as catalogue from "./catalogue";
import type { SeedConcern } from "./catalogue";
import { inWriteTransaction } from "@/db/transaction";

/**
 * Demo data for "Bürgerbüro Musterstadt" (Lower Saxony): two locations, the concern catalogue, opening hours with a
 * lunch break and a long Tuesday afternoon, capacity, a weekly open door, closures, demo accounts and a few days of
 * bookings around `now` so the staff day view has something to show.
 */

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@musterstadt.example", password: "Demo-Admin-2026!", name: "Alex Admin" },
  staff: { email: "sachbearbeitung@musterstadt.example", password: "Demo-Buero-2026!", name: "Sam Sachbearbeitung" },
} as const;

/** The demo locations are in the installation's default zone. */
const TIME_ZONE = DEFAULT_TIME_ZONE;
const t = (hhmm: string) => parseTimeOfDay(hhmm)!;

export type SeedSummary = { concerns: number; locations: number; bookings: number };

export async function isDatabaseEmpty(db: AppDatabase): Promise<boolean> {
  return (await db.select({ id: locations.id }).from(locations).limit(1)).length === 0;
}

export async function seedDemo(db: AppDatabase, now: Date): Promise<SeedSummary> {
  const [adminHash, staffHash] = await Promise.all([
    hashPassword(DEMO_ACCOUNTS.admin.password),
    hashPassword(DEMO_ACCOUNTS.staff.password),
  ]);
  return inWriteTransaction(db, async (tx) => {
    await insertSettings(tx);
    const { main, branch } = await insertLocations(tx);
    const concernIds = await insertCatalogue(tx, main, branch);
    await insertCapacity(tx, main, branch, concernIds);
    await insertClosures(tx, main, now);
    await tx.insert(staffUsers)
      .values([
        { email: DEMO_ACCOUNTS.admin.email, name: DEMO_ACCOUNTS.admin.name, passwordHash: adminHash, role: "admin" },
        { email: DEMO_ACCOUNTS.staff.email, name: DEMO_ACCOUNTS.staff.name, passwordHash: staffHash, role: "staff" },
      ]);
    const bookingCount = await insertDemoBookings(tx, [main, branch], concernIds, now);
    return { concerns: concernIds.size, locations: 2, bookings: bookingCount };
  });
}

async function insertSettings(tx: DbTransaction) {
  await tx.insert(settings)
    .values({
      id: 1,
      leadTimeMinutes: 120,
      horizonDays: 56,
      slotGridMinutes: 10,
      cancellationCutoffMinutes: 120,
      maxActiveBookingsPerEmail: 3,
      retentionDays: 14,
      officeName: "Bürgerbüro Musterstadt",
      operatorName: "Stadt Musterstadt",
      operatorStreet: "Rathausplatz 1",
      operatorPostalCode: "31134",
      operatorCity: "Musterstadt",
      operatorRepresentative: "Bürgermeisterin Dr. Maria Beispiel",
      contactPhone: "05121 9876-0",
      contactEmail: "buergerbuero@musterstadt.example",
      accessibilityContactEmail: "barrierefreiheit@musterstadt.example",
      dataProtectionOfficer: "Datenschutzbeauftragte der Stadt Musterstadt, Rathausplatz 1, 31134 Musterstadt, datenschutz@musterstadt.example",
      supervisoryAuthority:
        "Die Landesbeauftragte für den Datenschutz Niedersachsen, Prinzenstraße 5, 30159 Hannover",
      vatId: "",
    })
    .onConflictDoNothing();
}

type SeededLocation = { id: number; slug: string };

async function insertLocations(tx: DbTransaction): Promise<{ main: SeededLocation; branch: SeededLocation }> {
  const main = (await tx
    .insert(locations)
    .values({
      slug: "rathaus",
      name: "Bürgerbüro im Rathaus",
      street: "Rathausplatz 1",
      postalCode: "31134",
      city: "Musterstadt",
      timeZone: TIME_ZONE,
      federalState: "NI",
      phone: "05121 9876-0",
      email: "buergerbuero@musterstadt.example",
      directionsDe:
        "Erdgeschoss, Eingang Marktseite. Stufenloser Zugang, Aufzug und barrierefreies WC. Bushaltestelle „Rathaus“ (Linien 1, 4, 7) direkt vor dem Haus.",
      directionsEn:
        "Ground floor, entrance on the market side. Step-free access, lift and accessible toilet. Bus stop “Rathaus” (lines 1, 4, 7) right outside.",
      position: 1,
      // The open door (walk-in block below) hands out this many tickets a day at the kiosk.
      walkInTicketsPerDay: 40,
    })
    .returning({ id: locations.id, slug: locations.slug }))[0]!;
  const branch = (await tx
    .insert(locations)
    .values({
      slug: "nordstadt",
      name: "Bürgerbüro-Außenstelle Nordstadt",
      street: "Nordstraße 12",
      postalCode: "31137",
      city: "Musterstadt",
      timeZone: TIME_ZONE,
      federalState: "NI",
      phone: "05121 9876-500",
      email: "nordstadt@musterstadt.example",
      directionsDe: "Im Stadtteilzentrum Nordstadt, 1. Obergeschoss (Aufzug vorhanden). Parkplätze im Hof.",
      directionsEn: "In the Nordstadt community centre, first floor (lift available). Parking in the courtyard.",
      position: 2,
    })
    .returning({ id: locations.id, slug: locations.slug }))[0]!;

  const hours = (locationId: number, weekday: IsoWeekday, start: string, end: string) => ({
    locationId,
    weekday,
    startMinute: t(start),
    endMinute: t(end),
  });
  await tx.insert(openingHours)
    .values([
      // Rathaus: mornings every weekday, a long Tuesday afternoon and a short Thursday afternoon.
      hours(main.id, 1, "08:00", "12:30"),
      hours(main.id, 2, "08:00", "12:30"),
      hours(main.id, 2, "14:00", "18:00"),
      hours(main.id, 3, "08:00", "12:30"),
      hours(main.id, 4, "08:00", "12:30"),
      hours(main.id, 4, "14:00", "16:00"),
      hours(main.id, 5, "08:00", "12:00"),
      // Nordstadt: two half days.
      hours(branch.id, 1, "08:30", "12:00"),
      hours(branch.id, 4, "14:00", "18:00"),
    ]);
  return { main, branch };
}

async function insertCatalogue(tx: DbTransaction, main: SeededLocation, branch: SeededLocation): Promise<Map<string, number>> {
  return insertSampleCatalogue(tx, { locationIdsFor: (concern) => (concern.offeredAtBranch ? [main.id, branch.id] : [main.id]), asTemplate: false });
}

/**
 * The sample catalogue (db/seed/catalogue.ts) as rows: the demo's, or a new installation's starting point. As a
 * template its concerns arrive switched off and marked "to review": fees, documents and texts are Musterstadt's and
 * must be checked before citizens see them.
 */
export async function insertSampleCatalogue(
  tx: DbTransaction,
  options: { locationIdsFor: (concern: SeedConcern) => number[]; asTemplate: boolean },
): Promise<Map<string, number>> {
  const categoryIds = new Map<string, number>();
  for (const [index, category] of catalogue.categories.entries()) {
      const row = (await tx
        .insert(concernCategories)
        .values({ slug: category.key, nameDe: category.name.de, nameEn: category.name.en, position: index + 1, openByDefault: category.openByDefault })
        .returning({ id: concernCategories.id }))[0]!;
      categoryIds.set(category.key, row.id);
    }

  const documentIds = new Map<string, number>();
  for (const document of catalogue.documents) {
    const row = (await tx
      .insert(documents)
      .values({
        key: document.key,
        nameDe: document.name.de,
        nameEn: document.name.en,
        hintDe: document.hint?.de ?? null,
        hintEn: document.hint?.en ?? null,
      })
      .returning({ id: documents.id }))[0]!;
    documentIds.set(document.key, row.id);
  }

  for (const document of catalogue.documents) {
    for (const alternative of document.alternatives ?? []) {
      await tx.insert(documentAlternatives).values({ documentId: documentIds.get(document.key)!, alternativeId: documentIds.get(alternative)! });
    }
  }

  const formIds = new Map<string, number>();
  for (const form of catalogue.forms) {
    const row = (await tx
      .insert(forms)
      .values({ key: form.key, titleDe: form.title.de, titleEn: form.title.en, href: `/forms/${form.fileName}` })
      .returning({ id: forms.id }))[0]!;
    formIds.set(form.key, row.id);
  }

  const concernIds = new Map<string, number>();
  for (const [index, concern] of catalogue.concerns.entries()) {
      const row = (await tx
        .insert(concerns)
        .values({
          slug: concern.key,
          categoryId: categoryIds.get(concern.category)!,
          nameDe: concern.name.de,
          nameEn: concern.name.en,
          descriptionDe: concern.description.de,
          descriptionEn: concern.description.en,
          durationMinutes: concern.durationMinutes,
          feeCents: concern.feeCents,
          feeNoteDe: concern.feeNote?.de ?? null,
          feeNoteEn: concern.feeNote?.en ?? null,
          maxQuantity: concern.maxQuantity,
          leikaKey: concern.leikaKey ?? null,
          position: index + 1,
          active: !options.asTemplate,
          reviewPending: options.asTemplate,
        })
        .returning({ id: concerns.id }))[0]!;
      concernIds.set(concern.key, row.id);
      // One after the other and awaited: a transaction is one connection, and an insert that fails must fail the seed.
      for (const [position, link] of concern.documents.entries()) {
        await tx.insert(concernDocuments)
          .values({
            concernId: row.id,
            documentId: documentIds.get(link.document)!,
            scope: link.scope,
            count: link.count,
            conditionDe: link.condition?.de ?? null,
            conditionEn: link.condition?.en ?? null,
            position,
          });
      }
      for (const formKey of concern.forms) {
        await tx.insert(concernForms).values({ concernId: row.id, formId: formIds.get(formKey)! });
      }
      for (const locationId of options.locationIdsFor(concern)) await tx.insert(concernLocations).values({ concernId: row.id, locationId });
    }
  return concernIds;
}

async function insertCapacity(tx: DbTransaction, main: SeededLocation, branch: SeededLocation, concernIds: Map<string, number>) {
  const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5];
  await tx.insert(capacityWindows)
    .values([
      ...weekdays.map((weekday) => ({
        locationId: main.id,
        weekday,
        startMinute: t("08:00"),
        endMinute: t("18:00"),
        onlineCounters: 3,
        staffCounters: 1,
        note: "Allgemeine Schalter",
      })),
      { locationId: branch.id, weekday: 1, startMinute: t("08:30"), endMinute: t("12:00"), onlineCounters: 1, staffCounters: 1 },
      { locationId: branch.id, weekday: 4, startMinute: t("14:00"), endMinute: t("18:00"), onlineCounters: 1, staffCounters: 1 },
    ] as const);

  // A dedicated vehicle registration counter on Tuesday and Thursday mornings.
  const vehicleConcerns = ["fahrzeugzulassung", "ausserbetriebsetzung", "umschreibung"].map((key) => concernIds.get(key)!);
  for (const weekday of [2, 4] as const) {
    const window = (await tx
      .insert(capacityWindows)
      .values({
        locationId: main.id,
        weekday,
        startMinute: t("08:00"),
        endMinute: t("12:30"),
        onlineCounters: 1,
        staffCounters: 0,
        note: "Kfz-Schalter",
      })
      .returning({ id: capacityWindows.id }))[0]!;
    await tx.insert(capacityWindowConcerns)
      .values(vehicleConcerns.map((concernId) => ({ windowId: window.id, concernId })));
  }

  await tx.insert(walkInBlocks)
    .values({ locationId: main.id, weekday: 3, startMinute: t("08:00"), endMinute: t("10:00"), counters: 2, note: "Offene Tür: ohne Termin" });
}

/** Christmas Eve and New Year's Eve (not public holidays, but the Rathaus is closed) and a staff meeting. */
async function insertClosures(tx: DbTransaction, main: SeededLocation, now: Date) {
  const today = instantToZoned(now, TIME_ZONE).date;
  const year = Number(today.slice(0, 4));
  const wholeDay = (date: LocalDate) => ({ startsAt: zonedToInstant(date, 0, TIME_ZONE), endsAt: zonedToInstant(addDays(date, 1), 0, TIME_ZONE) });
  const upcoming = (monthDay: string) => (`${year}-${monthDay}` >= today ? `${year}-${monthDay}` : `${year + 1}-${monthDay}`);

  let staffMeeting = addDays(today, 10);
  while (isoWeekday(staffMeeting) !== 3) staffMeeting = addDays(staffMeeting, 1);

  await tx.insert(closures)
    .values([
      { locationId: null, ...wholeDay(upcoming("12-24")), reason: "Heiligabend" },
      { locationId: null, ...wholeDay(upcoming("12-31")), reason: "Silvester" },
      {
        locationId: main.id,
        startsAt: zonedToInstant(staffMeeting, t("10:30"), TIME_ZONE),
        endsAt: zonedToInstant(staffMeeting, t("12:30"), TIME_ZONE),
        reason: "Personalversammlung",
      },
    ]);
}

const DEMO_CITIZENS = [
  "Erika Mustermann",
  "Max Mustermann",
  "Aylin Demir",
  "Jonas Beispiel",
  "Sofia Kowalska",
  "Lukas Schmidt",
  "Mariam Haddad",
  "Hannah Weber",
  "Tomasz Nowak",
  "Leonie Fischer",
  "Emil Wagner",
  "Fatma Yılmaz",
];

const DEMO_REQUESTS: { concerns: [string, number][]; channel: BookingChannel }[] = [
  { concerns: [["personalausweis", 1]], channel: "online" },
  { concerns: [["reisepass", 1], ["personalausweis", 1]], channel: "online" },
  { concerns: [["anmeldung", 2]], channel: "online" },
  { concerns: [["kinderreisepass", 2]], channel: "phone" },
  { concerns: [["meldebescheinigung", 1]], channel: "online" },
  { concerns: [["fuehrungszeugnis", 1]], channel: "phone" },
  { concerns: [["abholung-ausweisdokument", 1]], channel: "online" },
  { concerns: [["ummeldung", 1]], channel: "online" },
  { concerns: [["beglaubigung", 3]], channel: "phone" },
];

/**
 * A handful of bookings per working day for the last two and next five working days, placed with the availability
 * engine so the demo never shows an overbooked counter. Past ones get a final status, as staff would have set it.
 */
async function insertDemoBookings(tx: DbTransaction, sites: SeededLocation[], concernIds: Map<string, number>, now: Date): Promise<number> {
  const today = instantToZoned(now, TIME_ZONE).date;
  const durationOf = new Map(catalogue.concerns.map((c) => [c.key, c.durationMinutes]));
  let count = 0;
  let pick = 0;
  for (let offset = -3; offset <= 7; offset++) {
    const date = addDays(today, offset);
    for (const site of sites) {
      const perDay = site.slug === "rathaus" ? 6 : 2;
      for (let n = 0; n < perDay; n++) {
        const request = DEMO_REQUESTS[pick % DEMO_REQUESTS.length]!;
        pick += 1;
        const offeredHere = request.concerns.every(([key]) => site.slug === "rathaus" || catalogue.concerns.find((c) => c.key === key)?.offeredAtBranch);
        if (!offeredHere) continue;
        const minutes = request.concerns.reduce((sum, [key, quantity]) => sum + durationOf.get(key)! * quantity, 0);
        const durationMinutes = Math.ceil(minutes / 10) * 10;
        const ids = request.concerns.map(([key]) => concernIds.get(key)!);
        const schedule = await loadScheduleForSeed(tx, site.id, date);
        const [day] = computeDays({
          // Evaluate as of the day's start so past days can be filled too.
          now: zonedToInstant(date, 0, TIME_ZONE),
          schedule,
          rules: { leadTimeMinutes: 0, horizonDays: 1, slotGridMinutes: 10 },
          audience: request.channel === "online" ? "online" : "staff",
          concernIds: ids,
          durationMinutes,
          from: date,
          to: date,
        });
        const slots = day?.slots ?? [];
        if (slots.length === 0) continue;
        const slot = slots[(pick * 7) % slots.length]!;
        const citizen = DEMO_CITIZENS[count % DEMO_CITIZENS.length]!;
        const isPast = slot.endsAt.getTime() < now.getTime();
        const status = isPast ? (count % 7 === 3 ? "no_show" : "done") : "booked";
        const booking = (await tx
          .insert(bookings)
          .values({
            referenceCode: generateReferenceCode(),
            manageTokenHash: hashManageToken(generateManageToken()),
            status,
            channel: request.channel,
            locationId: site.id,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            citizenName: citizen,
            email: request.channel === "online" ? `${citizen.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org` : null,
            phone: request.channel === "phone" ? "0151 2345678" : null,
            language: count % 5 === 4 ? "en" : "de",
            checkedInAt: status === "done" ? slot.startsAt : null,
            finishedAt: status === "done" ? slot.endsAt : null,
          })
          .returning({ id: bookings.id }))[0]!;
        await tx.insert(bookingItems)
          .values(
            request.concerns.map(([key, quantity]) => ({
              bookingId: booking.id,
              concernId: concernIds.get(key)!,
              quantity,
              durationMinutes: durationOf.get(key)!,
              feeCents: catalogue.concerns.find((c) => c.key === key)?.feeCents ?? null,
            })),
          );
        count += 1;
      }
    }
  }
  return count;
}

async function loadScheduleForSeed(tx: DbTransaction, locationId: number, date: LocalDate): Promise<LocationSchedule> {
  const location = (await findLocation(tx, locationId))!;
  return loadLocationSchedule(tx, location, zonedToInstant(date, 0, TIME_ZONE), zonedToInstant(addDays(date, 1), 0, TIME_ZONE));
}

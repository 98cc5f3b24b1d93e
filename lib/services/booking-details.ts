import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { loadCatalogue, loadDocumentAlternatives, type CatalogueEntry } from "@/db/queries/catalogue";
import { findLocation } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { preparedOnce } from "@/db/prepared";
import { bookingItems, type Booking, type Location } from "@/db/schema";
import { mergeChecklist, totalFeeCents, type DocumentAlternatives } from "@/lib/domain/checklist";
import type { Language } from "@/lib/domain/enums";
import { buildCalendarFile } from "@/lib/domain/ics";
import type { OutboxAttachment } from "@/db/schema";
import { calendarTexts, renderBookingEmail, type BookingEmailData } from "@/lib/email/templates";
import { enqueueEmail } from "@/lib/email/outbox";
import type { EmailKind } from "@/lib/domain/enums";

/** One document to bring, in the reader's language. */
export type ChecklistItem = { key: string; name: string; hint: string | null; quantity: number };
/** A document needed only under conditions ("Nur wenn eine andere Person für Sie kommt"). */
export type ConditionalChecklistItem = ChecklistItem & { conditions: string[] };
/** What to bring: always, and only if … (each with its condition), as lib/domain/checklist.ts merges it. */
export type BookingChecklist = { required: ChecklistItem[]; conditional: ConditionalChecklistItem[] };

/** A booking with everything pages, e-mails and calendar files show about it, in one language. */
export type BookingDetails = {
  booking: Booking;
  location: Location;
  items: { concernId: number; slug: string; name: string; quantity: number; durationMinutes: number; feeCents: number | null; feeNote: string | null }[];
  checklist: BookingChecklist;
  totalFeeCents: number | null;
};

/** A booking's concerns as stored: which, how many, and the duration and fee they had when booked. */
export type BookedItem = { concernId: number; quantity: number; durationMinutes: number; feeCents: number | null };

export async function loadBookingDetails(db: DbOrTransaction, booking: Booking, language: Language): Promise<BookingDetails> {
  const itemRows = await preparedOnce(db, "booking-items", (d) => d.select().from(bookingItems).where(eq(bookingItems.bookingId, sql.placeholder("bookingId"))).orderBy(asc(bookingItems.id)).prepare()).execute({
    bookingId: booking.id,
  });
  return bookingDetailsFrom(db, booking, itemRows, language);
}

/**
 * The details from item rows already at hand: the booking transaction passes the rows it has just written, so neither
 * its e-mail nor the API's answer reads them back (in item order, as a read would return them).
 */
export async function bookingDetailsFrom(db: DbOrTransaction, booking: Booking, itemRows: readonly BookedItem[], language: Language): Promise<BookingDetails> {
  const location = (await findLocation(db, booking.locationId))!;
  // Names and documents come from the catalogue as it is now (inactive concerns included); durations and fees of the
  // items are the booking's own.
  const catalogue = await loadCatalogue(db, { includeInactive: true });
  const de = language === "de";
  const items = itemRows.map((item) => {
    const concern = catalogue.find((c) => c.id === item.concernId)!;
    return {
      concernId: item.concernId,
      slug: concern.slug,
      name: de ? concern.nameDe : concern.nameEn,
      quantity: item.quantity,
      durationMinutes: item.durationMinutes,
      feeCents: item.feeCents,
      feeNote: de ? concern.feeNoteDe : concern.feeNoteEn,
    };
  });
  const checklist = checklistFor(catalogue, await loadDocumentAlternatives(db), itemRows, language);
  return { booking, location, items, checklist, totalFeeCents: totalFeeCents(items) };
}

/** The merged list of documents to bring for some concerns, in the reader's language. */
export function checklistFor(
  catalogue: readonly CatalogueEntry[],
  alternatives: DocumentAlternatives,
  items: readonly { concernId: number; quantity: number }[],
  language: Language,
): BookingChecklist {
  const de = language === "de";
  const merged = mergeChecklist(
    items.map((item) => ({
      concernId: item.concernId,
      quantity: item.quantity,
      documents: (catalogue.find((c) => c.id === item.concernId)?.documents ?? []).map((d) => ({
        key: d.document.key,
        scope: d.scope,
        count: d.count,
        condition: d.condition && (de ? d.condition.de : d.condition.en),
      })),
    })),
    alternatives,
  );
  const documentsByKey = new Map(catalogue.flatMap((c) => c.documents.map((d) => [d.document.key, d.document] as const)));
  const item = (entry: { key: string; quantity: number }): ChecklistItem => {
    const document = documentsByKey.get(entry.key)!;
    return { key: entry.key, name: de ? document.nameDe : document.nameEn, hint: de ? document.hintDe : document.hintEn, quantity: entry.quantity };
  };
  return {
    required: merged.required.map(item),
    conditional: merged.conditional.map((entry) => ({ ...item(entry), conditions: entry.conditions })),
  };
}

/** What a change or a reminder adds to a booking's e-mail. */
type MailExtra = "manageUrl" | "previousStartsAt" | "officeReason" | "rebookUrl" | "cancelUrl" | "linkReplaced" | "confirmUrl" | "confirmBy";

export async function emailDataFor(
  db: DbOrTransaction,
  details: BookingDetails,
  kind: EmailKind,
  extras: Partial<Pick<BookingEmailData, MailExtra>>,
): Promise<BookingEmailData> {
  const settings = await getSettings(db);
  const { booking, location } = details;
  const de = booking.language === "de";
  return {
    kind,
    language: booking.language,
    officeName: settings.officeName,
    officePhone: location.phone || settings.contactPhone,
    citizenName: booking.citizenName,
    referenceCode: booking.referenceCode,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    timeZone: location.timeZone,
    location: {
      name: location.name,
      street: location.street,
      postalCode: location.postalCode,
      city: location.city,
      directions: de ? location.directionsDe : location.directionsEn,
    },
    items: details.items.map((i) => ({ name: i.name, quantity: i.quantity })),
    checklist: {
      required: details.checklist.required.map((c) => ({ name: c.name, hint: c.hint, quantity: c.quantity })),
      conditional: details.checklist.conditional.map((c) => ({ name: c.name, hint: c.hint, quantity: c.quantity, conditions: c.conditions })),
    },
    totalFeeCents: details.totalFeeCents,
    manageUrl: extras.manageUrl ?? null,
    cancellationCutoffMinutes: settings.cancellationCutoffMinutes,
    previousStartsAt: extras.previousStartsAt,
    officeReason: extras.officeReason,
    rebookUrl: extras.rebookUrl,
    cancelUrl: extras.cancelUrl,
    linkReplaced: extras.linkReplaced,
    confirmUrl: extras.confirmUrl,
    confirmBy: extras.confirmBy,
    kioskCheckIn: location.kioskInUse,
  };
}

export function calendarFileFor(data: BookingEmailData, booking: Booking, stamp: Date): string {
  const texts = calendarTexts(data);
  return buildCalendarFile({
    uid: `${booking.referenceCode}@terminvergabe`,
    sequence: booking.revision,
    stamp,
    start: booking.startsAt,
    end: booking.endsAt,
    timeZone: data.timeZone,
    summary: texts.summary,
    description: texts.description,
    location: texts.location,
    url: data.manageUrl ?? undefined,
    status: booking.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    // The reminder e-mail is the reminder: its file has no alarm of its own (lib/domain/ics.ts).
    alarm: data.kind !== "booking_reminder",
  });
}

/**
 * Queues the e-mail for a booking change with its calendar file, if the citizen gave an address. Returns the outbox
 * row's id, or null when there is no address.
 */
export async function notifyCitizen(
  tx: DbOrTransaction,
  booking: Booking,
  kind: EmailKind,
  extras: Partial<Pick<BookingEmailData, MailExtra>>,
  options: { now: Date; canSend: boolean; details?: BookingDetails },
): Promise<number | null> {
  if (!booking.email) return null;
  const details = options.details ?? await loadBookingDetails(tx, booking, booking.language);
  const data = await emailDataFor(tx, details, kind, extras);
  // A time held until the citizen confirms it is not an appointment yet: its calendar file comes with the confirmation.
  const attachments: OutboxAttachment[] =
    kind === "booking_confirm_request"
      ? []
      : [{ filename: "termin.ics", contentType: "text/calendar; charset=utf-8", contentBase64: Buffer.from(calendarFileFor(data, booking, options.now), "utf8").toString("base64") }];
  return enqueueEmail(tx, { kind, bookingId: booking.id, recipient: booking.email, email: renderBookingEmail(data), attachments }, options);
}

import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bookings, emailOutbox, settings } from "@/db/schema";
import type { RequestedItem } from "@/lib/domain/booking-request";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/i18n/format";
import { concernId, freeSlots, locationId, seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "./audit";
import { confirmationToken, confirmHeldBooking, findByConfirmationToken } from "./booking-confirmation";
import { createBooking, createPhoneBooking, findBookingByToken, SlotTakenError } from "./bookings";
import type { ServiceContext } from "./context";
import { deriveManageToken, generateFormNonce } from "@/lib/booking-tokens";
import { confirmWaitingListEntry, signUpForWaitingList } from "./waiting-list/entries";
import { runWaitingListRound } from "./waiting-list/offers";

/* Nordstadt, Monday 30 November: a day the tests fill, so a released hold is the only free time. */
const DAY = "2026-11-30";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let clock: Date;
beforeEach(async () => {
  fixture = await seededContext();
  clock = TEST_NOW;
  context = { ...fixture.context, now: () => clock };
  await context.db.update(settings).set({ bookingConfirmationMinutes: 30 });
});
afterEach(() => fixture.cleanup());

const idCard = async (): Promise<RequestedItem[]> => [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }];
const branch = async () => locationId(context.db, "nordstadt");
const later = (minutes: number) => new Date(clock.getTime() + minutes * 60_000);

async function book(startsAt: Date, email = "erika@example.org") {
  return createBooking(context, CITIZEN_ACTOR, {
    locationId: await branch(),
    items: await idCard(),
    startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  });
}

const mails = async (bookingId: number) => await context.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId));
const tokenFromMail = async (bookingId: number) => {
  const request = (await mails(bookingId)).find((mail) => mail.kind === "booking_confirm_request")!;
  return /\/termin\/bestaetigen\/(\d+\.[A-Za-z0-9_-]+)\n/.exec(request.text)![1]!;
};
const statusOf = async (id: number) => (await context.db.select().from(bookings).where(eq(bookings.id, id)))[0]!;

describe("double opt-in for online bookings", () => {
  it("holds the time until the deadline and mails a confirmation link instead of the manage link", async () => {
    const [slot] = await freeSlots(context.db, await idCard(), "nordstadt", DAY);
    const { booking, manageToken } = await book(slot!.startsAt);
    expect(booking).toMatchObject({ status: "held", holdPurpose: "confirmation", heldUntil: later(30) });

    const [request, ...others] = await mails(booking.id);
    expect(others).toEqual([]);
    expect(request).toMatchObject({ kind: "booking_confirm_request", attachments: [] });
    expect(request!.text).toContain(`/termin/bestaetigen/${confirmationToken(context.secret, booking)}`);
    expect(request!.text).not.toContain(manageToken);
    expect(request!.text).not.toContain("termin.ics"); // no calendar file yet, so the mail does not promise one
    expect(request!.text).toContain(formatDateTime(later(30), "de", "Europe/Berlin")); // the deadline, in the location's time zone
    // The manage link is no way around the confirmation: it does not open a held booking.
    expect(await findBookingByToken(context.db, manageToken)).toBeNull();

    // Held means taken: nobody else gets the time.
    expect((await freeSlots(context.db, await idCard(), "nordstadt", DAY)).some((s) => s.startsAt.getTime() === slot!.startsAt.getTime())).toBe(false);
    await expect((async () => book(slot!.startsAt, "max@example.org"))()).rejects.toThrow(SlotTakenError);
  });

  it("confirms only by the POST behind the link: reading changes nothing, a forged link finds nothing, twice is harmless", async () => {
    const [slot] = await freeSlots(context.db, await idCard(), "nordstadt", DAY);
    const { booking, manageToken } = await book(slot!.startsAt);
    const token = await tokenFromMail(booking.id);

    expect(await findByConfirmationToken(context.db, context.secret, token, clock)).toMatchObject({ state: "open" });
    expect((await statusOf(booking.id)).status).toBe("held");
    expect(await findByConfirmationToken(context.db, context.secret, `${booking.id}.${"A".repeat(43)}`, clock)).toBeNull();
    expect(await findByConfirmationToken(context.db, context.secret, `${booking.id + 1}.${token.split(".")[1]}`, clock)).toBeNull();
    expect(await findByConfirmationToken(context.db, "another-secret-another-secret-000", token, clock)).toBeNull();

    clock = later(29);
    const confirmed = await confirmHeldBooking(context, token);
    expect(confirmed.manageToken).toBe(manageToken);
    expect(await statusOf(booking.id)).toMatchObject({ status: "booked", holdPurpose: null, heldUntil: null });
    const confirmation = (await mails(booking.id)).filter((mail) => mail.kind === "booking_confirmation");
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.text).toContain(`/termin/verwalten/${manageToken}`);
    expect(confirmation[0]!.attachments).toHaveLength(1);
    expect((await findBookingByToken(context.db, manageToken))?.id).toBe(booking.id);

    await confirmHeldBooking(context, token);
    expect((await mails(booking.id)).filter((mail) => mail.kind === "booking_confirmation")).toHaveLength(1);
    expect(await findByConfirmationToken(context.db, context.secret, token, clock)).toMatchObject({ state: "confirmed" });
  });

  it("releases an unconfirmed hold on time and offers the time to the waiting list first", async () => {
    // Fill the day with holds; the first of them will lapse.
    const held: number[] = [];
    for (let n = 0; ; n++) {
      const [slot] = await freeSlots(context.db, await idCard(), "nordstadt", DAY);
      if (!slot) break;
      held.push((await book(slot.startsAt, `fill${n}@example.org`)).booking.id);
    }
    expect(held.length).toBeGreaterThan(1);
    // The others confirm; a waiting-list entry for that day waits.
    for (const id of held.slice(1)) await confirmHeldBooking(context, await tokenFromMail(id));
    const { token: entryToken } = await signUpForWaitingList(context, { name: "Wartende", email: "wait@example.org", language: "de", items: await idCard(), locationIds: [await branch()], fromDate: DAY, toDate: DAY });
    await confirmWaitingListEntry(context, entryToken!);

    clock = later(29);
    expect((await runWaitingListRound(context)).released).toBe(0);
    expect((await statusOf(held[0]!)).status).toBe("held");

    clock = later(1); // exactly the deadline
    const round = await runWaitingListRound(context);
    expect(round).toMatchObject({ released: 1, offers: 1 });
    expect((await statusOf(held[0]!)).status).toBe("released");
    const offer = (await context.db.select().from(bookings).where(and(eq(bookings.status, "held"), eq(bookings.holdPurpose, "offer"))))[0]!;
    expect(offer.startsAt).toEqual((await statusOf(held[0]!)).startsAt);

    const lapsed = await tokenFromMail(held[0]!);
    expect(await findByConfirmationToken(context.db, context.secret, lapsed, clock)).toMatchObject({ state: "lapsed" });
    await expect((async () => confirmHeldBooking(context, lapsed))()).rejects.toThrow(expect.objectContaining({ code: "booking_not_active" }) as AppError);
  });

  it("counts held bookings towards the limit per e-mail address", async () => {
    await context.db.update(settings).set({ maxActiveBookingsPerEmail: 1 });
    const [first, second] = await freeSlots(context.db, await idCard(), "nordstadt", DAY);
    await book(first!.startsAt);
    await expect((async () => book(second!.startsAt))()).rejects.toThrow(expect.objectContaining({ code: "too_many_active_bookings" }) as AppError);
  });

  it("never holds phone bookings, and books at once when the setting is 0", async () => {
    const [first, second] = await freeSlots(context.db, await idCard(), "nordstadt", DAY);
    const clerk = await signedInAccess(context, "staff");
    const phone = await createPhoneBooking(clerk, { locationId: await branch(), items: await idCard(), startsAt: first!.startsAt, citizen: { name: "Anrufer", email: "call@example.org", phone: null, note: null }, language: "de", linkNonce: generateFormNonce() });
    expect(phone.booking.status).toBe("booked");
    await context.db.update(settings).set({ bookingConfirmationMinutes: 0 });
    const online = await book(second!.startsAt, "max@example.org");
    expect(online.booking.status).toBe("booked");
    expect((await mails(online.booking.id)).map((mail) => mail.kind)).toEqual(["booking_confirmation"]);
    expect((await findBookingByToken(context.db, deriveManageToken(context.secret, online.booking.linkNonce!)))?.id).toBe(online.booking.id);
  });
});

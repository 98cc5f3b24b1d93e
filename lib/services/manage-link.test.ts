import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bookings, emailOutbox } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { CITIZEN_ACTOR } from "./audit";
import { cancelBookingByToken, createBooking, findBookingByToken } from "./bookings";
import type { ServiceContext } from "./context";
import { sendManageLinkAgain } from "./manage-link";
import { generateFormNonce, generateManageToken, hashManageToken } from "@/lib/booking-tokens";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let clock: Date;
beforeEach(async () => {
  fixture = await seededContext();
  clock = fixture.context.now();
  context = { ...fixture.context, now: () => clock };
});
afterEach(() => fixture.cleanup());

const MANAGE_URL = /https:\/\/termine\.musterstadt\.example\/termin\/verwalten\/([A-Za-z0-9_-]+)/;

async function book(email = "erika.mustermann@example.org", startsAt = zonedToInstant("2026-12-08", 9 * 60, TZ)) {
  return createBooking(context, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  });
}

const linkMails = async () => await context.db.select().from(emailOutbox).where(eq(emailOutbox.kind, "manage_link"));

describe("sending the manage link again", () => {
  it.each([
    { name: "as printed", code: (c: string) => c, email: "erika.mustermann@example.org" },
    { name: "lower case without the dash", code: (c: string) => c.toLowerCase().replace("-", ""), email: "erika.mustermann@example.org" },
    { name: "with spaces, the address in capitals", code: (c: string) => ` ${c.replace("-", " ")} `, email: " Erika.Mustermann@EXAMPLE.org " },
  ])("sends the link the citizen already has for a known pair typed $name", async ({ code, email }) => {
    const { booking, manageToken } = await book();
    expect(await sendManageLinkAgain(context, { referenceCode: code(booking.referenceCode), email })).toBeUndefined();
    const [mail, ...more] = await linkMails();
    expect(more).toHaveLength(0);
    expect(mail!.recipient).toBe("erika.mustermann@example.org");
    expect(mail!.bookingId).toBe(booking.id);
    expect(mail!.subject).toBe("Ihr Link zum Termin am Dienstag, 8. Dezember 2026 – Bürgerbüro Musterstadt");
    expect(MANAGE_URL.exec(mail!.text)![1]).toBe(manageToken);
    expect((await findBookingByToken(context.db, manageToken))?.id).toBe(booking.id);
  });

  it("recognises another spelling of the same mailbox, and writes to the address of the booking", async () => {
    const { booking } = await book("anna+termine@gmail.com");
    await sendManageLinkAgain(context, { referenceCode: booking.referenceCode, email: "a.n.n.a@googlemail.com" });
    expect((await linkMails()).map((m) => m.recipient)).toEqual(["anna+termine@gmail.com"]);
  });

  it("answers the same and sends nothing for pairs that do not belong to an active future booking", async () => {
    const { booking } = await book();
    const cancelled = await book("cancelled@example.org", zonedToInstant("2026-12-08", 10 * 60, TZ));
    await cancelBookingByToken(context, cancelled.manageToken);
    const past = await book("past@example.org", zonedToInstant("2026-11-25", 10 * 60, TZ));

    const unknownPairs = [
      { referenceCode: booking.referenceCode, email: "someone.else@example.org" },
      { referenceCode: "ACDE-FGHJ", email: "erika.mustermann@example.org" },
      { referenceCode: "not a code", email: "erika.mustermann@example.org" },
      { referenceCode: cancelled.booking.referenceCode, email: "cancelled@example.org" },
    ];
    for (const pair of unknownPairs) expect(await sendManageLinkAgain(context, pair)).toBeUndefined();
    clock = zonedToInstant("2026-11-25", 10 * 60, TZ);
    expect(await sendManageLinkAgain(context, { referenceCode: past.booking.referenceCode, email: "past@example.org" })).toBeUndefined();
    expect(await linkMails()).toHaveLength(0);

    // The control: the same call with the right pair does send.
    await sendManageLinkAgain(context, { referenceCode: booking.referenceCode, email: "erika.mustermann@example.org" });
    expect(await linkMails()).toHaveLength(1);
  });

  it("replaces a link that cannot be derived again (a booking from before link nonces) and says so", async () => {
    const { booking } = await book();
    const oldToken = generateManageToken();
    await context.db.update(bookings).set({ linkNonce: null, manageTokenHash: hashManageToken(oldToken) }).where(eq(bookings.id, booking.id));
    await sendManageLinkAgain(context, { referenceCode: booking.referenceCode, email: "erika.mustermann@example.org" });
    const [mail] = await context.db.select().from(emailOutbox).where(and(eq(emailOutbox.kind, "manage_link"), eq(emailOutbox.bookingId, booking.id)));
    const token = MANAGE_URL.exec(mail!.text)![1]!;
    expect((await findBookingByToken(context.db, token))?.id).toBe(booking.id);
    expect(await findBookingByToken(context.db, oldToken)).toBeNull();
    expect(mail!.text).toContain("Ältere Links zu diesem Termin funktionieren nicht mehr.");
  });
});

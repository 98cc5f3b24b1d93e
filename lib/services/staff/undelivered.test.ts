import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bookings, emailOutbox } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { processOutbox } from "@/lib/email/outbox";
import { MailTransportError, type MailTransport, type OutgoingEmail } from "@/lib/email/transport";
import { concernId, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "../audit";
import { cancelBookingByStaff, createBooking, deleteBookingDataByToken, findBookingByToken, rescheduleBookingByStaff } from "../bookings";
import type { ServiceContext } from "../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { countUndelivered, listUndelivered, resendConfirmation } from "./undelivered";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let clerk: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext({ canSendMail: true });
  context = fixture.context;
  clerk = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const MAIL = { from: "Bürgerbüro <termine@musterstadt.example>", replyTo: null };
const MANAGE_URL = /https:\/\/termine\.musterstadt\.example\/termin\/verwalten\/([A-Za-z0-9_-]+)/;

async function book(time: string, email: string, name = "Erika Mustermann") {
  const linkNonce = generateFormNonce();
  const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: zonedToInstant("2026-12-08", Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ),
    channel: "online",
    citizen: { name, email, phone: null, note: null },
    language: "de",
    linkNonce,
  });
  return { booking, manageToken };
}

/** A provider that refuses the addresses listed (permanently, as for a typo) and accepts the others. */
function provider(refused: string[]): MailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    async send(email) {
      if (refused.includes(email.to)) throw new MailTransportError("validation_error (422)", false);
      sent.push(email);
      return { providerMessageId: `msg-${sent.length}` };
    },
  };
}

const runOutbox = (transport: MailTransport) => processOutbox(context.db, transport, MAIL, context.now);
const outboxRows = async (bookingId: number) => await context.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId)).orderBy(emailOutbox.id);

describe("listing undelivered confirmations", () => {
  it("shows the failed confirmations of active bookings only, and counts them", async () => {
    const failed = await book("09:00", "tippfehler@example.orgg", "Erika Mustermann");
    const cancelled = await book("09:20", "auch-falsch@example.orgg", "Max Muster");
    const delivered = await book("09:40", "richtig@example.org", "Lea Lang");
    await runOutbox(provider(["tippfehler@example.orgg", "auch-falsch@example.orgg"]));
    await cancelBookingByStaff(clerk, cancelled.booking.id);

    const entries = await listUndelivered(clerk);
    expect(entries).toEqual([
      {
        outboxId: (await outboxRows(failed.booking.id))[0]!.id,
        kind: "booking_confirmation",
        recipient: "tippfehler@example.orgg",
        reason: "rejected",
        failedAt: TEST_NOW,
        booking: {
          id: failed.booking.id,
          referenceCode: failed.booking.referenceCode,
          citizenName: "Erika Mustermann",
          startsAt: failed.booking.startsAt,
          locationName: expect.any(String),
          timeZone: TZ,
        },
      },
    ]);
    expect(await countUndelivered(clerk)).toBe(1);
    expect((await outboxRows(delivered.booking.id))[0]!.status).toBe("sent");
  });

  it("lists a booking once, with its latest failed message, and forgets it once the appointment is over", async () => {
    const { booking } = await book("09:00", "tippfehler@example.orgg");
    await rescheduleBookingByStaff(clerk, booking.id, zonedToInstant("2026-12-08", 10 * 60, TZ));
    await runOutbox(provider(["tippfehler@example.orgg"]));
    expect((await outboxRows(booking.id)).map((row) => row.status)).toEqual(["failed", "failed"]);
    expect((await listUndelivered(clerk)).map((entry) => entry.kind)).toEqual(["booking_rescheduled"]);
    expect(await countUndelivered(clerk)).toBe(1);

    const afterwards = await signedInAccess({ ...context, now: () => zonedToInstant("2026-12-08", 11 * 60, TZ) }, "staff");
    expect(await listUndelivered(afterwards)).toEqual([]);
    expect(await countUndelivered(afterwards)).toBe(0);
  });
});

describe("sending a confirmation again", () => {
  async function failedConfirmation(email = "tippfehler@example.orgg") {
    const made = await book("09:00", email);
    await runOutbox(provider([email]));
    const [row] = await outboxRows(made.booking.id);
    expect(row!.status).toBe("failed");
    return { ...made, failedId: row!.id };
  }

  it("issues a fresh manage link: the old one stops working, the new mail carries the new one", async () => {
    const { booking, manageToken, failedId } = await failedConfirmation("erika@example.org");
    const outcome = await resendConfirmation(clerk, failedId);

    expect(await findBookingByToken(context.db, manageToken)).toBeNull();
    const queued = (await context.db.select().from(emailOutbox).where(eq(emailOutbox.id, outcome.outboxId)))[0]!;
    expect(queued).toMatchObject({ kind: "booking_confirmation", status: "pending", recipient: "erika@example.org", bookingId: booking.id });
    const newToken = MANAGE_URL.exec(queued.text)?.[1];
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(manageToken);
    expect((await findBookingByToken(context.db, newToken!))?.id).toBe(booking.id);
    // The current booking, rendered with the same template as at booking time.
    expect(queued.text).toContain(booking.referenceCode);
    expect(queued.text).toContain("Bitte mitbringen:");
    expect(queued.html).toContain(`/termin/verwalten/${newToken}`);
    expect(queued.attachments[0]!.filename).toBe("termin.ics");

    // The failed message is resolved: off the list, and not sent twice.
    expect((await context.db.select().from(emailOutbox).where(eq(emailOutbox.id, failedId)))[0]!.status).toBe("superseded");
    expect(await listUndelivered(clerk)).toEqual([]);
    expect(await countUndelivered(clerk)).toBe(0);

    // The worker sends it.
    const transport = provider([]);
    expect(await runOutbox(transport)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(transport.sent[0]!.text).toContain(`/termin/verwalten/${newToken}`);
  });

  it("sends to a corrected address and keeps it with the booking", async () => {
    const { booking, failedId } = await failedConfirmation();
    const outcome = await resendConfirmation(clerk, failedId, { correctedEmail: " Erika@Example.org " });
    expect((await context.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!.email).toBe("erika@example.org");
    expect((await context.db.select().from(emailOutbox).where(eq(emailOutbox.id, outcome.outboxId)))[0]!.recipient).toBe("erika@example.org");
  });

  it("writes an audit entry without personal data", async () => {
    const { booking, failedId } = await failedConfirmation();
    const outcome = await resendConfirmation(clerk, failedId, { correctedEmail: "erika@example.org" });
    const entry = (await context.db.select().from(auditLog).where(and(eq(auditLog.action, "email.resend"), eq(auditLog.entityId, String(booking.id)))))[0]!;
    expect(entry).toMatchObject({ actorUserId: clerk.user.id, entityType: "booking" });
    expect(entry.before).toEqual({ outboxId: failedId, kind: "booking_confirmation", reason: "rejected" });
    expect(entry.after).toEqual({ outboxId: outcome.outboxId, kind: "booking_confirmation", referenceCode: booking.referenceCode, addressCorrected: true });
    const recorded = JSON.stringify([entry.before, entry.after]);
    for (const personal of ["Erika", "Mustermann", "example.org", "verwalten"]) expect(recorded).not.toContain(personal);
  });

  it("renders a change notice again without the earlier time it no longer knows", async () => {
    const { booking } = await book("09:00", "tippfehler@example.orgg");
    await rescheduleBookingByStaff(clerk, booking.id, zonedToInstant("2026-12-08", 10 * 60, TZ));
    await runOutbox(provider(["tippfehler@example.orgg"]));
    const [entry] = await listUndelivered(clerk);
    const outcome = await resendConfirmation(clerk, entry!.outboxId, { correctedEmail: "erika@example.org" });
    const queued = (await context.db.select().from(emailOutbox).where(eq(emailOutbox.id, outcome.outboxId)))[0]!;
    expect(queued.kind).toBe("booking_rescheduled");
    expect(queued.text).toContain("Ihr Termin wurde verschoben. Bitte beachten Sie die neue Uhrzeit.");
    expect(queued.text).not.toContain("(Bisher:");
    expect(queued.text).toMatch(MANAGE_URL);
    // Both failed messages are answered by the one new mail.
    expect((await outboxRows(booking.id)).map((row) => row.status)).toEqual(["superseded", "superseded", "pending"]);
  });

  it("refuses a cancelled booking", async () => {
    const { booking, failedId } = await failedConfirmation();
    await cancelBookingByStaff(clerk, booking.id);
    await expect((async () => resendConfirmation(clerk, failedId))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("refuses an anonymized booking", async () => {
    const { booking, manageToken, failedId } = await failedConfirmation();
    await deleteBookingDataByToken(context, manageToken);
    await expect((async () => resendConfirmation(clerk, failedId))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
    // Even if a failed row had survived the erasure.
    await context.db
      .insert(emailOutbox)
      .values({ kind: "booking_confirmation", bookingId: booking.id, recipient: "", subject: "", html: "", text: "", status: "failed", nextAttemptAt: TEST_NOW, createdAt: TEST_NOW });
    const survivor = (await outboxRows(booking.id))[0]!;
    await expect((async () => resendConfirmation(clerk, survivor.id, { correctedEmail: "erika@example.org" }))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("refuses to send the same failed message twice", async () => {
    const { failedId } = await failedConfirmation();
    await resendConfirmation(clerk, failedId, { correctedEmail: "erika@example.org" });
    await expect((async () => resendConfirmation(clerk, failedId, { correctedEmail: "erika@example.org" }))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("refuses a delivered message (conflict) and answers 'not found' for an unknown one", async () => {
    const { booking } = await book("09:00", "erika@example.org");
    await runOutbox(provider([]));
    await expect((async () => resendConfirmation(clerk, (await outboxRows(booking.id))[0]!.id))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    await expect((async () => resendConfirmation(clerk, 999_999))()).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("staff guard", () => {
  it("refuses a plain object instead of a granted access", async () => {
    const forged = { ...clerk } as StaffAccess;
    await expect((async () => listUndelivered(forged))()).rejects.toThrow(expect.objectContaining({ code: "unauthenticated" }));
    await expect((async () => countUndelivered(forged))()).rejects.toThrow(expect.objectContaining({ code: "unauthenticated" }));
    await expect((async () => resendConfirmation(forged, 1))()).rejects.toThrow(expect.objectContaining({ code: "unauthenticated" }));
    await expect((async () => resendConfirmation(context as unknown as StaffAccess, 1))()).rejects.toThrow(expect.objectContaining({ code: "unauthenticated" }));
  });
});

import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bookings, emailOutbox, waitingListEntries } from "@/db/schema";
import type { RequestedItem } from "@/lib/domain/booking-request";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { formatDateTime } from "@/lib/i18n/format";
import { concernId, freeSlots, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { CITIZEN_ACTOR } from "../audit";
import { cancelBookingByToken, createBooking, SlotTakenError } from "../bookings";
import type { ServiceContext } from "../context";
import { deriveManageToken, generateFormNonce } from "@/lib/booking-tokens";
import { confirmWaitingListEntry, findEntryByToken, leaveWaitingList, signUpForWaitingList, type WaitingListSignUp } from "./entries";
import { acceptOffer, declineOffer, findOpenOffer, offerTimeByStaff, runWaitingListRound } from "./offers";
import { listWaitingList, waitingListCounts } from "./staff";
import { signedInAccess } from "@/lib/testing/staff-access";
import { auditLog } from "@/db/schema";
import { createClosure } from "../staff/capacity";
import { closureSchema } from "@/lib/validation/capacity";

/*
 * Nordstadt opens on Mondays 08:30–12:00 with one online counter. The tests fill Monday 30 November online, so a
 * cancellation there is the only free time an entry for that day can get.
 */
const DAY = "2026-11-30";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let clock: Date;
let fillTokens: string[];

const id = async () => concernId(context.db, "personalausweis");
const idCard = async (): Promise<RequestedItem[]> => [{ concernId: await id(), quantity: 1 }];
const branch = async () => locationId(context.db, "nordstadt");
const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);

beforeEach(async () => {
  fixture = await seededContext();
  clock = TEST_NOW;
  context = { ...fixture.context, now: () => clock };
  fillTokens = [];
  for (let n = 0; ; n++) {
    const [slot] = await freeSlots(context.db, await idCard(), "nordstadt", DAY);
    if (!slot) break;
    const linkNonce = generateFormNonce();
    await createBooking(context, CITIZEN_ACTOR, {
        locationId: await branch(),
        items: await idCard(),
        startsAt: slot.startsAt,
        channel: "online",
        citizen: { name: `Fill ${n}`, email: `fill${n}@example.org`, phone: null, note: null },
        language: "de",
        linkNonce,
      });
    fillTokens.push(deriveManageToken(context.secret, linkNonce));
  }
});
afterEach(() => fixture.cleanup());

async function signUp(email: string, overrides: Partial<WaitingListSignUp> = {}): Promise<string> {
  const { token } = await signUpForWaitingList(context, {
    name: email.split("@")[0]!,
    email,
    language: "de",
    items: await idCard(),
    locationIds: [await branch()],
    fromDate: DAY,
    toDate: DAY,
    ...overrides,
  });
  return token!;
}

/** Signs up and confirms; each confirmation a minute after the one before, which is the waiting order. */
async function join(email: string, overrides: Partial<WaitingListSignUp> = {}): Promise<string> {
  const token = await signUp(email, overrides);
  clock = minutes(1);
  await confirmWaitingListEntry(context, token);
  return token;
}

const holdsOf = async (entryToken: string) => {
  const entry = await findEntryByToken(context.db, entryToken);
  if (!entry) return [];
  return await context.db.select().from(bookings).where(eq(bookings.waitingListEntryId, entry.id));
};
const mailsOf = async (kind: string, recipient: string) =>
  await context.db.select().from(emailOutbox).where(and(eq(emailOutbox.recipient, recipient), eq(emailOutbox.kind, kind as "waiting_list_offer")));
const offerToken = async (recipient: string) => {
  const [mail] = (await mailsOf("waiting_list_offer", recipient)).slice(-1);
  return /\/termin\/warteliste\/angebot\/([A-Za-z0-9_-]+)\n/.exec(mail!.text)![1]!;
};

/** Cancels the first filling booking: frees one 20-minute time on the full day, and the matcher runs right after. */
async function freeOneTime(): Promise<Date> {
  expect(await freeSlots(context.db, await idCard(), "nordstadt", DAY, { now: clock })).toEqual([]);
  const cancelled = await cancelBookingByToken(context, fillTokens[0]!);
  return cancelled.startsAt;
}

describe("offers from the waiting list", () => {
  it("offers a freed time to the longest-waiting entry that fits, and holds it from everyone else", async () => {
    const unconfirmed = await signUp("unconfirmed@example.org");
    const wrongRange = await join("range@example.org", { fromDate: "2026-12-01", toDate: "2026-12-01" });
    // Two passports and an ID card take 50 minutes: they do not fit into the freed 20.
    const wrongConcerns = await join("concerns@example.org", { items: [{ concernId: await concernId(context.db, "reisepass"), quantity: 2 }, ...await idCard()] });
    const first = await join("first@example.org");
    const second = await join("second@example.org");

    const freed = await freeOneTime();

    const [hold] = await holdsOf(first);
    expect(hold).toMatchObject({ status: "held", holdPurpose: "offer", startsAt: freed });
    expect(hold!.heldUntil).toEqual(new Date(clock.getTime() + 12 * 60 * 60_000));
    expect((await findEntryByToken(context.db, first))!.status).toBe("offered");
    for (const other of [unconfirmed, wrongRange, wrongConcerns, second]) expect(await holdsOf(other)).toEqual([]);
    expect((await findEntryByToken(context.db, unconfirmed))!.status).toBe("unconfirmed");

    const [mail] = await mailsOf("waiting_list_offer", "first@example.org");
    expect(mail!.subject).toBe("Ein Termin ist frei geworden: Montag, 30. November 2026 – Bürgerbüro Musterstadt");
    expect(mail!.text).toContain(`Wann: ${formatDateTime(freed, "de", TZ)}`);
    expect(mail!.text).toMatch(/bis Dienstag, 24. November 2026, 20:0\d Uhr/);
    expect(mail!.text).toContain(`/termin/warteliste/angebot/${await offerToken("first@example.org")}/ablehnen`);

    // Held: nobody else sees or gets the time.
    expect(await freeSlots(context.db, await idCard(), "nordstadt", DAY, { now: clock })).toEqual([]);
    await expect((async () =>
        createBooking(context, CITIZEN_ACTOR, {
          locationId: await branch(),
          items: await idCard(),
          startsAt: freed,
          channel: "online",
          citizen: { name: "Quick", email: "quick@example.org", phone: null, note: null },
          language: "de",
          linkNonce: generateFormNonce(),
        }))()).rejects.toThrow(SlotTakenError);
  });

  it("turns an accepted offer into the appointment with the usual confirmation, and the entry leaves the list", async () => {
    const first = await join("first@example.org");
    const freed = await freeOneTime();
    const token = await offerToken("first@example.org");

    clock = minutes(60);
    const booked = await acceptOffer(context, token);
    expect(booked).toMatchObject({ status: "booked", heldUntil: null, startsAt: freed, citizenName: "first", email: "first@example.org" });
    expect(await findEntryByToken(context.db, first)).toBeNull();
    const [confirmation] = await mailsOf("booking_confirmation", "first@example.org");
    expect(confirmation!.text).toContain(`https://termine.musterstadt.example/termin/verwalten/${token}`);
    expect(confirmation!.text).toContain(`Wann: ${formatDateTime(freed, "de", TZ)}`);
    // A second click answers the same appointment and sends nothing more.
    expect((await acceptOffer(context, token)).id).toBe(booked.id);
    expect(await mailsOf("booking_confirmation", "first@example.org")).toHaveLength(1);
  });

  it("passes an offer nobody answered to the next entry when its hold ends, and the silent entry leaves the list", async () => {
    const first = await join("first@example.org");
    const second = await join("second@example.org");
    const freed = await freeOneTime();
    const firstOffer = await offerToken("first@example.org");
    const deadline = (await holdsOf(first))[0]!.heldUntil!;

    clock = new Date(deadline.getTime() - 60_000);
    expect(await runWaitingListRound(context)).toMatchObject({ released: 0, offers: 0 });
    expect(await holdsOf(second)).toEqual([]);

    clock = deadline;
    expect(await runWaitingListRound(context)).toMatchObject({ released: 1, offers: 1 });
    expect(await findEntryByToken(context.db, first)).toBeNull();
    expect(await holdsOf(second)).toEqual([expect.objectContaining({ status: "held", startsAt: freed })]);
    await expect((async () => acceptOffer(context, firstOffer))()).rejects.toThrow(/no longer open/);
    expect(await findOpenOffer(context.db, firstOffer, clock)).toBeNull();
  });

  it("passes a declined offer on at once; the entry keeps its place and is not offered that time again", async () => {
    const first = await join("first@example.org");
    const second = await join("second@example.org");
    const freed = await freeOneTime();

    expect(await declineOffer(context, await offerToken("first@example.org"), { leave: false })).toEqual({ declined: true });
    expect(await holdsOf(second)).toEqual([expect.objectContaining({ status: "held", startsAt: freed })]);
    expect((await findEntryByToken(context.db, first))!.status).toBe("active");

    // The second declines too: the time is free again, and the first, who declined it already, does not get it back.
    await declineOffer(context, await offerToken("second@example.org"), { leave: false });
    expect((await holdsOf(first)).map((b) => b.status)).toEqual(["released"]);
    expect((await freeSlots(context.db, await idCard(), "nordstadt", DAY, { now: clock })).map((s) => s.startsAt)).toEqual([freed]);
  });

  it("releases a held offer when its entry leaves the list, and offers it to the next", async () => {
    const first = await join("first@example.org");
    const second = await join("second@example.org");
    await freeOneTime();
    await leaveWaitingList(context, first);
    expect(await findEntryByToken(context.db, first)).toBeNull();
    expect(await holdsOf(second)).toEqual([expect.objectContaining({ status: "held" })]);
  });
});

describe("an offer overtaken by a closure", () => {
  it("cannot be accepted into the closed time; the entry goes back to waiting", async () => {
    const first = await join("first@example.org");
    await freeOneTime();
    const token = await offerToken("first@example.org");
    await createClosure(
        await signedInAccess(context, "staff"),
        { ...closureSchema.parse({ locationId: "", startDate: DAY, endDate: DAY, startMinute: "", endMinute: "", reason: "Wasserschaden" }), locationId: await branch() },
        { cancelAffected: false },
      );
    await expect((async () => acceptOffer(context, token))()).rejects.toThrow(/no longer available/);
    expect((await holdsOf(first)).map((b) => b.status)).toEqual(["released"]);
    expect((await findEntryByToken(context.db, first))!.status).toBe("active");
  });
});

describe("waiting-list entries", () => {
  it("keeps one entry per mailbox and concern set", async () => {
    const token = await signUp("erika@example.org");
    // Again before confirming: replaces the unconfirmed entry (a new link).
    const again = await signUp("Erika+warteliste@example.org");
    expect(await findEntryByToken(context.db, token)).toBeNull();
    await confirmWaitingListEntry(context, again);
    // Again after confirming: the confirmed entry stays as it is, with no new mail.
    const mails = (await mailsOf("waiting_list_confirm", "erika@example.org")).length;
    expect(await signUpForWaitingList(context, { name: "Erika", email: "erika@example.org", language: "de", items: await idCard(), locationIds: [await branch()], fromDate: DAY, toDate: DAY })).toEqual({ token: null });
    expect(await mailsOf("waiting_list_confirm", "erika@example.org")).toHaveLength(mails);
    expect(await context.db.select().from(waitingListEntries)).toEqual([expect.objectContaining({ status: "active", mailbox: "erika@example.org" })]);
    // Another concern set is another entry.
    await signUp("erika@example.org", { items: [{ concernId: await id(), quantity: 2 }] });
    expect(await context.db.select().from(waitingListEntries)).toHaveLength(2);
  });

  it("sends a confirmation link and keeps the entry unconfirmed until the confirmation is posted", async () => {
    const token = await signUp("new@example.org");
    const [mail] = await mailsOf("waiting_list_confirm", "new@example.org");
    expect(mail!.text).toContain(`https://termine.musterstadt.example/termin/warteliste/bestaetigen/${token}`);
    expect(mail!.text).toContain(`https://termine.musterstadt.example/termin/warteliste/verlassen/${token}`);
    // What the confirmation page reads on GET changes nothing.
    expect((await findEntryByToken(context.db, token))!.status).toBe("unconfirmed");
    expect((await findEntryByToken(context.db, token))!.confirmedAt).toBeNull();
    clock = minutes(5);
    expect(await confirmWaitingListEntry(context, token)).toMatchObject({ status: "active", confirmedAt: clock });
  });

  it("deletes a sign-up not confirmed within 24 hours; its link stops working", async () => {
    const token = await signUp("late@example.org");
    clock = minutes(24 * 60 - 1);
    expect((await runWaitingListRound(context)).unconfirmedDeleted).toBe(0);
    clock = minutes(1);
    await expect((async () => confirmWaitingListEntry(context, token))()).rejects.toThrow(/not found/);
    expect((await runWaitingListRound(context)).unconfirmedDeleted).toBe(1);
    expect(await findEntryByToken(context.db, token)).toBeNull();
  });

  it("ends an entry at the end of its last day, in the location's time zone", async () => {
    const token = await join("range@example.org");
    clock = new Date(zonedToInstant("2026-12-01", 0, TZ).getTime() - 60_000);
    expect((await runWaitingListRound(context)).expiredEntries).toBe(0);
    clock = zonedToInstant("2026-12-01", 0, TZ);
    expect((await runWaitingListRound(context)).expiredEntries).toBe(1);
    expect(await findEntryByToken(context.db, token)).toBeNull();
  });

  it("refuses dates in the past or beyond the booking horizon, and concerns a location does not offer", async () => {
    await expect((async () => signUp("x@example.org", { fromDate: "2026-11-23" }))()).rejects.toThrow(/range/);
    await expect((async () => signUp("x@example.org", { toDate: "2027-03-01" }))()).rejects.toThrow(/range/);
    await expect((async () => signUp("x@example.org", { items: [{ concernId: await concernId(context.db, "fahrzeugzulassung"), quantity: 1 }] }))()).rejects.toThrow(/not bookable/);
  });
});

describe("staff and the waiting list", () => {
  it("lists confirmed entries in waiting order, counts them without names, and offers a chosen time by hand (audited)", async () => {
    await signUp("unconfirmed@example.org");
    // The day is full online; the staff-only counter still has times a clerk can give.
    const first = await join("first@example.org");
    await join("second@example.org");
    const access = await signedInAccess(context, "staff");
    const list = await listWaitingList(access, await branch(), "de");
    expect(list.map((e) => [e.position, e.citizenName, e.status])).toEqual([
      [1, "first", "active"],
      [2, "second", "active"],
    ]);
    expect(await waitingListCounts(access, await branch())).toEqual({ waiting: 2, offered: 0 });
    const chosen = list[0]!.freeTimes[2]!.startsAt;
    const hold = await offerTimeByStaff(access, { entryId: list[0]!.id, locationId: await branch(), startsAt: chosen });
    expect(hold).toMatchObject({ status: "held", startsAt: chosen });
    expect(await holdsOf(first)).toHaveLength(1);
    expect(await waitingListCounts(access, await branch())).toEqual({ waiting: 1, offered: 1 });
    expect(await context.db.select().from(auditLog).where(eq(auditLog.action, "waiting_list.offer"))).toHaveLength(1);
  });

  it("offers a time that is free already as soon as the sign-up is confirmed", async () => {
    const token = await join("now@example.org", { fromDate: "2026-12-07", toDate: "2026-12-07" });
    expect((await findEntryByToken(context.db, token))!.status).toBe("offered");
    expect(await mailsOf("waiting_list_offer", "now@example.org")).toHaveLength(1);
  });
});

/**
 * "Erased means erased": after a mail is sent, a citizen deletes their data, or retention runs, the erased values must
 * be gone from the bytes on disk, not only from query results. Each scenario searches the raw database file and its
 * -wal file, once with the values still only in the WAL (a mail sent seconds after booking) and once with them
 * checkpointed into the database file first (data that sat there for weeks): the first fails without the truncating
 * checkpoint, the second without `secure_delete`.
 *
 * SQLite only: on PostgreSQL the bytes are the server's (heap pages until vacuumed and reused, WAL, base backups), and
 * no setting of ours overwrites them; README "PostgreSQL" says what an operator does instead. That erased values are
 * gone from every query result is tested on both engines (bookings.test.ts, undelivered.test.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { checkpointBetweenTransactions, isErasureCheckpointPending, type AppDatabase } from "@/db/client";
import { isPostgres } from "@/db/engine";
import { inWriteTransaction } from "@/db/transaction";
import { getSettings } from "@/db/queries/settings";
import { processOutbox } from "@/lib/email/outbox";
import type { MailTransport, OutgoingEmail } from "@/lib/email/transport";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { CITIZEN_ACTOR } from "./audit";
import { anonymizeExpiredBookings, createBooking, deleteBookingDataByToken } from "./bookings";
import { manageUrl, type ServiceContext } from "./context";
import { generateFormNonce } from "@/lib/booking-tokens";

const EMAIL = "erasure-check-7f3a@example.org";
const NAME = "Zyxwvu Quertz";
const MAIL = { from: "Bürgerbüro <termine@musterstadt.example>", replyTo: null };
const DAY_MS = 86_400_000;

let fixture: Awaited<ReturnType<typeof seededContext>> | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

/** Which of the two files on disk still hold the value, searched as raw UTF-8 bytes. */
function filesHolding(databasePath: string, value: string): string[] {
  const needle = Buffer.from(value, "utf8");
  const files = { database: databasePath, wal: `${databasePath}-wal` };
  return Object.entries(files)
    .filter(([, file]) => existsSync(file) && readFileSync(file).indexOf(needle) !== -1)
    .map(([label]) => label);
}

function checkpointIntoDatabaseFile(db: AppDatabase): void {
  const [result] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
  expect(result!.busy).toBe(0);
}

function recordingTransport(): MailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    async send(email) {
      sent.push(email);
      return { providerMessageId: `fake-${sent.length}` };
    },
  };
}

async function bookWithDistinctiveData(options: { canSendMail: boolean }) {
  fixture = await seededContext(options);
  const { context, databasePath } = fixture;
  const linkNonce = generateFormNonce();
  const { booking, manageToken } = await createBooking(context, CITIZEN_ACTOR, {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt: zonedToInstant("2026-12-08", 9 * 60, TZ),
    channel: "online",
    citizen: { name: NAME, email: EMAIL, phone: null, note: null },
    language: "de",
    linkNonce,
  });
  return { context, databasePath, booking, manageToken, linkNonce, link: manageUrl(context, manageToken) };
}

const placements = [
  { label: "still only in the WAL", checkpointFirst: false, heldIn: "wal" },
  { label: "already checkpointed into the database file", checkpointFirst: true, heldIn: "database" },
];

describe.skipIf(isPostgres).each(placements)("erased values leave the disk (data $label)", ({ checkpointFirst, heldIn }) => {
  function expectOnDiskBeforeErasure(context: ServiceContext, databasePath: string, values: string[]) {
    if (checkpointFirst) checkpointIntoDatabaseFile(context.db);
    // The control: the byte search does find the values, so the assertions after erasure can fail.
    for (const value of values) expect(filesHolding(databasePath, value), value).toContain(heldIn);
  }

  it("a sent confirmation leaves neither the manage token nor the manage link behind", async () => {
    const { context, databasePath, manageToken, link } = await bookWithDistinctiveData({ canSendMail: true });
    expectOnDiskBeforeErasure(context, databasePath, [manageToken, link]);

    const transport = recordingTransport();
    expect(await processOutbox(context.db, transport, MAIL, context.now)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(transport.sent[0]!.text).toContain(link);

    expect(filesHolding(databasePath, manageToken)).toEqual([]);
    expect(filesHolding(databasePath, link)).toEqual([]);
  });

  it("a citizen's self-deletion leaves neither their e-mail address nor their name behind", async () => {
    const { context, databasePath, manageToken, linkNonce, link } = await bookWithDistinctiveData({ canSendMail: false });
    // The link nonce gives a working link together with the server secret: it goes too.
    expectOnDiskBeforeErasure(context, databasePath, [EMAIL, NAME, link, linkNonce]);

    await deleteBookingDataByToken(context, manageToken);

    for (const value of [EMAIL, NAME, link, linkNonce]) expect(filesHolding(databasePath, value), value).toEqual([]);
  });

  it("retention leaves neither the e-mail address nor the name of a past booking behind", async () => {
    const { context, databasePath, booking, linkNonce, link } = await bookWithDistinctiveData({ canSendMail: false });
    expectOnDiskBeforeErasure(context, databasePath, [EMAIL, NAME, link, linkNonce]);

    const { retentionDays } = await getSettings(context.db);
    const afterRetention = { ...context, now: () => new Date(booking.endsAt.getTime() + (retentionDays + 1) * DAY_MS) };
    // The seeded demo bookings expire with it.
    expect(await anonymizeExpiredBookings(afterRetention)).toBeGreaterThan(0);

    for (const value of [EMAIL, NAME, link, linkNonce]) expect(filesHolding(databasePath, value), value).toEqual([]);
  });
});

describe.skipIf(isPostgres)("a checkpoint kept busy by another connection", () => {
  it("does not fail the erasure, and the next retention run completes it", async () => {
    const { context, databasePath, manageToken } = await bookWithDistinctiveData({ canSendMail: false });
    // Another process in the middle of a read: its snapshot still needs the WAL frames that hold the old values.
    const reader = new Database(databasePath, { readonly: true });
    try {
      reader.exec("BEGIN");
      reader.prepare("select count(*) from bookings").get();

      await (async () => deleteBookingDataByToken(context, manageToken))();
      expect(filesHolding(databasePath, EMAIL)).toEqual(["wal"]);
    } finally {
      reader.close();
    }

    // Nothing is due for retention at the test's "now"; the run still retries the pending checkpoint.
    expect(await anonymizeExpiredBookings(context)).toBe(0);
    expect(filesHolding(databasePath, EMAIL)).toEqual([]);
    expect(filesHolding(databasePath, NAME)).toEqual([]);
  });
});

describe.skipIf(isPostgres)("a checkpoint while this process has a transaction open", () => {
  it("waits until that transaction has ended, then empties the WAL", async () => {
    const { context, databasePath, manageToken } = await bookWithDistinctiveData({ canSendMail: false });
    await deleteBookingDataByToken(context, manageToken);
    const events: string[] = [];
    let release!: () => void;
    // Another request's transaction, open across an await (on the writer connection the checkpoint would use).
    const open = inWriteTransaction(context.db, async () => {
      events.push("transaction open");
      await new Promise<void>((resolve) => (release = resolve));
      events.push("transaction ends");
    });
    await new Promise((resolve) => setImmediate(resolve));
    const checkpoint = checkpointBetweenTransactions(context.db).then((emptied) => events.push(`checkpoint, WAL emptied: ${emptied}`));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([open, checkpoint]);
    expect(events).toEqual(["transaction open", "transaction ends", "checkpoint, WAL emptied: true"]);
    expect(isErasureCheckpointPending(context.db)).toBe(false);
    expect(filesHolding(databasePath, EMAIL)).toEqual([]);
  });
});

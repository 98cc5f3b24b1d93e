import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { currentTransaction } from "@/db/async-database";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { concernId, freeSlots, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "./audit";
import { createBooking, createPhoneBooking, rescheduleBookingByToken, SlotTakenError, type NewBooking } from "./bookings";
import type { ServiceContext } from "./context";
import { generateFormNonce } from "@/lib/booking-tokens";

/** Every schedule read: how many days it spans, and whether it ran inside a transaction (on either engine). */
const reads = vi.hoisted(() => ({ log: [] as { days: number; inTransaction: boolean }[] }));
vi.mock("@/db/queries/locations", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/db/queries/locations")>();
  return {
    ...actual,
    loadLocationSchedule: (...args: Parameters<typeof actual.loadLocationSchedule>) => {
      const [, , from, to] = args;
      reads.log.push({ days: Math.round((to.getTime() - from.getTime()) / 86_400_000), inTransaction: currentTransaction.getStore() !== undefined });
      return actual.loadLocationSchedule(...args);
    },
  };
});

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
});
afterEach(() => fixture.cleanup());

const startsAt = zonedToInstant("2026-12-08", 9 * 60, TZ);

async function request(email: string): Promise<NewBooking> {
  return {
    locationId: await locationId(context.db, "rathaus"),
    items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
    startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  };
}

async function fillNineOClock() {
  const items = (await request("x@example.org")).items;
  const capacity = (await freeSlots(context.db, items, "rathaus", "2026-12-08")).find((s) => s.startsAt.getTime() === startsAt.getTime())!.remaining;
  for (let i = 0; i < capacity; i++) await createBooking(context, CITIZEN_ACTOR, await request(`p${i}@example.org`));
}

/** The taken time's error, and the schedule reads that happened while it was being decided. */
async function refusal(attempt: () => Promise<unknown>) {
  reads.log.length = 0;
  const error = await attempt().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlotTakenError);
  return { error: error as SlotTakenError, reads: [...reads.log] };
}

describe("the nearest free times for a taken time", () => {
  it.each([
    { name: "an online booking", arrange: async () => { const input = await request("late@example.org"); return () => createBooking(context, CITIZEN_ACTOR, input); } },
    {
      name: "a phone booking",
      // Staff may also use the staff-only counters, so a time the office is closed: 13:00 on that Tuesday.
      arrange: async () => {
        const { channel: _channel, ...input } = await request("caller@example.org");
        const access = await signedInAccess(context, "staff");
        return () => createPhoneBooking(access, { ...input, startsAt: zonedToInstant("2026-12-08", 13 * 60, TZ) });
      },
    },
    {
      name: "moving a booking by its manage link",
      arrange: async () => {
        const other = await createBooking(context, CITIZEN_ACTOR, { ...(await request("mover@example.org")), startsAt: zonedToInstant("2026-12-09", 9 * 60, TZ) });
        return () => rescheduleBookingByToken(context, other.manageToken, startsAt);
      },
    },
  ])("are looked up after the write transaction, not while it holds the lock: $name", async ({ arrange }) => {
    await fillNineOClock();
    const { error, reads: during } = await refusal(await arrange());
    // The day is re-checked inside the transaction; the eleven days around it are read once it has ended.
    expect(during.filter((read) => read.days <= 2).map((read) => read.inTransaction)).toEqual([true]);
    expect(during.filter((read) => read.days > 2)).toEqual([{ days: 11, inTransaction: false }]);
    expect(error.alternatives.length).toBeGreaterThan(0);
    expect(error.details.alternatives).toEqual(error.alternatives.map((d) => d.toISOString()));
    expect(error.check).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { addDays } from "@/lib/domain/zoned-time";
import { concernId, seededContext } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { availabilityFor } from "@/lib/services/availability";
import type { ServiceContext } from "@/lib/services/context";
import { findPhoneTimes, type PhoneTimes } from "./phone-request";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let access: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  access = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const ausweis = { items: [{ slug: "personalausweis", quantity: 1 }], location: "rathaus" };

function ready(times: PhoneTimes) {
  if (times.status !== "ready") throw new Error(`expected times, got ${times.status}`);
  return times;
}

describe("phone booking times (the service behind /staff/telefon)", () => {
  it("offers every day from today to the horizon and opens the calendar on the first bookable day's month", async () => {
    const times = ready(await findPhoneTimes(access, ausweis));
    // The fixed clock: Tuesday 24 November 2026, 08:00.
    expect(times.from).toBe("2026-11-24");
    expect(times.days[0]!.date).toBe("2026-11-24");
    expect(times.days.at(-1)!.date).toBe(times.to);
    expect(times.to > addDays(times.from, 21)).toBe(true);
    expect(times.firstFree).not.toBeNull();
    expect(times.month).toBe(times.firstFree!.slice(0, 7));
    expect(times.chosen).toEqual({ date: null, problem: null });
    expect(times.slots).toEqual([]);
  });

  it("gives the times of a day three weeks ahead, with the staff-only counters counted", async () => {
    const overview = ready(await findPhoneTimes(access, ausweis));
    const day = overview.days.find((d) => d.date >= addDays(overview.from, 21) && d.status === "available")!;
    const times = ready(await findPhoneTimes(access, { ...ausweis, day: day.date }));
    expect(times.chosen).toEqual({ date: day.date, problem: null });
    expect(times.month).toBe(day.date.slice(0, 7));
    expect(times.slots.length).toBeGreaterThan(0);

    // The same day as citizens see it online: the Rathaus keeps one counter for staff, so staff see one more place.
    const rathaus = (await findLocationBySlug(context.db, "rathaus"))!;
    const online = await availabilityFor(context.db, {
      now: context.now(),
      location: rathaus,
      items: [{ concernId: await concernId(context.db, "personalausweis"), quantity: 1 }],
      audience: "online",
      from: day.date,
      to: day.date,
    });
    if (!online.ok) throw new Error("online availability");
    const onlineFirst = online.days[0]!.slots[0]!;
    const staffFirst = times.slots.find((s) => s.startsAt.getTime() === onlineFirst.startsAt.getTime())!;
    expect(staffFirst.remaining).toBe(onlineFirst.remaining + 1);
  });

  it("opens the month the calendar's navigation asks for, within the range only", async () => {
    const overview = ready(await findPhoneTimes(access, ausweis));
    const lastMonth = overview.to.slice(0, 7);
    expect(ready(await findPhoneTimes(access, { ...ausweis, month: lastMonth })).month).toBe(lastMonth);
    expect(ready(await findPhoneTimes(access, { ...ausweis, month: "9999-12" })).month).toBe(overview.month);
  });

  it.each([
    { name: "garbage", day: "Donnerstag in zwei Wochen", problem: "invalid_day" },
    { name: "a day that does not exist", day: "2026-02-30", problem: "invalid_day" },
    { name: "yesterday", day: "2026-11-23", problem: "day_out_of_range" },
    { name: "a day beyond the horizon", day: "2030-01-01", problem: "day_out_of_range" },
    { name: "a Sunday", day: "2026-12-06", problem: "day_not_bookable" },
  ])("names the problem with $name and still offers the calendar", async ({ day, problem }) => {
    const times = ready(await findPhoneTimes(access, { ...ausweis, day }));
    expect(times.chosen.problem).toBe(problem);
    expect(times.slots).toEqual([]);
    expect(times.days.length).toBeGreaterThan(0);
  });

  it("answers an incomplete or impossible request with a status, not an error", async () => {
    expect((await findPhoneTimes(access, { items: [], location: "rathaus" })).status).toBe("none_chosen");
    expect((await findPhoneTimes(access, { items: [{ slug: "fahrzeugzulassung", quantity: 1 }], location: "nordstadt" })).status).toBe("not_offered");
    expect((await findPhoneTimes(access, { items: [{ slug: "gibt-es-nicht", quantity: 1 }], location: "rathaus" })).status).toBe("not_offered");
    expect((await findPhoneTimes(access, { items: [{ slug: "personalausweis", quantity: 20 }], location: "rathaus" })).status).toBe("request_invalid");
  });

  it("refuses an access that was not granted for a session", async () => {
    const forged = { ...access } as StaffAccess;
    await expect((async () => findPhoneTimes(forged, ausweis))()).rejects.toThrow(expect.objectContaining({ code: "unauthenticated" }));
  });
});

import { describe, expect, it } from "vitest";
import { BASE_WORK, MAX_WORK, workFor } from "./proof-of-work";

describe("the work a client must prove before booking", () => {
  it.each([
    { usage: { bookingsThisHour: 0, searchesThisMinute: 0 }, work: BASE_WORK, why: "a first booking costs the base" },
    { usage: { bookingsThisHour: 2, searchesThisMinute: 20 }, work: BASE_WORK, why: "a family's second and third booking cost nothing extra" },
    { usage: { bookingsThisHour: 3, searchesThisMinute: 0 }, work: 2 * BASE_WORK, why: "then each booking doubles it" },
    { usage: { bookingsThisHour: 6, searchesThisMinute: 0 }, work: 16 * BASE_WORK, why: "…and doubles again" },
    { usage: { bookingsThisHour: 0, searchesThisMinute: 61 }, work: 2 * BASE_WORK, why: "searching a lot doubles it" },
    { usage: { bookingsThisHour: 0, searchesThisMinute: 151 }, work: 4 * BASE_WORK, why: "searching very much quadruples it" },
    { usage: { bookingsThisHour: 40, searchesThisMinute: 300 }, work: MAX_WORK, why: "never beyond the cap" },
  ])("$why", ({ usage, work }) => {
    expect(workFor(usage)).toBe(work);
  });

  it("scales what costs nothing extra with RATE_LIMIT_SCALE, as the budgets", () => {
    expect(workFor({ bookingsThisHour: 2_999, searchesThisMinute: 60_000 }, 1000)).toBe(BASE_WORK);
    expect(workFor({ bookingsThisHour: 4_000, searchesThisMinute: 0 }, 1000)).toBe(4 * BASE_WORK);
  });
});

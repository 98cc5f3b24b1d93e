import { describe, expect, it } from "vitest";
import { assignLanes } from "./lanes";

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);
const item = (id: string, from: string, to: string) => ({ id, startsAt: at(from), endsAt: at(to) });

describe("counter lanes for the day view", () => {
  it.each([
    { name: "back to back on one counter", items: [item("a", "08:00", "08:30"), item("b", "08:30", "09:00")], lanes: { a: 0, b: 0 } },
    { name: "overlapping ones side by side", items: [item("a", "08:00", "08:30"), item("b", "08:10", "08:40")], lanes: { a: 0, b: 1 } },
    {
      name: "a freed counter is reused",
      items: [item("a", "08:00", "08:30"), item("b", "08:10", "09:00"), item("c", "08:30", "08:50")],
      lanes: { a: 0, b: 1, c: 0 },
    },
    { name: "order of input does not matter", items: [item("b", "08:30", "09:00"), item("a", "08:00", "08:30")], lanes: { a: 0, b: 0 } },
    { name: "nothing booked", items: [], lanes: {} },
  ])("$name", ({ items, lanes }) => {
    const result = Object.fromEntries(assignLanes(items).map(({ item, lane }) => [item.id, lane]));
    expect(result).toEqual(lanes);
  });
});

import { describe, expect, it } from "vitest";
import { availableSteps, callOrder, checkInVerdict, counterServes, expectedWaitMinutes, pickNext, queueFigures, stepTarget, ticketLabel, type QueueCandidate, type QueueStep } from "./queue";
import type { QueueStatus } from "./enums";

const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+01:00`);
const entry = (id: number, over: Partial<QueueCandidate>): QueueCandidate => ({
  id,
  kind: "walk_in",
  status: "waiting",
  arrivedAt: at("08:00"),
  appointmentAt: null,
  counter: null,
  concernIds: [1],
  ...over,
});
const rules = { appointmentPriorityMinutes: 10 };

describe("stepTarget", () => {
  const cases: [QueueStatus, QueueStep, QueueStatus | null][] = [
    ["waiting", "call", "called"],
    ["parked", "call", "called"],
    ["called", "call", null],
    ["called", "recall", "called"],
    ["waiting", "recall", null],
    ["called", "start", "serving"],
    ["serving", "finish", "done"],
    ["called", "finish", "done"],
    ["waiting", "finish", null],
    ["called", "absent", "absent"],
    ["serving", "absent", null],
    ["serving", "park", "parked"],
    ["parked", "resume", "waiting"],
    ["serving", "transfer", "waiting"],
    ["waiting", "transfer", null],
    ["called", "undo", "waiting"],
    ["serving", "undo", "called"],
    ["done", "undo", "serving"],
    ["absent", "undo", "called"],
    ["parked", "undo", "waiting"],
    ["waiting", "undo", null],
    ["done", "call", null],
  ];
  it.each(cases)("%s + %s → %s", (status, step, expected) => {
    expect(stepTarget(status, step)).toBe(expected);
  });
  it("lists the steps a status allows", () => {
    expect(availableSteps("waiting")).toEqual(["call"]);
    expect(availableSteps("done")).toEqual(["undo"]);
  });
});

describe("callOrder", () => {
  const now = at("09:00");
  const cases: { name: string; entries: QueueCandidate[]; counter: number; served?: number[]; expected: number[] }[] = [
    { name: "walk-ins by arrival", entries: [entry(1, { arrivedAt: at("08:30") }), entry(2, { arrivedAt: at("08:10") })], counter: 1, expected: [2, 1] },
    {
      name: "a due appointment before earlier walk-ins",
      entries: [entry(1, { arrivedAt: at("08:10") }), entry(2, { kind: "appointment", arrivedAt: at("08:55"), appointmentAt: at("09:05") })],
      counter: 1,
      expected: [2, 1],
    },
    {
      name: "an early appointment waits behind walk-ins who came first",
      entries: [entry(1, { arrivedAt: at("08:10") }), entry(2, { kind: "appointment", arrivedAt: at("08:20"), appointmentAt: at("09:30") })],
      counter: 1,
      expected: [1, 2],
    },
    {
      name: "due appointments by their time, not by arrival",
      entries: [
        entry(1, { kind: "appointment", arrivedAt: at("08:40"), appointmentAt: at("09:00") }),
        entry(2, { kind: "appointment", arrivedAt: at("08:30"), appointmentAt: at("09:10") }),
      ],
      counter: 1,
      expected: [1, 2],
    },
    {
      name: "a transfer to this counter comes first; one to another counter is left out",
      entries: [entry(1, { arrivedAt: at("08:00") }), entry(2, { arrivedAt: at("08:50"), counter: 3 }), entry(3, { arrivedAt: at("08:05"), counter: 2 })],
      counter: 3,
      expected: [2, 1],
    },
    {
      name: "only concerns the counter serves",
      entries: [entry(1, { concernIds: [7] }), entry(2, { concernIds: [1], arrivedAt: at("08:30") }), entry(3, { concernIds: [1, 7] })],
      counter: 4,
      served: [7],
      expected: [1],
    },
    {
      name: "only waiting entries",
      entries: [entry(1, { status: "called" }), entry(2, { status: "parked" }), entry(3, { status: "done" }), entry(4, {})],
      counter: 1,
      expected: [4],
    },
    { name: "ties by id", entries: [entry(5, {}), entry(4, {})], counter: 1, expected: [4, 5] },
  ];
  it.each(cases)("$name", ({ entries, counter, served, expected }) => {
    expect(callOrder(entries, counter, served, now, rules).map((c) => c.id)).toEqual(expected);
  });
  it("picks nobody from an empty hall", () => {
    expect(pickNext([], 1, undefined, now, rules)).toBeNull();
  });
});

describe("counterServes", () => {
  it.each([
    [undefined, [1], true],
    [[], [1, 2], true],
    [[1, 2], [1], true],
    [[1], [1, 2], false],
  ] as const)("%j serves %j: %s", (served, concerns, expected) => {
    expect(counterServes(served, concerns)).toBe(expected);
  });
});

describe("tickets and waits", () => {
  it.each([
    ["appointment", 12, "T 12"],
    ["walk_in", 7, "W 7"],
  ] as const)("%s %d reads %s", (kind, number, label) => {
    expect(ticketLabel(kind, number)).toBe(label);
  });
  it.each([
    [0, 2, 0],
    [1, 1, 5],
    [30, 2, 15],
    [31, 2, 20],
    [40, 0, 40],
  ])("%d minutes ahead at %d counters: about %d", (ahead, counters, expected) => {
    expect(expectedWaitMinutes(ahead, counters)).toBe(expected);
  });
  it.each([
    ["07:59", "early"],
    ["08:00", "open"],
    ["09:14", "open"],
    ["09:15", "over"],
  ] as const)("check-in at %s for 09:00–09:15: %s", (time, verdict) => {
    expect(checkInVerdict(at(time), at("09:00"), at("09:15"))).toBe(verdict);
  });
});

describe("queueFigures", () => {
  it("measures waiting, service and the absent rate", () => {
    const figures = queueFigures([
      { status: "done", kind: "walk_in", arrivedAt: at("08:00"), calledAt: at("08:10"), serviceStartedAt: at("08:12"), finishedAt: at("08:22") },
      { status: "done", kind: "appointment", arrivedAt: at("08:00"), calledAt: at("08:20"), serviceStartedAt: null, finishedAt: at("08:30") },
      { status: "absent", kind: "walk_in", arrivedAt: at("08:00"), calledAt: at("08:30"), serviceStartedAt: null, finishedAt: null },
      { status: "waiting", kind: "walk_in", arrivedAt: at("08:00"), calledAt: null, serviceStartedAt: null, finishedAt: null },
    ]);
    expect(figures).toEqual({
      entries: 4,
      walkIns: 3,
      waitingMinutes: { average: 20, p90: 30 },
      serviceMinutes: { average: 10, p90: 10 },
      called: 3,
      absent: 1,
      absentRate: 0.333,
    });
  });
  it("has no rates without calls", () => {
    expect(queueFigures([]).absentRate).toBeNull();
    expect(queueFigures([]).waitingMinutes.average).toBeNull();
  });
});

/**
 * The hall's queue, as pure rules: which steps a clerk can take with an entry, who "call next" picks for a counter,
 * how a ticket number reads and how long someone can expect to wait. The service (lib/services/queue) applies them
 * inside one transaction, so two clerks pressing "call next" at once can never pick the same person.
 */
import type { QueueEntryKind, QueueStatus } from "./enums";

export const QUEUE_STEPS = ["call", "recall", "start", "finish", "absent", "park", "resume", "transfer", "undo"] as const;
export type QueueStep = (typeof QUEUE_STEPS)[number];

/**
 * From which status each step starts and where it leads. "undo" goes one step back (a mis-click at the counter);
 * "transfer" puts the entry back in the queue, reserved for another counter.
 */
const STEP_TARGETS: Record<Exclude<QueueStep, "undo">, { from: readonly QueueStatus[]; to: QueueStatus }> = {
  call: { from: ["waiting", "parked"], to: "called" },
  recall: { from: ["called"], to: "called" },
  start: { from: ["called"], to: "serving" },
  finish: { from: ["called", "serving"], to: "done" },
  absent: { from: ["called"], to: "absent" },
  park: { from: ["called", "serving"], to: "parked" },
  resume: { from: ["parked"], to: "waiting" },
  transfer: { from: ["called", "serving", "parked"], to: "waiting" },
};

const UNDO_TARGET: Partial<Record<QueueStatus, QueueStatus>> = {
  called: "waiting",
  serving: "called",
  done: "serving",
  absent: "called",
  parked: "waiting",
};

/** The status a step leads to from `status`, or null when the step does not apply. */
export function stepTarget(status: QueueStatus, step: QueueStep): QueueStatus | null {
  if (step === "undo") return UNDO_TARGET[status] ?? null;
  const rule = STEP_TARGETS[step];
  return rule.from.includes(status) ? rule.to : null;
}

export function availableSteps(status: QueueStatus): QueueStep[] {
  return QUEUE_STEPS.filter((step) => stepTarget(status, step) !== null);
}

/** Entries still to be served today: in the hall, at a counter or stepped aside. */
export const OPEN_QUEUE_STATUSES: readonly QueueStatus[] = ["waiting", "called", "serving", "parked"];

export type QueueCandidate = {
  id: number;
  kind: QueueEntryKind;
  status: QueueStatus;
  arrivedAt: Date;
  /** The appointment's time; null for walk-ins. */
  appointmentAt: Date | null;
  /** Set while waiting: reserved for this counter after a transfer. */
  counter: number | null;
  concernIds: readonly number[];
};

export type QueueRules = {
  /** An appointment is due (served before walk-ins) from this many minutes before its time. */
  appointmentPriorityMinutes: number;
};

/** Whether a counter serves an entry: a counter with no list serves everything; otherwise every concern must be on it. */
export function counterServes(served: readonly number[] | undefined, concernIds: readonly number[]): boolean {
  if (!served || served.length === 0) return true;
  return concernIds.every((id) => served.includes(id));
}

/**
 * The order in which a counter calls people: entries transferred to this counter first (longest waiting first), then
 * appointments that are due by their time, then everybody else by arrival (walk-ins and early appointments alike).
 * Entries reserved for another counter or with a concern this counter does not serve are left out.
 */
export function callOrder(candidates: readonly QueueCandidate[], counter: number, served: readonly number[] | undefined, now: Date, rules: QueueRules): QueueCandidate[] {
  const dueFrom = now.getTime() + rules.appointmentPriorityMinutes * 60_000;
  const rank = (c: QueueCandidate) => {
    if (c.counter === counter) return 0;
    if (c.kind === "appointment" && c.appointmentAt && c.appointmentAt.getTime() <= dueFrom) return 1;
    return 2;
  };
  const key = (c: QueueCandidate) => (rank(c) === 1 ? c.appointmentAt!.getTime() : c.arrivedAt.getTime());
  return candidates
    .filter((c) => c.status === "waiting" && (c.counter === null || c.counter === counter) && counterServes(served, c.concernIds))
    .sort((a, b) => rank(a) - rank(b) || key(a) - key(b) || a.id - b.id);
}

export function pickNext(candidates: readonly QueueCandidate[], counter: number, served: readonly number[] | undefined, now: Date, rules: QueueRules): QueueCandidate | null {
  return callOrder(candidates, counter, served, now, rules)[0] ?? null;
}

/** "T 12" for an appointment, "W 7" for a walk-in ticket: short enough to read from across the hall. */
export function ticketLabel(kind: QueueEntryKind, number: number): string {
  return `${kind === "appointment" ? "T" : "W"} ${number}`;
}

/**
 * A rough wait for someone with `ahead` people before them: the minutes those people need, shared by the counters
 * serving. Rounded up to 5 minutes, because a precise figure would promise what nobody can keep.
 */
export function expectedWaitMinutes(minutesAhead: number, countersServing: number): number {
  if (minutesAhead <= 0) return 0;
  const minutes = minutesAhead / Math.max(1, countersServing);
  return Math.ceil(minutes / 5) * 5;
}

export type CheckInWindow = { opensMinutesBefore: number };
export const CHECK_IN_WINDOW: CheckInWindow = { opensMinutesBefore: 60 };

/** When an appointment can be checked in at the kiosk: from an hour before its time until it ends. */
export function checkInVerdict(now: Date, startsAt: Date, endsAt: Date, window: CheckInWindow = CHECK_IN_WINDOW): "early" | "open" | "over" {
  if (now.getTime() < startsAt.getTime() - window.opensMinutesBefore * 60_000) return "early";
  if (now.getTime() >= endsAt.getTime()) return "over";
  return "open";
}

export type QueueFigureEntry = {
  status: QueueStatus;
  kind: QueueEntryKind;
  arrivedAt: Date;
  calledAt: Date | null;
  serviceStartedAt: Date | null;
  finishedAt: Date | null;
};

export type QueueFigures = {
  entries: number;
  walkIns: number;
  /** Minutes from arrival to the (first) call; average and 90th percentile over entries that were called. */
  waitingMinutes: { average: number | null; p90: number | null };
  /** Minutes from the start of service (or the call) to done. */
  serviceMinutes: { average: number | null; p90: number | null };
  /** Entries that were called at least once. */
  called: number;
  absent: number;
  /** Absent among those who were called. */
  absentRate: number | null;
};

function summary(values: number[]): { average: number | null; p90: number | null } {
  if (values.length === 0) return { average: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const average = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)]!;
  return { average: Math.round(average * 10) / 10, p90: Math.round(p90 * 10) / 10 };
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;

export function queueFigures(entries: readonly QueueFigureEntry[]): QueueFigures {
  const called = entries.filter((e) => e.calledAt !== null);
  const served = entries.filter((e) => e.status === "done" && e.finishedAt !== null);
  const absent = entries.filter((e) => e.status === "absent").length;
  return {
    entries: entries.length,
    walkIns: entries.filter((e) => e.kind === "walk_in").length,
    waitingMinutes: summary(called.map((e) => minutesBetween(e.arrivedAt, e.calledAt!))),
    serviceMinutes: summary(served.map((e) => minutesBetween(e.serviceStartedAt ?? e.calledAt ?? e.arrivedAt, e.finishedAt!))),
    called: called.length,
    absent,
    absentRate: called.length === 0 ? null : Math.round((absent / called.length) * 1000) / 1000,
  };
}

/**
 * Spreads the day's appointments over counters for the timeline: each goes to the lowest counter free at its start.
 * Interval partitioning in start order needs as many lanes as the most appointments at one moment, never more.
 */
export function assignLanes<T extends { startsAt: Date; endsAt: Date }>(items: readonly T[]): { item: T; lane: number }[] {
  const laneEnds: number[] = [];
  return [...items]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime())
    .map((item) => {
      let lane = laneEnds.findIndex((end) => end <= item.startsAt.getTime());
      if (lane === -1) {
        lane = laneEnds.length;
        laneEnds.push(0);
      }
      laneEnds[lane] = item.endsAt.getTime();
      return { item, lane };
    });
}

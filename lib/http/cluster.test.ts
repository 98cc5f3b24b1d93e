import { describe, expect, it } from "vitest";
import { restartDelay } from "./cluster";

describe("restartDelay", () => {
  it.each([
    { case: "a first death after a long run", livedMs: 3_600_000, before: 0, delayMs: 1_000, quickDeaths: 0 },
    { case: "a long run ends a crash loop", livedMs: 60_000, before: 5, delayMs: 1_000, quickDeaths: 0 },
    { case: "a first quick death", livedMs: 5_000, before: 0, delayMs: 1_000, quickDeaths: 1 },
    { case: "the second quick death in a row", livedMs: 5_000, before: 1, delayMs: 2_000, quickDeaths: 2 },
    { case: "the fifth", livedMs: 59_999, before: 4, delayMs: 16_000, quickDeaths: 5 },
    { case: "the sixth reaches the bound", livedMs: 100, before: 5, delayMs: 30_000, quickDeaths: 6 },
    { case: "and stays there", livedMs: 100, before: 40, delayMs: 30_000, quickDeaths: 41 },
  ])("$case: $delayMs ms", ({ livedMs, before, delayMs, quickDeaths }) => {
    expect(restartDelay(livedMs, before)).toEqual({ delayMs, quickDeaths });
  });
});

import { expect, vi } from "vitest";
import { getEnv } from "@/lib/env";
import { availabilityAdmission } from "@/lib/services/availability";

/**
 * Takes every availability slot of this process, as polls still in progress would, and starts `waiting`: checks that
 * it is still in line at 4.999 s and that its give-up at 5 s was logged as a wait for an availability slot, and
 * returns what it settled with. The slots are given back and the real timers restored whatever happens.
 */
export async function settledAfterFiveSecondsInLine<T>(waiting: () => Promise<T>): Promise<T> {
  const { gate } = availabilityAdmission();
  const slots = getEnv().availabilityConcurrency;
  for (let i = 0; i < slots; i++) await gate.enter(1_000);
  const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const pending = waiting();
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(warned).toHaveBeenCalledWith(expect.stringContaining("(availability slot)"));
    return result;
  } finally {
    vi.useRealTimers();
    warned.mockRestore();
    for (let i = 0; i < slots; i++) gate.leave();
  }
}

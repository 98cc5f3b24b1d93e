import { clockOffsetFrom } from "@/lib/env";

/**
 * The app's one clock: every "now" of the running app comes from here (services get it as `context.now`).
 *
 * It reads real time, shifted by the offset that `TERMINVERGABE_CLOCK` configures (see `clockOffsetFrom`). That
 * setting exists so that a demo or a test run can be placed on a chosen day (the last day of a month, the day before
 * Easter) without touching the machine's clock; production mode refuses to start with it.
 */
let offsetMs: number | undefined;

export function now(): Date {
  // eslint-disable-next-line no-restricted-properties -- the one place that reads real time
  offsetMs ??= clockOffsetFrom(process.env, Date.now());
  // eslint-disable-next-line no-restricted-properties -- the one place that reads real time
  return new Date(Date.now() + offsetMs);
}

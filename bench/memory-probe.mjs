// Preloaded (`node --import`) into the app by `npm run bench:memory` (bench/memory.ts) only: on SIGUSR2 the process
// writes its memory figures to MEMORY_PROBE_FILE, as they are and (with --expose-gc) after a full collection, and with
// MEMORY_PROBE_SNAPSHOT=1 a heap snapshot beside it. Nothing of it is part of the app.
import fs from "node:fs";
import v8 from "node:v8";

const figures = () => ({ memoryUsage: process.memoryUsage(), heap: v8.getHeapStatistics(), spaces: v8.getHeapSpaceStatistics() });

process.on("SIGUSR2", () => {
  const file = process.env.MEMORY_PROBE_FILE;
  if (!file) return;
  const result = { asIs: figures() };
  if (typeof globalThis.gc === "function") {
    globalThis.gc();
    result.afterGc = figures();
  }
  if (process.env.MEMORY_PROBE_SNAPSHOT === "1") result.snapshot = v8.writeHeapSnapshot(`${file}.${Date.now()}.heapsnapshot`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result));
  fs.renameSync(`${file}.tmp`, file);
});

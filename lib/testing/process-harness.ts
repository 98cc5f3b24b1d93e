import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Runs a TypeScript script in several separate Node processes at once, for tests that need real cross-process
 * concurrency on one SQLite file. Each process receives a common start instant (argv[2]) so work begins together
 * after loading; it must print one JSON line as its result.
 */
export async function runInProcesses<T>(script: string, argsPerProcess: string[][], options: { startDelayMs?: number } = {}): Promise<T[]> {
  const startAt = String(Date.now() + (options.startDelayMs ?? 1500));
  const entry = path.resolve(script);
  const runs = argsPerProcess.map(
    (args) =>
      new Promise<T>((resolve, reject) => {
        const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", entry, startAt, ...args], {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NODE_OPTIONS: "" },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.stderr.on("data", (chunk) => (err += chunk));
        child.on("error", reject);
        child.on("exit", (code) => {
          const lastLine = out.trim().split("\n").at(-1) ?? "";
          if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err || out}`));
          try {
            resolve(JSON.parse(lastLine) as T);
          } catch {
            reject(new Error(`${script} printed no JSON result: ${out}\n${err}`));
          }
        });
      }),
  );
  return Promise.all(runs);
}

/** For the child side: wait until the shared start instant, so all processes hit the database together. */
export function waitUntil(startAtMs: number): void {
  while (Date.now() < startAtMs) {
    // Busy-wait: a timer would add scheduling jitter between the processes.
  }
}

import { describe, expect, it } from "vitest";
import { waitedTooLong } from "@/db/transaction";
import { Admission, AdmissionTimeoutError } from "./admission";

/** A promise and the function that settles it, for work that ends when the test says so. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("Admission", () => {
  it("lets in as many as it has room for, the others in arrival order as each one leaves", async () => {
    const gate = new Admission(2, "test slot");
    const started: string[] = [];
    const ends = { a: deferred(), b: deferred(), c: deferred(), d: deferred() };
    const runs = (Object.keys(ends) as (keyof typeof ends)[]).map((name) =>
      gate.run(1_000, async () => {
        started.push(name);
        await ends[name].promise;
      }),
    );
    await turn();
    expect(started).toEqual(["a", "b"]);
    ends.b.resolve();
    await turn();
    expect(started).toEqual(["a", "b", "c"]);
    ends.a.resolve();
    await turn();
    expect(started).toEqual(["a", "b", "c", "d"]);
    ends.c.resolve();
    ends.d.resolve();
    await Promise.all(runs);
  });

  it("lets the next one in when a caller's work fails", async () => {
    const gate = new Admission(1, "test slot");
    await expect(gate.run(1_000, async () => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
    expect(await gate.run(1_000, async () => "next")).toBe("next");
  });

  it("a caller not admitted in time leaves the line with an error the edges answer as busy, and takes no room", async () => {
    const gate = new Admission(1, "availability slot");
    const first = deferred();
    const running = gate.run(1_000, () => first.promise);
    const error = await gate.run(20, async () => "never").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdmissionTimeoutError);
    expect(waitedTooLong(error)).toBe("availability slot");
    first.resolve();
    await running;
    // The one that gave up is gone from the line: the room is free again at once.
    expect(await gate.run(20, async () => "in")).toBe("in");
  });
});

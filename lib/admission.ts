/**
 * Admits a bounded number of callers at a time, the others in arrival order; a caller not admitted within `timeoutMs`
 * leaves the line with AdmissionTimeoutError, which the edges answer "busy, try again in a moment"
 * (waitedTooLong in db/transaction.ts), so a long line never turns into requests that hang until the client gives up.
 * Two uses: write transactions on PostgreSQL (db/postgres.ts) and availability work, of the API and the booking pages
 * (availabilityAdmission in lib/services/availability.ts).
 */
export class Admission {
  private readonly waiting: { admit: () => void }[] = [];

  constructor(
    private free: number,
    /** What a caller waits for, named in the error: "write slot", "availability slot". */
    private readonly what: string,
  ) {}

  async enter(timeoutMs: number): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new AdmissionTimeoutError(this.what));
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.free += 1;
  }

  /** Runs `work` once admitted, and lets the next caller in when it ends, whatever its outcome. */
  async run<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
    await this.enter(timeoutMs);
    try {
      return await work();
    } finally {
      this.leave();
    }
  }
}

/** A caller waited longer than its timeout for its turn in this process (Admission). */
export class AdmissionTimeoutError extends Error {
  constructor(readonly what: string) {
    super(`waited too long for a ${what} in this process`);
    this.name = "AdmissionTimeoutError";
  }
}

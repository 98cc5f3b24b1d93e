import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { emailOutbox } from "@/db/schema";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { createBooking } from "@/lib/services/bookings";
import { generateFormNonce } from "@/lib/booking-tokens";
import { concernId, freeSlots, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { startMailRecorder } from "@/lib/testing/mail-recorder";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { RETRY_WINDOW_MS, nextAttemptAfterFailure, processOutbox, retryDelayMs } from "./outbox";
import { createResendTransport, MailTransportError, sendFailureReason, type MailTransport } from "./transport";

let recorder: Awaited<ReturnType<typeof startMailRecorder>>;
let fixture: Awaited<ReturnType<typeof seededContext>>;
const MAIL = { from: "Bürgerbüro <termine@musterstadt.example>", replyTo: null };

beforeAll(async () => {
  recorder = await startMailRecorder();
  process.env.RESEND_BASE_URL = recorder.url;
});
afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await recorder.close();
});
beforeEach(async () => {
  fixture = await seededContext({ canSendMail: true });
  recorder.received.length = 0;
  recorder.replies.length = 0;
});
afterEach(() => fixture.cleanup());

async function bookOne(options: { email?: string; startsAt?: Date } = {}) {
  return (await createBooking(fixture.context, CITIZEN_ACTOR, {
    locationId: await locationId(fixture.db, "rathaus"),
    items: [{ concernId: await concernId(fixture.db, "personalausweis"), quantity: 1 }],
    startsAt: options.startsAt ?? zonedToInstant("2026-12-08", 9 * 60, TZ),
    channel: "online",
    citizen: { name: "Erika Mustermann", email: options.email ?? "erika@example.org", phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  })).booking;
}

const row = async (bookingId: number) => (await fixture.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId)))[0]!;
const clockAt = (ms: number) => () => new Date(ms);

describe("outbox worker with the real Resend SDK", () => {
  it("sends a queued confirmation with its calendar attachment and an idempotency key", async () => {
    const booking = await bookOne();
    const result = await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()));
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [request] = recorder.received;
    expect(request!.headers.authorization).toBe("Bearer re_test");
    // Row id and queue time: unique also across a restore from a backup, which reuses row ids.
    expect(request!.headers["idempotency-key"]).toBe(`outbox-${(await row(booking.id)).id}-${(await row(booking.id)).createdAt.getTime()}`);
    expect(request!.body.to).toBe("erika@example.org");
    expect(request!.body.from).toBe(MAIL.from);
    expect(String(request!.body.text)).toContain("Bitte mitbringen:");
    const attachments = request!.body.attachments as { filename: string; content: string }[];
    expect(attachments[0]!.filename).toBe("termin.ics");
    expect(Buffer.from(attachments[0]!.content, "base64").toString()).toContain("BEGIN:VEVENT");
    expect(await row(booking.id)).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "msg-1" });
  });

  it("erases the body once sent: the manage link and the appointment details do not stay in the database", async () => {
    const booking = await bookOne();
    expect((await row(booking.id)).text).toContain("/termin/verwalten/");
    await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()));
    expect(String(recorder.received[0]!.body.text)).toContain("/termin/verwalten/");
    expect(await row(booking.id)).toMatchObject({ status: "sent", html: "", text: "", attachments: [] });
  });

  it("retries a temporary failure with backoff and then sends; the booking is never touched", async () => {
    const booking = await bookOne();
    recorder.replies.push({ status: 503, body: { name: "application_error", message: "down", statusCode: 503 } });
    const t0 = TEST_NOW.getTime();
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t0))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await row(booking.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "application_error (503)" });
    // Not yet due.
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t0 + 1000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t0 + retryDelayMs(1)))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(recorder.received).toHaveLength(2);
    expect(new Set(recorder.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);
  });

  it("gives up on a permanent error without retrying", async () => {
    const booking = await bookOne();
    recorder.replies.push({ status: 422, body: { name: "validation_error", message: "bad", statusCode: 422 } });
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await row(booking.id)).toMatchObject({ status: "failed", html: "", text: "", attachments: [] });
  });

  it("never sends one message twice when two workers run at once", async () => {
    await bookOne();
    const transport = createResendTransport("re_test");
    const runs = await Promise.all([0, 1, 2].map(() => processOutbox(fixture.db, transport, MAIL, clockAt(TEST_NOW.getTime()))));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(recorder.received).toHaveLength(1);
  });

  it("takes over a message whose worker died mid-send once the claim expires", async () => {
    const booking = await bookOne();
    await fixture.db.update(emailOutbox).set({ status: "sending", lockedUntil: new Date(TEST_NOW.getTime() + 60_000) }).where(eq(emailOutbox.bookingId, booking.id));
    expect((await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()))).sent).toBe(0);
    expect((await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime() + 120_000))).sent).toBe(1);
  });

  it("a worker whose lease ran out cannot overwrite what the worker that took the message over recorded", async () => {
    const booking = await bookOne();
    let finishLateSend!: (result: { providerMessageId: string }) => void;
    const late: MailTransport = { send: () => new Promise((resolve) => (finishLateSend = resolve)) };
    const prompt: MailTransport = { send: async () => ({ providerMessageId: "second-worker" }) };
    // The first worker claims the message and hangs in its send; its lease (send timeout + margin) then runs out.
    const first = processOutbox(fixture.db, late, MAIL, clockAt(TEST_NOW.getTime()), { sendTimeoutMs: 60_000 });
    await vi.waitFor(async () => expect((await row(booking.id)).status).toBe("sending"));
    const leaseEnd = (await row(booking.id)).lockedUntil!.getTime();
    // A second worker takes it over after the lease and sends it.
    expect((await processOutbox(fixture.db, prompt, MAIL, clockAt(leaseEnd + 1))).sent).toBe(1);
    // The first worker's send returns at last: its result must not replace the second worker's record.
    finishLateSend({ providerMessageId: "first-worker" });
    await first;
    const final = await row(booking.id);
    expect(final.status).toBe("sent");
    expect(final.providerMessageId).toBe("second-worker");
    expect(final.attempts).toBe(1);
  });

  it.each([
    { attempts: 1, ms: 30_000 },
    { attempts: 2, ms: 60_000 },
    { attempts: 5, ms: 480_000 },
    { attempts: 20, ms: 3_600_000 },
  ])("waits $ms ms after attempt $attempts", ({ attempts, ms }) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

const HOUR = 60 * 60_000;

/** Fails every attempt as the provider answers it, at each due time, until the row is given up or `until` is reached. */
async function failRepeatedly(bookingId: number, until: number): Promise<number> {
  let t = TEST_NOW.getTime();
  while (t <= until) {
    recorder.replies.push({ status: 503, body: { name: "application_error", message: "down", statusCode: 503 } });
    await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t));
    const current = await row(bookingId);
    if (current.status === "failed") return t;
    t = current.nextAttemptAt.getTime();
  }
  return t;
}

describe("retry window", () => {
  it("keeps a confirmation through a ten-hour outage, body and all", async () => {
    const booking = await bookOne();
    await failRepeatedly(booking.id, TEST_NOW.getTime() + 10 * HOUR);
    const current = await row(booking.id);
    expect(current.status).toBe("pending");
    expect(current.attempts).toBeGreaterThan(10);
    expect(current.text).toContain("/termin/verwalten/");
    // Sent as soon as the provider is back.
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(current.nextAttemptAt.getTime()))).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });

  it("gives up once the 72 hours since queueing are over, erases the body and records when", async () => {
    const booking = await bookOne();
    const gaveUpAt = await failRepeatedly(booking.id, TEST_NOW.getTime() + RETRY_WINDOW_MS + 2 * HOUR);
    expect(await row(booking.id)).toMatchObject({ status: "failed", html: "", text: "", attachments: [] });
    // The last attempt falls in the window's final hour (attempts are at most an hour apart); none comes after it.
    expect(gaveUpAt).toBeGreaterThan(TEST_NOW.getTime() + RETRY_WINDOW_MS - HOUR);
    expect(gaveUpAt).toBeLessThanOrEqual(TEST_NOW.getTime() + RETRY_WINDOW_MS);
    expect((await row(booking.id)).nextAttemptAt.getTime()).toBe(gaveUpAt);
  });

  it("gives up before the appointment starts when that comes first", async () => {
    // The next day's first free time: well inside the 72 hours.
    const startsAt = (await freeSlots(fixture.db, [{ concernId: await concernId(fixture.db, "personalausweis"), quantity: 1 }], "rathaus", "2026-11-25"))[0]!.startsAt;
    const booking = await bookOne({ startsAt });
    const gaveUpAt = await failRepeatedly(booking.id, startsAt.getTime() + 2 * HOUR);
    expect((await row(booking.id)).status).toBe("failed");
    expect(gaveUpAt).toBeLessThan(startsAt.getTime());
    expect(gaveUpAt).toBeGreaterThanOrEqual(startsAt.getTime() - HOUR);
  });

  it.each([
    { case: "a temporary error early on", retryable: true, after: 10 * HOUR, startsIn: null, gives: false },
    { case: "a temporary error at the end of the window", retryable: true, after: RETRY_WINDOW_MS - 30 * 60_000, startsIn: null, gives: true },
    { case: "a permanent error", retryable: false, after: 0, startsIn: null, gives: true },
    { case: "an appointment sooner than the next attempt", retryable: true, after: 5 * HOUR, startsIn: 30 * 60_000, gives: true },
    { case: "an appointment later than the next attempt", retryable: true, after: 5 * HOUR, startsIn: 2 * HOUR, gives: false },
  ])("$case: gives up $gives", ({ retryable, after, startsIn, gives }) => {
    const queuedAt = TEST_NOW;
    const now = new Date(queuedAt.getTime() + after);
    const appointmentStartsAt = startsIn === null ? null : new Date(now.getTime() + startsIn);
    const next = nextAttemptAfterFailure({ attempts: 20, retryable, queuedAt, appointmentStartsAt }, now);
    expect(next === null).toBe(gives);
  });
});

/**
 * A provider that accepts the connection and then never answers (for the listed recipients, or for all). It records
 * whether the client closed the connection: a real abort, not a request left open.
 */
async function startHangingProvider(hangFor: (to: string) => boolean) {
  let closed = 0;
  let hanging = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as { to?: string };
      if (!hangFor(String(body.to))) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `ok-${body.to}` }));
        return;
      }
      hanging += 1;
      res.on("close", () => (closed += 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats: () => ({ hanging, closed }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("send timeout", () => {
  let provider: Awaited<ReturnType<typeof startHangingProvider>>;
  afterEach(async () => {
    process.env.RESEND_BASE_URL = recorder.url;
    await provider?.close();
  });
  async function useHangingProvider(hangFor: (to: string) => boolean) {
    provider = await startHangingProvider(hangFor);
    process.env.RESEND_BASE_URL = provider.url;
  }
  const elapsed = async <T>(run: () => Promise<T>) => {
    const started = performance.now();
    const value = await run();
    return { value, ms: performance.now() - started };
  };

  it("aborts a send the provider never answers and retries it later as a temporary failure", async () => {
    await useHangingProvider(() => true);
    const booking = await bookOne();
    const { value, ms } = await elapsed(() => processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()), { sendTimeoutMs: 200 }));
    expect(value).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(ms).toBeLessThan(2_000);
    expect(await row(booking.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "timeout after 200 ms", lockedUntil: null });
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("timeout");
    // The request was closed, not left open.
    await expect.poll(() => provider.stats()).toEqual({ hanging: 1, closed: 1 });
  });

  it("does not let hanging messages hold up each other or the rest of the batch", async () => {
    await useHangingProvider((to) => to.startsWith("slow"));
    const at = (index: number) => zonedToInstant("2026-12-08", 10 * 60 + 20 * index, TZ);
    const slow = await Promise.all(["slow1", "slow2", "slow3"].map(async (name, index) => bookOne({ email: `${name}@example.org`, startsAt: at(index) })));
    const fast = await bookOne({ email: "fast@example.org", startsAt: at(3) });
    const { value, ms } = await elapsed(() => processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()), { sendTimeoutMs: 400 }));
    expect(value).toEqual({ sent: 1, retrying: 3, failed: 0 });
    // Sent side by side: the three hanging sends cost one timeout together, not three in turn (1.2 s).
    expect(ms).toBeLessThan(1_000);
    for (const booking of slow) expect((await row(booking.id)).status).toBe("pending");
    expect((await row(fast.id)).status).toBe("sent");
  });

  it("sends in waves of the concurrency limit, each wave bounded by the timeout", async () => {
    await useHangingProvider((to) => to.startsWith("slow"));
    const at = (index: number) => zonedToInstant("2026-12-08", 10 * 60 + 20 * index, TZ);
    for (const [index, name] of ["slow1", "slow2", "fast1", "fast2", "fast3"].entries()) { await bookOne({ email: `${name}@example.org`, startsAt: at(index) }); }
    const { value } = await elapsed(() =>
      processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()), { sendTimeoutMs: 200, concurrency: 2, limit: 4 }),
    );
    // Two waves of two (the limit is 4): the fifth message waits for the next run.
    expect(value).toEqual({ sent: 2, retrying: 2, failed: 0 });
    expect(await fixture.db.select().from(emailOutbox).where(eq(emailOutbox.status, "pending"))).toHaveLength(3);
  });

  it("holds its claim longer than a send may take, so no other worker takes over a message in flight", async () => {
    await useHangingProvider(() => true);
    const booking = await bookOne();
    const run = processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()), { sendTimeoutMs: 200 });
    // The claim is a transaction of its own, taken while the test goes on: wait until it has committed.
    const claimed = await vi.waitFor(async () => {
      const current = await row(booking.id);
      expect(current.status).toBe("sending");
      return current;
    });
    expect(claimed.lockedUntil!.getTime() - TEST_NOW.getTime()).toBeGreaterThan(200);
    // A second worker at the same moment finds nothing to do.
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime() + 200), { sendTimeoutMs: 200 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await run;
  });

  it("bounds a transport that ignores the abort signal as well", async () => {
    await bookOne();
    const deaf: MailTransport = { send: () => new Promise(() => {}) };
    const { value, ms } = await elapsed(() => processOutbox(fixture.db, deaf, MAIL, clockAt(TEST_NOW.getTime()), { sendTimeoutMs: 100 }));
    expect(value).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(ms).toBeLessThan(1_500);
  });

  it("passes on a transport's permanent error as such", async () => {
    const booking = await bookOne();
    const refusing: MailTransport = { send: async () => Promise.reject(new MailTransportError("validation_error (422)", false)) };
    expect(await processOutbox(fixture.db, refusing, MAIL, clockAt(TEST_NOW.getTime()))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("rejected");
  });
});

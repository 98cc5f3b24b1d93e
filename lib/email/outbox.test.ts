import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { createBooking } from "@/lib/services/bookings";
import { generateManageToken } from "@/lib/services/secrets";
import { concernId, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { startMailRecorder } from "@/lib/testing/mail-recorder";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { MAX_ATTEMPTS, processOutbox, retryDelayMs } from "./outbox";
import { createResendTransport } from "./transport";

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

function bookOne() {
  return createBooking(fixture.context, CITIZEN_ACTOR, {
    locationId: locationId(fixture.db, "rathaus"),
    items: [{ concernId: concernId(fixture.db, "personalausweis"), quantity: 1 }],
    startsAt: zonedToInstant("2026-12-08", 9 * 60, TZ),
    channel: "online",
    citizen: { name: "Erika Mustermann", email: "erika@example.org", phone: null, note: null },
    language: "de",
    manageToken: generateManageToken(),
  }).booking;
}

const row = (bookingId: number) => fixture.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId)).get()!;
const clockAt = (ms: number) => () => new Date(ms);

describe("outbox worker with the real Resend SDK", () => {
  it("sends a queued confirmation with its calendar attachment and an idempotency key", async () => {
    const booking = bookOne();
    const result = await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()));
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [request] = recorder.received;
    expect(request!.headers.authorization).toBe("Bearer re_test");
    expect(request!.headers["idempotency-key"]).toBe(`outbox-${row(booking.id).id}`);
    expect(request!.body.to).toBe("erika@example.org");
    expect(request!.body.from).toBe(MAIL.from);
    expect(String(request!.body.text)).toContain("Bitte mitbringen:");
    const attachments = request!.body.attachments as { filename: string; content: string }[];
    expect(attachments[0]!.filename).toBe("termin.ics");
    expect(Buffer.from(attachments[0]!.content, "base64").toString()).toContain("BEGIN:VEVENT");
    expect(row(booking.id)).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "msg-1" });
  });

  it("erases the body once sent: the manage link and the appointment details do not stay in the database", async () => {
    const booking = bookOne();
    expect(row(booking.id).text).toContain("/termin/verwalten/");
    await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()));
    expect(String(recorder.received[0]!.body.text)).toContain("/termin/verwalten/");
    expect(row(booking.id)).toMatchObject({ status: "sent", html: "", text: "", attachments: [] });
  });

  it("retries a temporary failure with backoff and then sends; the booking is never touched", async () => {
    const booking = bookOne();
    recorder.replies.push({ status: 503, body: { name: "application_error", message: "down", statusCode: 503 } });
    const t0 = TEST_NOW.getTime();
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t0))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(row(booking.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "application_error (503)" });
    // Not yet due.
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t0 + 1000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t0 + retryDelayMs(1)))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(recorder.received).toHaveLength(2);
    expect(new Set(recorder.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);
  });

  it("gives up on a permanent error without retrying", async () => {
    const booking = bookOne();
    recorder.replies.push({ status: 422, body: { name: "validation_error", message: "bad", statusCode: 422 } });
    expect(await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(row(booking.id)).toMatchObject({ status: "failed", html: "", text: "", attachments: [] });
  });

  it(`gives up after ${MAX_ATTEMPTS} temporary failures`, async () => {
    const booking = bookOne();
    let t = TEST_NOW.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      recorder.replies.push({ status: 500, body: { name: "internal_server_error", message: "x", statusCode: 500 } });
      await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(t));
      t += retryDelayMs(attempt);
    }
    expect(row(booking.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("never sends one message twice when two workers run at once", async () => {
    bookOne();
    const transport = createResendTransport("re_test");
    const runs = await Promise.all([0, 1, 2].map(() => processOutbox(fixture.db, transport, MAIL, clockAt(TEST_NOW.getTime()))));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(recorder.received).toHaveLength(1);
  });

  it("takes over a message whose worker died mid-send once the claim expires", async () => {
    const booking = bookOne();
    fixture.db.update(emailOutbox).set({ status: "sending", lockedUntil: new Date(TEST_NOW.getTime() + 60_000) }).where(eq(emailOutbox.bookingId, booking.id)).run();
    expect((await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime()))).sent).toBe(0);
    expect((await processOutbox(fixture.db, createResendTransport("re_test"), MAIL, clockAt(TEST_NOW.getTime() + 120_000))).sent).toBe(1);
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

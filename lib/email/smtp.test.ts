import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { emailOutbox } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { parseEnv, type SmtpSettings } from "@/lib/env";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { createBooking } from "@/lib/services/bookings";
import { generateFormNonce } from "@/lib/booking-tokens";
import { concernId, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { createSelfSignedCertificate, startSilentServer, startSmtpRecorder, type SmtpRecorderOptions } from "@/lib/testing/smtp-recorder";
import { processOutbox, retryDelayMs } from "./outbox";
import type { SmtpPoolOptions } from "./smtp-pool";
import { createMailTransport, createSmtpTransport, sendFailureReason, smtpMessageId, type SmtpTransport } from "./transport";

/*
 * The SMTP transport against a real SMTP server on loopback (smtp-server), driven by the outbox worker exactly as in
 * production: a booking queues its confirmation, processOutbox sends it, mailparser reads what the server got.
 * TLS variants use a self-signed certificate made by openssl for each run (see createSelfSignedCertificate).
 */

const PASSWORD = "Rathaus-Passwort-7f3k";
const USERS = { termine: PASSWORD };
const MAIL = { from: "Bürgerbüro Musterstadt <termine@musterstadt.example>", replyTo: "buergerbuero@musterstadt.example" };
const CITIZEN = "erika@example.org";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let recorder: Awaited<ReturnType<typeof startSmtpRecorder>> | undefined;
let silent: Awaited<ReturnType<typeof startSilentServer>> | undefined;
const transports: SmtpTransport[] = [];
let certificate: { key: string; cert: string };

beforeAll(() => {
  certificate = createSelfSignedCertificate();
});
beforeEach(async () => {
  fixture = await seededContext({ canSendMail: true });
});
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  await recorder?.close();
  await silent?.close();
  recorder = silent = undefined;
  await fixture?.cleanup();
  vi.restoreAllMocks();
});

async function useRecorder(options: SmtpRecorderOptions = {}) {
  recorder = await startSmtpRecorder({ users: USERS, ...options });
  return recorder;
}

function settings(port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    kind: "smtp",
    host: "127.0.0.1",
    port,
    secure: false,
    startTls: "optional",
    auth: { user: "termine", password: PASSWORD },
    rejectUnauthorized: true,
    clientName: "termine.musterstadt.example",
    ...overrides,
  };
}

function smtpTransport(port: number, overrides: Partial<SmtpSettings> = {}, pool: Partial<SmtpPoolOptions> = {}) {
  const transport = createSmtpTransport(settings(port, overrides), { now: () => TEST_NOW, pool });
  transports.push(transport);
  return transport;
}

async function bookOne(options: { email?: string; minutes?: number } = {}) {
  return (await createBooking(fixture.context, CITIZEN_ACTOR, {
    locationId: await locationId(fixture.db, "rathaus"),
    items: [{ concernId: await concernId(fixture.db, "personalausweis"), quantity: 1 }],
    startsAt: zonedToInstant("2026-12-08", options.minutes ?? 9 * 60, TZ),
    channel: "online",
    citizen: { name: "Erika Mustermann", email: options.email ?? CITIZEN, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  })).booking;
}

const row = async (bookingId: number) => (await fixture.db.select().from(emailOutbox).where(eq(emailOutbox.bookingId, bookingId)))[0]!;
const at = (ms: number) => () => new Date(ms);
const run = (transport: SmtpTransport, options: Parameters<typeof processOutbox>[4] = {}, nowMs = TEST_NOW.getTime()) =>
  processOutbox(fixture.db, transport, MAIL, at(nowMs), options);
const parse = (raw: Buffer): Promise<ParsedMail> => simpleParser(raw);

describe("SMTP transport through the outbox", () => {
  it("delivers a queued confirmation with both parts, the calendar file and privacy-friendly headers", async () => {
    const server = await useRecorder();
    const booking = await bookOne();
    const queued = await row(booking.id);
    expect(await run(smtpTransport(server.port))).toEqual({ sent: 1, retrying: 0, failed: 0 });

    const [message] = server.received;
    expect(message!.user).toBe("termine");
    expect(message!.envelope.mailFrom && message!.envelope.mailFrom.address).toBe("termine@musterstadt.example");
    expect(message!.envelope.rcptTo.map((r) => r.address)).toEqual([CITIZEN]);

    const mail = await parse(message!.raw);
    expect(mail.from!.value).toEqual([{ address: "termine@musterstadt.example", name: "Bürgerbüro Musterstadt" }]);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value.map((a) => a.address)).toEqual([CITIZEN]);
    expect(mail.replyTo!.value.map((a) => a.address)).toEqual(["buergerbuero@musterstadt.example"]);
    expect(mail.subject).toBe(queued.subject);
    expect(mail.date!.getTime()).toBe(TEST_NOW.getTime());
    // Derived from the idempotency key, stable for the row (see smtpMessageId).
    const key = `outbox-${queued.id}-${queued.createdAt.getTime()}`;
    const expectedId = smtpMessageId({ ...MAIL, to: CITIZEN, subject: queued.subject, text: queued.text, idempotencyKey: key });
    expect(expectedId).toMatch(new RegExp(`^<${key}\\.[0-9a-f]{16}@musterstadt\\.example>$`));
    expect(mail.messageId).toBe(expectedId);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.headers.has("x-mailer")).toBe(false);
    expect(mail.headers.has("list-unsubscribe")).toBe(false);
    expect(message!.raw.toString()).not.toMatch(/nodemailer/i);

    expect(message!.raw.toString()).toMatch(/Content-Type: multipart\/alternative/);
    expect(message!.raw.toString()).toMatch(/Content-Type: text\/plain/);
    expect(message!.raw.toString()).toMatch(/Content-Type: text\/html/);
    expect(mail.text).toContain("Bitte mitbringen:");
    expect(mail.text).toContain("/termin/verwalten/");
    expect(mail.html).toContain("/termin/verwalten/");

    expect(mail.attachments).toHaveLength(1);
    const [ics] = mail.attachments;
    expect(ics!.filename).toBe("termin.ics");
    expect(ics!.contentType).toBe("text/calendar");
    const calendar = ics!.content.toString("utf8");
    expect(calendar).toContain("BEGIN:VEVENT");
    expect(calendar).toMatch(new RegExp(`^UID:${booking.referenceCode}@terminvergabe\\r?$`, "m"));

    // The server's queue id is recorded; the body (manage link) is erased once sent.
    expect(await row(booking.id)).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "Q1", html: "", text: "", attachments: [] });
  });

  it("logs in with AUTH LOGIN when that is all the server offers", async () => {
    const server = await useRecorder({ authMethods: ["LOGIN"] });
    await bookOne();
    expect((await run(smtpTransport(server.port))).sent).toBe(1);
    expect(server.authAttempts).toEqual([{ method: "LOGIN", username: "termine" }]);
  });

  it("is built from the configuration the app starts with (createMailTransport)", async () => {
    const server = await useRecorder();
    const env = parseEnv({ SMTP_URL: `smtp://termine:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`, DATABASE_PATH: fixture.databasePath });
    const transport = createMailTransport(env.mail.transport) as SmtpTransport;
    transports.push(transport);
    await bookOne();
    expect(await processOutbox(fixture.db, transport, MAIL, at(TEST_NOW.getTime()))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(server.received[0]!.user).toBe("termine");
  });

  it("reuses one connection for several messages, within its small pool", async () => {
    const server = await useRecorder();
    await bookOne({ email: "a@example.org", minutes: 9 * 60 });
    await bookOne({ email: "b@example.org", minutes: 10 * 60 });
    await bookOne({ email: "c@example.org", minutes: 11 * 60 });
    // Four sends at a time, but a pool of one: they queue for the connection instead of opening more.
    expect(await run(smtpTransport(server.port, {}, { maxConnections: 1 }))).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(server.received.map((m) => m.envelope.rcptTo[0]!.address).sort()).toEqual(["a@example.org", "b@example.org", "c@example.org"]);
    expect(server.connections.opened).toBe(1);
    expect(server.authAttempts).toHaveLength(1);
  });

  it("retries a 451 and sends the same Message-ID again", async () => {
    const server = await useRecorder();
    const booking = await bookOne();
    server.replies.push({ at: "data", code: 451, message: "4.3.0 Temporary lookup failure" });
    const transport = smtpTransport(server.port);
    expect(await run(transport)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await row(booking.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "smtp_temporary_failure (451 4.3.0)" });
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("unavailable");
    expect((await row(booking.id)).text).toContain("/termin/verwalten/");

    expect(await run(transport, {}, TEST_NOW.getTime() + retryDelayMs(1))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [first, second] = await Promise.all(server.received.map((m) => parse(m.raw)));
    expect(server.received.map((m) => m.reply)).toEqual(["451 4.3.0 Temporary lookup failure", "250 Ok: queued as Q1"]);
    expect(second!.messageId).toBe(first!.messageId);
  });

  it("gives up on 550 for an unknown mailbox without recording the address", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const server = await useRecorder();
    const booking = await bookOne();
    server.replies.push({ at: "rcpt", code: 550, message: `5.1.1 <${CITIZEN}>: Recipient address rejected: User unknown in virtual mailbox table` });
    expect(await run(smtpTransport(server.port))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await row(booking.id)).toMatchObject({ status: "failed", lastError: "smtp_recipient_rejected (550 5.1.1)", html: "", text: "", attachments: [] });
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("rejected");
    expect(server.received).toHaveLength(0);
    expect(JSON.stringify(warn.mock.calls)).not.toContain("erika");
  });

  it("gives up on 553 for a sender the server does not accept, and calls it configuration", async () => {
    const server = await useRecorder();
    const booking = await bookOne();
    server.replies.push({ at: "mail", code: 553, message: "5.7.1 <termine@musterstadt.example>: Sender address rejected: not owned by user" });
    expect(await run(smtpTransport(server.port))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await row(booking.id)).lastError).toBe("smtp_sender_rejected (553 5.7.1)");
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("configuration");
  });

  it("records a wrong password as a permanent configuration failure, without the password", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const server = await useRecorder();
    const booking = await bookOne();
    const wrong = "Falsches-Passwort-9q2x";
    expect(await run(smtpTransport(server.port, { auth: { user: "termine", password: wrong } }))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await row(booking.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, lastError: "smtp_auth_failed (535 5.7.8)" });
    expect(sendFailureReason(failed.lastError)).toBe("configuration");
    expect(server.received).toHaveLength(0);
    for (const secret of [wrong, PASSWORD, "termine@", CITIZEN]) expect(JSON.stringify(warn.mock.calls)).not.toContain(secret);
  });

  it("counts a refused connection as temporary", async () => {
    const closed = await startSilentServer();
    const port = closed.port;
    await closed.close();
    const booking = await bookOne();
    expect(await run(smtpTransport(port))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await row(booking.id)).lastError).toBe("network error: smtp ECONNREFUSED");
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("unavailable");
  });
});

describe("SMTP transport timeouts", () => {
  it("aborts a server that accepts the connection and never answers, and closes that connection", async () => {
    silent = await startSilentServer();
    const booking = await bookOne();
    const started = performance.now();
    expect(await run(smtpTransport(silent.port), { sendTimeoutMs: 300 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await row(booking.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "timeout after 300 ms", lockedUntil: null });
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("timeout");
    await expect.poll(() => silent!.stats).toEqual({ accepted: 1, closed: 1 });
  });

  it("aborts a message the server never confirms, over STARTTLS, closing only that connection", async () => {
    const server = await useRecorder({ tls: certificate });
    const booking = await bookOne();
    server.replies.push({ at: "data", hang: true });
    const transport = smtpTransport(server.port, { startTls: "required", rejectUnauthorized: false });
    expect(await run(transport, { sendTimeoutMs: 500 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await row(booking.id)).lastError).toBe("timeout after 500 ms");
    expect(server.received).toHaveLength(1);
    await expect.poll(() => server.connections).toEqual({ opened: 1, closed: 1 });
    // The pool is not stuck: the retry goes out over a new connection.
    expect(await run(transport, {}, TEST_NOW.getTime() + retryDelayMs(1))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(server.connections.opened).toBe(2);
  });
});

describe("SMTP transport encryption", () => {
  it("sends over STARTTLS when required", async () => {
    const server = await useRecorder({ tls: certificate });
    await bookOne();
    expect((await run(smtpTransport(server.port, { startTls: "required", rejectUnauthorized: false }))).sent).toBe(1);
    expect(server.received[0]).toMatchObject({ secure: true, user: "termine" });
  });

  it("sends over implicit TLS (smtps)", async () => {
    const server = await useRecorder({ tls: { ...certificate, implicit: true } });
    await bookOne();
    expect((await run(smtpTransport(server.port, { secure: true, rejectUnauthorized: false }))).sent).toBe(1);
    expect(server.received[0]).toMatchObject({ secure: true, user: "termine" });
  });

  it("refuses to go on unencrypted when STARTTLS is required and not offered: no password, no message", async () => {
    const server = await useRecorder();
    const booking = await bookOne();
    expect(await run(smtpTransport(server.port, { startTls: "required" }))).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await row(booking.id)).lastError).toMatch(/^smtp_tls_failed \(5\d\d/);
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("configuration");
    expect(server.authAttempts).toHaveLength(0);
    expect(server.received).toHaveLength(0);
  });

  it("checks the server's certificate by default: a self-signed one fails, temporarily, as configuration", async () => {
    const server = await useRecorder({ tls: certificate });
    const booking = await bookOne();
    expect(await run(smtpTransport(server.port, { startTls: "required" }))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await row(booking.id)).lastError).toBe("smtp_tls_failed (DEPTH_ZERO_SELF_SIGNED_CERT)");
    expect(sendFailureReason((await row(booking.id)).lastError)).toBe("configuration");
    expect(server.authAttempts).toHaveLength(0);
  });
});

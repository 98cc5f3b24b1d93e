import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer, type SMTPServerAuthenticationMethod, type SMTPServerEnvelope } from "smtp-server";

/** What one DATA transaction brought: recorded whatever the server answered, so retries can be compared. */
export type RecordedMessage = {
  envelope: SMTPServerEnvelope;
  raw: Buffer;
  /** The user the client logged in as, if any. */
  user: string | null;
  /** Whether the connection was encrypted (STARTTLS or implicit TLS) when the message came. */
  secure: boolean;
  /** The reply the server gave: 250 … or the queued error. */
  reply: string;
};

/** A reply queued for the next command of that kind; `hang` never answers the end of DATA. */
export type QueuedReply = { at: "mail" | "rcpt" | "data"; code: number; message: string } | { at: "data"; hang: true };

export type SmtpRecorderOptions = {
  /** Accepted logins; the server requires one. */
  users?: Record<string, string>;
  authMethods?: SMTPServerAuthenticationMethod[];
  /** A certificate: the server then offers STARTTLS, or speaks TLS from the first byte when `implicit`. */
  tls?: { key: string; cert: string; implicit?: boolean };
};

/**
 * A real SMTP server on loopback (the `smtp-server` package) for transport tests: requires AUTH, records every
 * message it is given together with its envelope, and answers with the replies queued in `replies` (default: accept,
 * "250 Ok: queued as Q<n>" as Postfix says it). `connections` counts sockets opened and closed, so a test can see that
 * an aborted send really closed its connection.
 */
export async function startSmtpRecorder(options: SmtpRecorderOptions = {}) {
  const users = options.users ?? {};
  const received: RecordedMessage[] = [];
  const replies: QueuedReply[] = [];
  const authAttempts: { method: string; username: string | undefined }[] = [];
  const connections = { opened: 0, closed: 0 };
  let nextQueueId = 1;
  const take = (at: QueuedReply["at"]) => (replies[0]?.at === at ? replies.shift() : undefined);
  const smtpError = (reply: { code: number; message: string }) => Object.assign(new Error(reply.message), { responseCode: reply.code });

  const server = new SMTPServer({
    logger: false,
    banner: "mail.musterstadt.example ESMTP test recorder",
    secure: options.tls?.implicit ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disabledCommands: options.tls ? [] : ["STARTTLS"],
    // The plain variant takes AUTH without TLS: it runs on loopback only.
    allowInsecureAuth: !options.tls,
    authMethods: options.authMethods ?? ["PLAIN", "LOGIN"],
    authOptional: false,
    onConnect(_session, callback) {
      connections.opened += 1;
      callback();
    },
    onClose() {
      connections.closed += 1;
    },
    onAuth(auth, _session, callback) {
      authAttempts.push({ method: auth.method, username: auth.username });
      if (auth.username && users[auth.username] === auth.password) return callback(null, { user: auth.username });
      callback(smtpError({ code: 535, message: "5.7.8 Error: authentication failed" }));
    },
    onMailFrom(_address, _session, callback) {
      const reply = take("mail");
      callback(reply && "code" in reply ? smtpError(reply) : undefined);
    },
    onRcptTo(_address, _session, callback) {
      const reply = take("rcpt");
      callback(reply && "code" in reply ? smtpError(reply) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const reply = take("data");
        const record = (text: string) =>
          received.push({
            envelope: structuredClone(session.envelope),
            raw: Buffer.concat(chunks),
            user: typeof session.user === "string" ? session.user : null,
            secure: session.secure,
            reply: text,
          });
        if (reply && "hang" in reply) return record("(no answer)");
        if (reply) {
          record(`${reply.code} ${reply.message}`);
          return callback(smtpError(reply));
        }
        const queueId = `Q${nextQueueId++}`;
        record(`250 Ok: queued as ${queueId}`);
        callback(null, `Ok: queued as ${queueId}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    replies,
    authAttempts,
    connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A server that accepts the TCP connection and never says a word (not even the greeting): the send must be ended by
 * the worker's timeout, and must close the connection rather than leave it open.
 */
export async function startSilentServer() {
  const sockets = new Set<Socket>();
  const stats = { accepted: 0, closed: 0 };
  const server = createServer((socket) => {
    stats.accepted += 1;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => {
      stats.closed += 1;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A throw-away self-signed certificate for 127.0.0.1 and localhost. Node cannot create X.509 certificates itself
 * (node:crypto only reads them), and smtp-server's built-in one expired in 2025, so this calls the machine's
 * `openssl` (Debian's openssl package) and reads the files back from a temporary directory.
 */
export function createSelfSignedCertificate(): { key: string; cert: string } {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-smtp-cert-"));
  try {
    const keyPath = path.join(directory, "key.pem");
    const certPath = path.join(directory, "cert.pem");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyPath, "-out", certPath,
        "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      { stdio: "ignore" },
    );
    return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8") };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

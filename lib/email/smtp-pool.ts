import net from "node:net";
import { TLSSocket } from "node:tls";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import type { SmtpSettings } from "@/lib/env";

/**
 * A small pool of SMTP connections, owned down to the TCP socket.
 *
 * Why not nodemailer's own pool (`pool: true`): it cannot cancel one message. Its close() leaves a busy connection
 * open until the server answers or the socket timeout (minutes) fires, and a message whose connection drops is put
 * back into the pool's own queue and sent again behind the outbox's back. Here a send holds one connection from
 * MAIL FROM to the final reply; aborting it destroys exactly that connection's socket (underneath any TLS layer), so
 * nothing lingers and every attempt is one the outbox counted. nodemailer's SMTPConnection still speaks the protocol:
 * EHLO, STARTTLS, AUTH, SIZE, pipelining, dot-stuffing.
 *
 * No logger is passed to SMTPConnection: its transaction log would carry addresses.
 */

export type SmtpEndpoint = Omit<SmtpSettings, "kind">;

export type SmtpPoolOptions = {
  /** Small on purpose: a town hall's mail server (or its IT centre's relay) limits connections per client. */
  maxConnections: number;
  /** Reconnect after this many messages, as servers limit messages per connection too. */
  maxMessagesPerConnection: number;
  /** An unused connection is closed (QUIT) after this long; shorter than the socket timeout and most servers' own. */
  idleCloseMs: number;
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
};

export const DEFAULT_SMTP_POOL_OPTIONS: SmtpPoolOptions = {
  maxConnections: 3,
  maxMessagesPerConnection: 100,
  idleCloseMs: 30_000,
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 60_000,
};

/** `tlsReason`: why the server's certificate was refused (Node's code, e.g. CERT_HAS_EXPIRED), see withTlsReason. */
export type SmtpError = SMTPConnection.SMTPError & { tlsReason?: string };
export type SmtpSentInfo = SMTPConnection.SentMessageInfo;
type Callback<T> = (error: SmtpError | null | undefined, value?: T) => void;

/** How long a QUIT may take before the socket is destroyed anyway. */
const QUIT_GRACE_MS = 2_000;

function connectionError(message: string, code: string): SmtpError {
  return Object.assign(new Error(message), { code });
}

/** One connection and the socket under it; `onClosed` runs exactly once, however the connection ends. */
class PooledConnection {
  sent = 0;
  private open = true;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly smtp: SMTPConnection,
    private readonly socket: net.Socket,
    private readonly onClosed: (connection: PooledConnection) => void,
  ) {
    // Outside an operation (idle, the server hung up) an error must not crash the process: the connection just ends.
    smtp.on("error", () => this.destroy());
    smtp.once("end", () => this.destroy());
  }

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Runs one protocol step. It ends with the step's callback, an error or close event of the connection (a dropped
   * socket or a timeout never reaches the callback), or the abort, which destroys the connection first.
   */
  run<T>(signal: AbortSignal, start: (done: Callback<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (error: unknown, value?: T) => {
        if (settled) return;
        settled = true;
        this.smtp.off("error", onError);
        this.smtp.off("end", onEnd);
        signal.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else resolve(value as T);
      };
      const onError = (error: SmtpError) => settle(withTlsReason(error, this.smtp));
      const onEnd = () => settle(connectionError("Connection closed", "ECONNECTION"));
      const onAbort = () => {
        // Settle first: destroying the connection fires its close event, which would report a mere "closed".
        settle(signal.reason);
        this.destroy();
      };
      if (signal.aborted) return onAbort();
      // Ahead of the constructor's listeners: those end the connection, whose close event must not win over the error.
      this.smtp.prependListener("error", onError);
      this.smtp.prependOnceListener("end", onEnd);
      signal.addEventListener("abort", onAbort, { once: true });
      start((error, value) => settle(error ?? null, value));
    });
  }

  park(idleCloseMs: number, onIdleTimeout: () => void): void {
    // An idle connection must not keep a process (a CLI, a test run) alive.
    this.socket.unref();
    this.idleTimer = setTimeout(onIdleTimeout, idleCloseMs);
    this.idleTimer.unref();
  }

  unpark(): void {
    clearTimeout(this.idleTimer);
    this.socket.ref();
  }

  /** Polite end: QUIT, then the socket goes in any case. */
  quit(): void {
    if (!this.open) return;
    clearTimeout(this.idleTimer);
    this.smtp.quit();
    setTimeout(() => this.destroy(), QUIT_GRACE_MS).unref();
  }

  /** Immediate end. Destroying the TCP socket also ends a TLS session running over it. */
  destroy(): void {
    if (!this.open) return;
    this.open = false;
    clearTimeout(this.idleTimer);
    this.smtp.close();
    this.socket.destroy();
    this.onClosed(this);
  }
}

/**
 * nodemailer reports a refused certificate as a plain socket error (code ESOCKET, Node's reason overwritten); the TLS
 * socket still knows why. Telling it apart matters: staff should hear "configuration", not "server unavailable".
 */
function withTlsReason(error: SmtpError, smtp: SMTPConnection): SmtpError {
  const socket: unknown = smtp._socket;
  const verifying = smtp.options.tls?.rejectUnauthorized !== false;
  if (verifying && socket instanceof TLSSocket && !socket.authorized && socket.authorizationError) {
    return Object.assign(error, { code: "ETLS", tlsReason: String(socket.authorizationError) });
  }
  return error;
}

export class SmtpConnectionPool {
  private readonly idle: PooledConnection[] = [];
  private readonly waiting = new Set<() => void>();
  private openCount = 0;
  private closed = false;

  constructor(
    private readonly endpoint: SmtpEndpoint,
    private readonly options: SmtpPoolOptions = DEFAULT_SMTP_POOL_OPTIONS,
  ) {}

  /**
   * Sends one message over a connection of its own. Any failure discards that connection (its state after an error
   * reply is not worth trusting); success puts it back for the next message.
   */
  async send(envelope: SMTPConnection.Envelope, message: Buffer, signal: AbortSignal): Promise<SmtpSentInfo> {
    const connection = await this.acquire(signal);
    try {
      const info = await connection.run<SmtpSentInfo>(signal, (done) => connection.smtp.send(envelope, message, (error, sent) => done(error, sent)));
      this.release(connection);
      return info;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  /** Closes idle connections now and busy ones when their message is done; later sends fail. */
  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.quit();
    for (const wake of this.waiting) wake();
    this.waiting.clear();
  }

  private async acquire(signal: AbortSignal): Promise<PooledConnection> {
    for (;;) {
      signal.throwIfAborted();
      if (this.closed) throw connectionError("SMTP transport closed", "ECONNECTION");
      // The most recently used connection first: the least likely to have been dropped by the server meanwhile.
      const idle = this.idle.pop();
      if (idle) {
        idle.unpark();
        return idle;
      }
      if (this.openCount < this.options.maxConnections) return this.connect(signal);
      await this.slotFreed(signal);
    }
  }

  private async connect(signal: AbortSignal): Promise<PooledConnection> {
    const { host, port, secure, startTls, auth, rejectUnauthorized, clientName } = this.endpoint;
    this.openCount += 1;
    let socket: net.Socket;
    try {
      socket = await openSocket(host, port, this.options.connectionTimeoutMs, signal);
    } catch (error) {
      this.openCount -= 1;
      this.wakeOne();
      throw error;
    }
    const smtp = new SMTPConnection({
      connection: socket,
      host,
      port,
      secure,
      // "required": no STARTTLS, no message (and no password over plain text). "optional": upgrade when offered.
      requireTLS: !secure && startTls === "required",
      opportunisticTLS: !secure && startTls === "optional",
      tls: { rejectUnauthorized },
      name: clientName ?? undefined,
      connectionTimeout: this.options.connectionTimeoutMs,
      greetingTimeout: this.options.greetingTimeoutMs,
      socketTimeout: this.options.socketTimeoutMs,
      logger: false,
    });
    const connection = new PooledConnection(smtp, socket, (closed) => this.forget(closed));
    try {
      await connection.run<void>(signal, (done) => smtp.connect((error) => done(error)));
      if (auth) await connection.run<void>(signal, (done) => smtp.login({ credentials: { user: auth.user, pass: auth.password } }, (error) => done(error)));
      return connection;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  private release(connection: PooledConnection): void {
    connection.sent += 1;
    if (this.closed || connection.sent >= this.options.maxMessagesPerConnection || !connection.isOpen) {
      connection.quit();
      return;
    }
    connection.park(this.options.idleCloseMs, () => {
      this.removeIdle(connection);
      connection.quit();
    });
    this.idle.push(connection);
    this.wakeOne();
  }

  /** A connection ended (quit, destroyed, dropped by the server): its slot is free. */
  private forget(connection: PooledConnection): void {
    this.removeIdle(connection);
    this.openCount -= 1;
    this.wakeOne();
  }

  private removeIdle(connection: PooledConnection): void {
    const index = this.idle.indexOf(connection);
    if (index !== -1) this.idle.splice(index, 1);
  }

  private slotFreed(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiting.delete(wake);
        reject(signal.reason);
      };
      this.waiting.add(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private wakeOne(): void {
    const [first] = this.waiting;
    if (!first) return;
    this.waiting.delete(first);
    first();
  }
}

/**
 * Opens the TCP connection ourselves (SMTPConnection takes it over, and adds TLS on top for smtps), so that an abort
 * can destroy the socket at any stage, including a server that accepted the connection and never said a word.
 */
function openSocket(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<net.Socket> {
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host, port });
    // After the hand-over SMTPConnection listens for errors itself; this keeps a late one from crashing the process.
    socket.on("error", () => {});
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      socket.off("connect", onConnect);
      socket.off("error", onError);
      if (error === undefined) return resolve(socket);
      socket.destroy();
      reject(error);
    };
    const onConnect = () => finish();
    const onError = (error: Error) => finish(error);
    const onAbort = () => finish(signal.reason);
    const timer = setTimeout(() => finish(connectionError("Connection timeout", "ETIMEDOUT")), timeoutMs);
    socket.once("connect", onConnect);
    socket.once("error", onError);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

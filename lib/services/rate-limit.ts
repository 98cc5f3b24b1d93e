/**
 * Request budgets per client, shared by every process and instance on the database: rate-limiter-flexible's SQLite
 * store on our own connection, or its PostgreSQL store on our pool (one atomic upsert per request), in the table
 * `rate_limits`. Each budget keeps its own fixed window per client, so a long budget
 * (a day of bookings) is never forgotten because a short one (a minute of searches) rolled over. Clients are counted
 * by the address our HTTP server determined (lib/http/client-address.ts; IPv6 by its /64), as a keyed hash: the
 * table never holds an address in clear, and the hash cannot be reversed by trying every IPv4 address.
 *
 * RATE_LIMIT_SCALE (lib/env.ts) multiplies every budget, for load tests and benchmarks.
 */
import { runExclusive } from "@/db/async-database";
import type Database from "better-sqlite3";
import { createHmac } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import type { AppDatabase } from "@/db/client";
import { isPostgres } from "@/db/engine";
import { postgresPoolOf } from "@/db/postgres";
import { preparedOnce } from "@/db/prepared";
import { connectionOf } from "@/db/revisions";
import { ServiceBusyError } from "@/lib/errors";
import { rateLimitSubject } from "@/lib/http/client-address";

export type Budget = { name: string; points: number; durationSeconds: number };

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const BUDGETS = {
  /** Free times (the wizard's day, time and review pages, the API): the most expensive reads. */
  availability: { name: "availability", points: 300, durationSeconds: MINUTE },
  /** Every other API read: catalogue, locations, the OpenAPI document. */
  read: { name: "read", points: 600, durationSeconds: MINUTE },
  /** Bookings, online and through the API: a family books a few; a script filling the calendar stops here. */
  bookingPerHour: { name: "booking-hour", points: 10, durationSeconds: HOUR },
  bookingPerDay: { name: "booking-day", points: 25, durationSeconds: 24 * HOUR },
  /** Bookings without the proof of work (no JavaScript): people can still book, a script gains nothing. */
  bookingWithoutChallenge: { name: "booking-plain", points: 3, durationSeconds: HOUR },
  /** API clients with a key from an administrator (a town's portal, a call centre) book for many people. */
  bookingWithApiKey: { name: "booking-api-key", points: 600, durationSeconds: HOUR },
  /** A solved proof of work buys one booking: its challenge is spent for as long as it could be used. */
  challengeUse: { name: "challenge-use", points: 1, durationSeconds: HOUR },
  /** Manage links (pages and the API): opening, moving, cancelling, deleting one's own booking. */
  manage: { name: "manage", points: 120, durationSeconds: HOUR },
  /** "Termin verwalten" without the link: the link sent again. A few lost e-mails an hour; a prober or a mail bomb stops. */
  manageLinkRequest: { name: "manage-link-request", points: 10, durationSeconds: HOUR },
} as const satisfies Record<string, Budget>;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number; budget: string };

/** Whom a budget counts: a client address (IPv6 by its /64), an API key an administrator issued, or a challenge. */
export type RateLimitClient = { address: string } | { apiKeyId: number } | { challengeId: string };

function subjectOf(client: RateLimitClient): string {
  if ("apiKeyId" in client) return `api-key:${client.apiKeyId}`;
  if ("challengeId" in client) return `challenge:${client.challengeId}`;
  return rateLimitSubject(client.address);
}

type Limiter = RateLimiterSQLite | RateLimiterPostgres;
const limiters = new WeakMap<object, Map<string, Limiter>>();

function limiterFor(db: AppDatabase, budget: Budget, scale: number): Limiter {
  const client: object = isPostgres ? postgresPoolOf(db) : db.$client;
  let byBudget = limiters.get(client);
  if (!byBudget) limiters.set(client, (byBudget = new Map()));
  const points = Math.max(1, Math.ceil(budget.points * scale));
  const cacheKey = `${budget.name}:${points}:${budget.durationSeconds}`;
  let limiter = byBudget.get(cacheKey);
  if (!limiter) {
    const options = {
      storeClient: isPostgres ? client : statementCachingClient(db),
      // The table comes from our migrations (db/schema/rate-limits.ts, db/schema-pg/rate-limits.ts).
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: budget.name,
      points,
      duration: budget.durationSeconds,
      // One sweeper per connection is enough: it removes every expired row, whatever the budget.
      clearExpiredByTimeout: byBudget.size === 0,
    };
    limiter = isPostgres ? new RateLimiterPostgres({ ...options, storeType: "pool" }) : new RateLimiterSQLite({ ...options, storeType: "better-sqlite3" });
    byBudget.set(cacheKey, limiter);
  }
  return limiter;
}

const cachingClients = new WeakMap<object, Database.Database>();

/**
 * rate-limiter-flexible's SQLite store prepares its statement again on every request: SQLite parses and plans it each
 * time (in a CPU profile of API bookings, about 5 % of the server's work). The client it gets prepares each text once
 * per connection instead, through preparedOnce (db/prepared.ts), like our own hot statements. Sharing a statement
 * between calls is safe here: the store only runs `get`/`run` on them, never `iterate` or raw mode, and better-sqlite3
 * runs each call to completion. Its texts are fixed (a handful), so the cache stays small.
 */
function statementCachingClient(db: AppDatabase): Database.Database {
  const client = db.$client as unknown as Database.Database;
  let caching = cachingClients.get(client);
  if (!caching) {
    caching = new Proxy(client, {
      get(target, property) {
        if (property === "prepare") return (source: string) => preparedOnce(db, `rate-limit:${source}`, (d) => connectionOf(d).prepare(source));
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    cachingClients.set(client, caching);
  }
  return caching;
}

/** A keyed hash of what a budget counts by, so the table holds no address (or e-mail) in clear. */
export function rateLimitKey(secret: string, subject: string): string {
  return createHmac("sha256", secret).update(subject).digest("base64url").slice(0, 32);
}

/**
 * Spends one request from each budget for the client. Refused as soon as one budget is exhausted: the
 * answer says which, and after how many seconds its window ends. Every budget of the call is charged, so a client
 * that keeps knocking after a refusal does not earn its way back.
 */
export async function spendBudgets(
  db: AppDatabase,
  budgets: readonly Budget[],
  client: RateLimitClient,
  options: { secret: string; scale: number },
): Promise<RateLimitResult> {
  const key = rateLimitKey(options.secret, subjectOf(client));
  let refusal: RateLimitResult = { allowed: true };
  for (const budget of budgets) {
    try {
      // The store writes through its own transactions on our connection: between ours, never inside one.
      await runExclusive(db.$client, () => limiterFor(db, budget, options.scale).consume(key));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      if (refusal.allowed || retryAfterSeconds > refusal.retryAfterSeconds) refusal = { allowed: false, retryAfterSeconds, budget: budget.name };
    }
  }
  return refusal;
}

/** Budgets spent for one client: what refundedWhenBusy gives back. */
export type SpentBudgets = { budgets: readonly Budget[]; client: RateLimitClient; scale: number };

/**
 * Runs `work`, for which the caller has spent `spent`. When the database turns the work away as busy
 * (ServiceBusyError: nothing was written, and the answer asks to send the same request again in a moment), one
 * request goes back to each of those budgets before the error goes on. Otherwise people retrying during a burst at
 * slot release would use up their hourly bookings on our busy answers, and an API client's solved challenge would be
 * spent on a booking that was never made. A refund that fails itself is logged; that point stays spent.
 */
export async function refundedWhenBusy<T>(db: AppDatabase, secret: string, spent: readonly SpentBudgets[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceBusyError) {
      try {
        for (const { budgets, client, scale } of spent) {
          const key = rateLimitKey(secret, subjectOf(client));
          for (const budget of budgets) await runExclusive(db.$client, () => limiterFor(db, budget, scale).reward(key, 1));
        }
      } catch (refundError) {
        console.warn(`request budgets of a busy attempt not refunded: ${refundError instanceof Error ? refundError.name : "unknown error"}`);
      }
    }
    throw error;
  }
}

/** How much of a budget a client has used in its current window (0 when none): the proof of work grows with it. */
export async function budgetUsed(db: AppDatabase, budget: Budget, client: RateLimitClient, options: { secret: string; scale: number }): Promise<number> {
  const state = await runExclusive(db.$client, () => limiterFor(db, budget, options.scale).get(rateLimitKey(options.secret, subjectOf(client))));
  return state?.consumedPoints ?? 0;
}

import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { E2E } from "./settings";

/**
 * Direct access to the e2e database for test setup (filling a time to capacity) and assertions. Only plain SQL here:
 * the app's query modules are for the server.
 *
 * Row stamps (created_at, updated_at) come from the app's clock (E2E.now()), not the machine's: the app reads them
 * (e.g. the statistics' lead time from booking to appointment), and under `npm run test:dates` the app's "now" may be
 * years away from the real one, so a real-clock stamp would be a booking made years before (or after) its day.
 */
/**
 * On the PostgreSQL run (playwright.postgres.config.ts) the helpers the specs of that run use go to the app's
 * PostgreSQL database instead, through a connection of their own; the others stay SQLite-only.
 */
async function onPostgres<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the PostgreSQL run's server, named after the app's with `suffix` (dropped first if left over). */
export async function freshPostgresDatabase(suffix: string): Promise<string> {
  if (!E2E.databaseUrl) throw new Error("freshPostgresDatabase: not a PostgreSQL run");
  const url = new URL(E2E.databaseUrl);
  const name = `${url.pathname.slice(1)}_${suffix}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name: ${name}`);
  await onServer(async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database freshPostgresDatabase made, ending connections a killed server may have left. */
export async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name: ${name}`);
  await onServer((client) => client.query(`drop database if exists ${name} with (force)`));
}

/** The server's maintenance database: a database cannot be created or dropped from inside itself. */
function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(E2E.databaseUrl!);
  url.pathname = "/postgres";
  return onPostgres(url.toString(), work);
}

function open() {
  const db = new Database(E2E.databasePath, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  return db;
}

export function idOf(table: "locations" | "concerns", slug: string): number {
  const db = open();
  try {
    return (db.prepare(`select id from ${table} where slug = ?`).get(slug) as { id: number }).id;
  } finally {
    db.close();
  }
}

/** Occupies every counter at a time, so the engine sees it as taken. */
export function fillTime(locationSlug: string, concernSlug: string, startsAt: Date, endsAt: Date, count = 8): void {
  const db = open();
  try {
    const locationId = idOf("locations", locationSlug);
    const concernId = idOf("concerns", concernSlug);
    const insertBooking = db.prepare(
      `insert into bookings (reference_code, manage_token_hash, status, channel, location_id, starts_at, ends_at, citizen_name, email, language, created_at, updated_at)
       values (?, ?, 'booked', 'phone', ?, ?, ?, 'Test Filler', null, 'de', ?, ?)`,
    );
    const insertItem = db.prepare(`insert into booking_items (booking_id, concern_id, quantity, duration_minutes, fee_cents) values (?, ?, 1, 10, null)`);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const code = randomBytes(4).toString("hex").toUpperCase();
        const result = insertBooking.run(`${code.slice(0, 4)}-${code.slice(4)}`, randomBytes(32).toString("hex"), locationId, startsAt.getTime(), endsAt.getTime(), E2E.now().getTime(), E2E.now().getTime());
        insertItem.run(result.lastInsertRowid, concernId);
      }
    })();
  } finally {
    db.close();
  }
}

export function bookingByReference(referenceCode: string) {
  const db = open();
  try {
    return db.prepare("select * from bookings where reference_code = ?").get(referenceCode) as
      | { id: number; status: string; starts_at: number; ends_at: number; email: string | null; citizen_name: string }
      | undefined;
  } finally {
    db.close();
  }
}

export function countBookingsByEmail(email: string): number {
  const db = open();
  try {
    return (db.prepare("select count(*) as n from bookings where email = ?").get(email) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A booking placed directly, for staff tests that need one at a known time (not through the citizen flow). */
export function insertBooking(input: {
  locationSlug: string;
  concernSlug: string;
  startsAt: Date;
  minutes: number;
  name: string;
  email: string | null;
  phone?: string;
  channel?: "online" | "phone";
  /** A manage token to open the booking's pages with; otherwise nobody holds one. */
  manageToken?: string;
  createdAt?: Date;
}): { id: number; referenceCode: string } {
  const db = open();
  try {
    const locationId = idOf("locations", input.locationSlug);
    const concernId = idOf("concerns", input.concernSlug);
    const code = randomBytes(4).toString("hex").toUpperCase().replace(/[01258BIOSZL]/g, "A");
    const referenceCode = `${code.slice(0, 4)}-${code.slice(4)}`;
    const result = db
      .prepare(
        `insert into bookings (reference_code, manage_token_hash, status, channel, location_id, starts_at, ends_at, citizen_name, email, phone, language, created_at, updated_at)
         values (?, ?, 'booked', ?, ?, ?, ?, ?, ?, ?, 'de', ?, ?)`,
      )
      .run(referenceCode, input.manageToken ? createHash("sha256").update(input.manageToken, "utf8").digest("hex") : randomBytes(32).toString("hex"), input.channel ?? "online", locationId, input.startsAt.getTime(), input.startsAt.getTime() + input.minutes * 60_000, input.name, input.email, input.phone ?? null, input.createdAt?.getTime() ?? E2E.now().getTime(), E2E.now().getTime());
    db.prepare(`insert into booking_items (booking_id, concern_id, quantity, duration_minutes, fee_cents) values (?, ?, 1, ?, null)`).run(result.lastInsertRowid, concernId, input.minutes);
    return { id: Number(result.lastInsertRowid), referenceCode };
  } finally {
    db.close();
  }
}

export function bookingById(id: number) {
  const db = open();
  try {
    return db.prepare("select * from bookings where id = ?").get(id) as { status: string; channel: string; email: string | null; citizen_name: string; reference_code: string } | undefined;
  } finally {
    db.close();
  }
}

/** An API key as an administrator would issue it (lib/services/admin/api-keys.ts), for specs that book through the API. */
export async function insertApiKey(label: string): Promise<{ id: number; key: string }> {
  const key = `tv_${randomBytes(32).toString("base64url")}`;
  const keyHash = createHash("sha256").update(key, "utf8").digest("hex");
  const keyPrefix = key.slice(3, 11);
  if (E2E.databaseUrl) {
    const id = await onPostgres(E2E.databaseUrl, async (client) => {
      const result = await client.query<{ id: number }>("insert into api_keys (label, key_hash, key_prefix, created_at) values ($1, $2, $3, $4) returning id", [label, keyHash, keyPrefix, E2E.now()]);
      return result.rows[0]!.id;
    });
    return { id, key };
  }
  const db = open();
  try {
    const result = db.prepare("insert into api_keys (label, key_hash, key_prefix, created_at) values (?, ?, ?, ?)").run(label, keyHash, keyPrefix, E2E.now().getTime());
    return { id: Number(result.lastInsertRowid), key };
  } finally {
    db.close();
  }
}

/** How many bookings in status `booked` start at an instant and have an e-mail address beginning with `emailPrefix`. */
export async function countBookedAt(startsAt: Date, emailPrefix: string): Promise<number> {
  const pattern = `${emailPrefix.replace(/[\\%_]/g, "\\$&")}%`;
  if (E2E.databaseUrl) {
    return onPostgres(E2E.databaseUrl, async (client) => {
      const result = await client.query<{ n: number }>("select count(*)::int as n from bookings where starts_at = $1 and email like $2 escape '\\' and status = 'booked'", [startsAt, pattern]);
      return result.rows[0]!.n;
    });
  }
  const db = new Database(E2E.databasePath, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from bookings where starts_at = ? and email like ? escape '\\' and status = 'booked'").get(startsAt.getTime(), pattern) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The kinds of the e-mails the outbox holds for a booking, oldest first (sent or not). */
export function outboxKinds(bookingId: number): string[] {
  const db = open();
  try {
    return (db.prepare("select kind from email_outbox where booking_id = ? order by id").all(bookingId) as { kind: string }[]).map((row) => row.kind);
  } finally {
    db.close();
  }
}

export function locationReminders(slug: string) {
  const db = open();
  try {
    return db.prepare("select reminders_enabled, reminder_days_before, reminder_hour from locations where slug = ?").get(slug) as
      | { reminders_enabled: number; reminder_days_before: number; reminder_hour: number }
      | undefined;
  } finally {
    db.close();
  }
}

/** A waiting-list entry's status by its e-mail address, or null when there is none (left, booked, expired). */
export function waitingListStatus(email: string): string | null {
  const db = open();
  try {
    return (db.prepare("select status from waiting_list_entries where email = ?").get(email) as { status: string } | undefined)?.status ?? null;
  } finally {
    db.close();
  }
}

/** Sets the double opt-in deadline for online bookings (minutes; 0 switches it off). */
export function setBookingConfirmationMinutes(minutes: number): void {
  const db = open();
  try {
    db.prepare("update settings set booking_confirmation_minutes = ?").run(minutes);
  } finally {
    db.close();
  }
}

/** The status and hold of the booking a citizen made with this address, newest first. */
export function latestBookingByEmail(email: string) {
  const db = open();
  try {
    return db.prepare("select id, status, hold_purpose, held_until, reference_code from bookings where email = ? order by id desc").get(email) as
      | { id: number; status: string; hold_purpose: string | null; held_until: number | null; reference_code: string }
      | undefined;
  } finally {
    db.close();
  }
}

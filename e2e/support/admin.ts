import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./settings";

/** Demo accounts seeded for every e2e run (db/seed). */
export const ADMIN_ACCOUNT = { email: "admin@musterstadt.example", password: "Demo-Admin-2026!" };
export const STAFF_ACCOUNT = { email: "sachbearbeitung@musterstadt.example", password: "Demo-Buero-2026!" };

/** Signs in through the real form (works with JavaScript switched off too) and waits until the login page is left. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/staff/login");
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/staff") && !url.pathname.startsWith("/staff/login"));
  await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
}

/** A fresh address per test run, so reruns against the same database never collide. */
export function uniqueStaffEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@musterstadt.example`;
}

function open() {
  const db = new Database(E2E.databasePath, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  return db;
}

/** The staff account row for an e-mail (stored lower-cased), without the password hash; undefined if there is none. */
export function staffAccountByEmail(email: string): { id: number; email: string; name: string; role: string; active: number } | undefined {
  const db = open();
  try {
    return db.prepare("select id, email, name, role, active from staff_users where email = ?").get(email.trim().toLowerCase()) as
      | { id: number; email: string; name: string; role: string; active: number }
      | undefined;
  } finally {
    db.close();
  }
}

/** How many server-side sessions an account has; deactivation must bring this to 0. */
export function sessionCount(userId: number): number {
  const db = open();
  try {
    return (db.prepare("select count(*) as n from staff_sessions where user_id = ?").get(userId) as { n: number }).n;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------
// Concern catalogue, locations and settings (admin-catalogue.spec.ts)
// ---------------------------------------------------------------------------

/** A concern's current duration per item, as the booking service reads it. */
export function concernDurationMinutes(slug: string): number {
  const db = open();
  try {
    return (db.prepare("select duration_minutes as minutes from concerns where slug = ?").get(slug) as { minutes: number }).minutes;
  } finally {
    db.close();
  }
}

/** Puts a duration back directly: the safety net when a spec that changed it through the UI failed half-way. */
export function setConcernDurationMinutes(slug: string, minutes: number): void {
  const db = open();
  try {
    db.prepare("update concerns set duration_minutes = ? where slug = ?").run(minutes, slug);
  } finally {
    db.close();
  }
}

/** The per-item durations a booking took as its snapshot when it was made. */
export function bookingItemDurations(referenceCode: string): number[] {
  const db = open();
  try {
    return (
      db
        .prepare("select i.duration_minutes as minutes from booking_items i join bookings b on b.id = i.booking_id where b.reference_code = ? order by i.id")
        .all(referenceCode) as { minutes: number }[]
    ).map((row) => row.minutes);
  } finally {
    db.close();
  }
}

const KEYED_TABLES = { concern_categories: "slug", documents: "key", forms: "key", locations: "slug", concerns: "slug" } as const;

/** The id of a catalogue row by its slug or key (seeded names such as "meldewesen", "vollmacht", "rathaus"). */
export function catalogueId(table: keyof typeof KEYED_TABLES, slugOrKey: string): number {
  const db = open();
  try {
    const row = db.prepare(`select id from ${table} where ${KEYED_TABLES[table]} = ?`).get(slugOrKey) as { id: number } | undefined;
    if (!row) throw new Error(`no ${table} row ${slugOrKey}`);
    return row.id;
  } finally {
    db.close();
  }
}

/** Category slugs in the booking page's order. */
export function categoryOrder(): string[] {
  const db = open();
  try {
    return (db.prepare("select slug from concern_categories order by position, id").all() as { slug: string }[]).map((row) => row.slug);
  } finally {
    db.close();
  }
}

/** One text column of the settings row. */
export function settingsText(column: "office_name" | "vat_id"): string {
  const db = open();
  try {
    return (db.prepare(`select ${column} as value from settings where id = 1`).get() as { value: string }).value;
  } finally {
    db.close();
  }
}

/** How many audit entries of one kind exist, e.g. "concern.update". */
export function auditCount(action: string): number {
  const db = open();
  try {
    return (db.prepare("select count(*) as n from audit_log where action = ?").get(action) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** What a concern asks people to bring, as the checklist reads it: document key, how often, count and condition. */
export function concernDocumentLinks(slug: string): { key: string; scope: string; count: number; conditionDe: string | null; conditionEn: string | null }[] {
  const db = open();
  try {
    return db
      .prepare(
        `select d.key as key, cd.scope as scope, cd.count as count, cd.condition_de as conditionDe, cd.condition_en as conditionEn
         from concern_documents cd join documents d on d.id = cd.document_id join concerns c on c.id = cd.concern_id
         where c.slug = ? order by cd.position`,
      )
      .all(slug) as { key: string; scope: string; count: number; conditionDe: string | null; conditionEn: string | null }[];
  } finally {
    db.close();
  }
}

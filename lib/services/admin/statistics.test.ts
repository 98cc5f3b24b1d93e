import { eq, sql, type SQL } from "drizzle-orm";
import { instantParam, isPostgres } from "@/db/engine";
import { rawRows } from "@/lib/testing/raw-sql";
import { createTranslator } from "use-intl/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bookings, concerns, locations, queueEntries } from "@/db/schema";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { NotFoundError } from "@/lib/errors";
import de from "@/lib/i18n/messages/admin-people.de.json";
import en from "@/lib/i18n/messages/admin-people.en.json";
import hallDe from "@/lib/i18n/messages/hall.de.json";
import hallEn from "@/lib/i18n/messages/hall.en.json";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { concernId, locationId, seededContext, TEST_NOW, TZ } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { defaultStatisticsPeriod, loadStatistics, statisticsCsv, statisticsCsvFileName, statisticsTimeZone } from "./statistics";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  admin = await signedInAccess(fixture.context, "admin");
});
afterEach(() => fixture.cleanup());

const db = () => fixture.db;
const nameOf = async (slug: string) => (await db().select({ name: concerns.nameDe }).from(concerns).where(eq(concerns.slug, slug)))[0]!.name;
const labels = (language: "de" | "en") =>
  createTranslator({ locale: language, messages: language === "de" ? de : en, namespace: "adminPeople.statistics" }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
const queueLabels = (language: "de" | "en") =>
  createTranslator({ locale: language, messages: language === "de" ? hallDe : hallEn, namespace: "hall.statistics" }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;

/** The seed books from three days before to seven days after Tuesday 24 November 2026. */
const SEEDED_PERIOD = { from: "2026-11-20", to: "2026-12-02", locationId: null };

/** The seeded bookings starting in [from 00:00, to+1 00:00) Berlin time, counted by SQL, independent of the service. */
async function sqlFigures(from: string, to: string) {
  const start = instantParam(zonedToInstant(from, 0, TZ));
  const end = instantParam(zonedToInstant(to, 24 * 60, TZ));
  const inRange = sql`${bookings.startsAt} >= ${start} and ${bookings.startsAt} < ${end}`;
  const one = async (query: SQL) => (await rawRows<{ n: number }>(db(), query, ["n"]))[0]!.n;
  const total = await one(sql`select count(*) as n from bookings where ${inRange} and status <> 'cancelled'`);
  const quantities = await one(
    sql`select coalesce(sum(quantity), 0) as n from booking_items join bookings on bookings.id = booking_items.booking_id where ${inRange} and status <> 'cancelled'`,
  );
  // Instants are milliseconds on SQLite and timestamptz (whose difference is an interval) on PostgreSQL.
  const minutes = isPostgres ? sql`coalesce(extract(epoch from sum(ends_at - starts_at)), 0) / 60.0` : sql`coalesce(sum(ends_at - starts_at), 0) / 60000.0`;
  const minutesAt = async (slug: string) =>
    one(
      sql`select ${minutes} as n from bookings where ${inRange} and location_id = ${await locationId(db(), slug)} and status in ('booked', 'checked_in', 'done', 'no_show')`,
    );
  return { total, quantities, rathausMinutes: await minutesAt("rathaus"), nordstadtMinutes: await minutesAt("nordstadt") };
}

describe("loadStatistics on the seeded office", () => {
  it("agrees with plain SQL counts over the seeded bookings", async () => {
    const expected = await sqlFigures(SEEDED_PERIOD.from, SEEDED_PERIOD.to);
    expect(expected.total).toBeGreaterThan(20);
    const { statistics } = await loadStatistics(admin, SEEDED_PERIOD);

    expect(statistics.bookings).toBe(expected.total);
    expect(statistics.cancelled).toBe(0);
    expect(statistics.byDay.reduce((sum, day) => sum + day.bookings, 0)).toBe(expected.total);
    expect(statistics.byDay).toHaveLength(13);
    expect(Object.values(statistics.byChannel).reduce((a, b) => a + b, 0)).toBe(expected.total);
    expect(statistics.byConcern.reduce((sum, entry) => sum + entry.quantity, 0)).toBe(expected.quantities);
    expect(statistics.byLocation.reduce((sum, entry) => sum + entry.bookings, 0)).toBe(expected.total);
    const [rathaus, nordstadt] = statistics.utilisation.byLocation;
    expect(rathaus!.bookedMinutes).toBeCloseTo(expected.rathausMinutes);
    expect(nordstadt!.bookedMinutes).toBeCloseTo(expected.nordstadtMinutes);
    // Past seeded appointments are done or no-show, so the rate has a denominator.
    expect(statistics.noShow.dealtWith).toBeGreaterThan(0);
    expect(statistics.noShow.rate).toBe(statistics.noShow.noShows / statistics.noShow.dealtWith);
  });

  it("counts the seeded Kinderreisepass bookings with their quantity of two", async () => {
    const { statistics, concernNames } = await loadStatistics(admin, SEEDED_PERIOD);
    const childPassportId = await concernId(db(), "kinderreisepass");
    const childPassport = statistics.byConcern.find((entry) => entry.concernId === childPassportId);
    expect(childPassport).toBeDefined();
    expect(childPassport!.quantity).toBe(childPassport!.bookings * 2);
    expect(concernNames[childPassport!.concernId]?.de).toBe(await nameOf("kinderreisepass"));
  });

  it("computes capacity from the seeded windows, opening hours and the staff meeting closure", async () => {
    // Week of Monday 7 December 2026. Rathaus, four general counters while open, one vehicle counter Tue/Thu morning:
    // Mon 270 × 4, Tue 510 × 4 + 270, Wed 270 × 4 − 120 × 4 (staff meeting 10:30–12:30), Thu 390 × 4 + 270, Fri 240 × 4.
    // Nordstadt, two counters: Mon 210 × 2, Thu 240 × 2.
    const { statistics } = await loadStatistics(admin, { from: "2026-12-07", to: "2026-12-11", locationId: null });
    expect(statistics.utilisation.byLocation.map((entry) => entry.capacityMinutes)).toEqual([1080 + 2310 + 600 + 1830 + 960, 420 + 480]);
  });

  it("leaves Christmas Eve (closed) and Christmas Day (holiday) out of capacity", async () => {
    const { statistics } = await loadStatistics(admin, { from: "2026-12-21", to: "2026-12-27", locationId: null });
    // Rathaus: Mon, Tue, Wed only; Nordstadt: Monday only (Thursday the 24th is closed everywhere).
    expect(statistics.utilisation.byLocation.map((entry) => entry.capacityMinutes)).toEqual([1080 + 2310 + 1080, 420]);
  });

  it("reports one location only when asked, and refuses an unknown one", async () => {
    const branch = await locationId(db(), "nordstadt");
    const all = (await loadStatistics(admin, SEEDED_PERIOD)).statistics;
    const report = await loadStatistics(admin, { ...SEEDED_PERIOD, locationId: branch });
    expect(report.locations.map((location) => location.id)).toEqual([branch]);
    expect(report.statistics.bookings).toBe(all.byLocation.find((entry) => entry.locationId === branch)!.bookings);
    expect(report.statistics.bookings).toBeLessThan(all.bookings);
    await expect((async () => loadStatistics(admin, { ...SEEDED_PERIOD, locationId: 999_999 }))()).rejects.toThrow(NotFoundError);
  });

  it("moves cancelled bookings out of the counts and keeps anonymised ones in", async () => {
    const before = (await loadStatistics(admin, SEEDED_PERIOD)).statistics;
    const [first, second] = await db().select({ id: bookings.id }).from(bookings).limit(2);
    await db().update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, first!.id));
    await db()
      .update(bookings)
      .set({ citizenName: "", email: null, phone: null, anonymizedAt: TEST_NOW })
      .where(eq(bookings.id, second!.id));
    const after = (await loadStatistics(admin, SEEDED_PERIOD)).statistics;
    expect(after.bookings).toBe(before.bookings - 1);
    expect(after.cancelled).toBe(1);
  });

  it("breaks no-shows down by reminder, weekday, lead time and concern, agreeing with SQL", async () => {
    const inRange = sql`status in ('done', 'checked_in', 'no_show') and channel <> 'walk_in' and starts_at < ${instantParam(zonedToInstant("2026-12-03", 0, TZ))}`;
    const dealt = await rawRows<{ id: number; status: string }>(db(), sql`select id, status from bookings where ${inRange} order by id`);
    expect(dealt.length).toBeGreaterThan(4);
    // Every other dealt-with appointment was reminded.
    const reminded = dealt.filter((_, index) => index % 2 === 0);
    for (const row of reminded) await db().update(bookings).set({ reminderSentAt: TEST_NOW }).where(eq(bookings.id, row.id));
    const figuresOf = (rows: typeof dealt) => ({ noShows: rows.filter((row) => row.status === "no_show").length, dealtWith: rows.length });

    const { noShowBreakdown: breakdown } = (await loadStatistics(admin, SEEDED_PERIOD)).statistics;
    expect(breakdown.byReminder.reminded).toMatchObject(figuresOf(reminded));
    expect(breakdown.byReminder.notReminded).toMatchObject(figuresOf(dealt.filter((_, index) => index % 2 === 1)));
    const total = (entries: readonly { noShows: number; dealtWith: number }[]) => entries.reduce((sum, entry) => ({ noShows: sum.noShows + entry.noShows, dealtWith: sum.dealtWith + entry.dealtWith }), { noShows: 0, dealtWith: 0 });
    expect(total(breakdown.byWeekday)).toEqual(figuresOf(dealt));
    expect(total(breakdown.byLeadTime)).toEqual(figuresOf(dealt));
    expect(breakdown.byConcern.length).toBeGreaterThan(0);

    const lines = statisticsCsv(await loadStatistics(admin, SEEDED_PERIOD), labels("de"), "de", queueLabels("de")).split("\r\n");
    for (const title of ["Nicht erschienen nach Vorlauf der Buchung", "Nicht erschienen nach Wochentag", "Nicht erschienen nach Anliegen", "Nicht erschienen mit und ohne Erinnerung"]) {
      expect(lines).toContain(title);
    }
    const { noShows, dealtWith } = figuresOf(reminded);
    expect(lines.find((line) => line.startsWith("Mit Erinnerung;"))).toBe(`Mit Erinnerung;${noShows};${dealtWith};${dealtWith > 0 ? ((noShows / dealtWith) * 100).toFixed(1).replace(".", ",") : ""}`);
  });

  it("never carries personal data", async () => {
    const report = await loadStatistics(admin, SEEDED_PERIOD);
    const citizens = await db().select({ name: bookings.citizenName, email: bookings.email, phone: bookings.phone, code: bookings.referenceCode }).from(bookings);
    const text = JSON.stringify(report) + statisticsCsv(report, labels("de"), "de", queueLabels("de"));
    for (const citizen of citizens) {
      expect(text).not.toContain(citizen.name);
      expect(text).not.toContain(citizen.code);
      if (citizen.email) expect(text).not.toContain(citizen.email);
      if (citizen.phone) expect(text).not.toContain(citizen.phone);
    }
  });
});

describe("statisticsCsv", () => {
  it("writes German Excel CSV: byte order mark, semicolons, CRLF, decimal comma", async () => {
    const report = await loadStatistics(admin, SEEDED_PERIOD);
    const csv = statisticsCsv(report, labels("de"), "de", queueLabels("de"));
    expect(csv.startsWith("\uFEFFStatistik Terminvergabe\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain("Zeitraum;20.11.2026;02.12.2026");
    expect(lines).toContain("Standort;Alle Standorte");
    expect(lines).toContain(`Termine (ohne abgesagte);${report.statistics.bookings}`);
    expect(lines).toContain("Anliegen;Termine;Anzahl");
    const childPassportId = await concernId(db(), "kinderreisepass");
    const childPassport = report.statistics.byConcern.find((entry) => entry.concernId === childPassportId)!;
    expect(lines).toContain(`${await nameOf("kinderreisepass")};${childPassport.bookings};${childPassport.quantity}`);
    expect(lines).toContain("24.11.2026;" + report.statistics.byDay.find((day) => day.date === "2026-11-24")!.bookings);
    const rate = report.statistics.noShow.rate!;
    expect(lines).toContain(`Nicht erschienen (%);${(rate * 100).toFixed(1).replace(".", ",")}`);
    expect(lines.find((line) => line.startsWith("Bürgerbüro im Rathaus;") && line.split(";").length === 4)).toMatch(/^Bürgerbüro im Rathaus;\d+;\d+;\d+,\d$/);
    expect(lines).toContain("Warteschlange im Bürgerbüro");
    expect(lines).toContain(`Personen in der Warteschlange;${report.queue.entries}`);
  });

  it("reports the queue: waiting and service times and absences", async () => {
    const rathaus = await locationId(db(), "rathaus");
    const at = (minutes: number) => zonedToInstant("2026-11-24", 9 * 60 + minutes, TZ);
    const entry = async (number: number, over: Partial<typeof queueEntries.$inferInsert>) =>
      await db()
        .insert(queueEntries)
        .values({ locationId: rathaus, serviceDate: "2026-11-24", number, kind: "walk_in", statusTokenHash: `h${number}`, arrivedAt: at(0), updatedAt: at(0), ...over });
    await entry(1, { status: "done", calledAt: at(12), serviceStartedAt: at(13), finishedAt: at(21) });
    await entry(2, { status: "absent", calledAt: at(30), finishedAt: at(32) });
    const { queue } = await loadStatistics(admin, SEEDED_PERIOD);
    expect(queue).toMatchObject({ entries: 2, walkIns: 2, called: 2, absent: 1, absentRate: 0.5, waitingMinutes: { average: 21, p90: 30 }, serviceMinutes: { average: 8 } });
    const lines = statisticsCsv(await loadStatistics(admin, SEEDED_PERIOD), labels("de"), "de", queueLabels("de")).split("\r\n");
    expect(lines).toContain("Wartezeit bis zum Aufruf, Mittel (Minuten);21,0");
    expect(lines).toContain("Anteil nicht erschienen (%);50,0");
  });

  it("writes English labels and ISO dates in English, and names the file after the period", async () => {
    const report = await loadStatistics(admin, SEEDED_PERIOD);
    const csv = statisticsCsv(report, labels("en"), "en", queueLabels("en"));
    expect(csv).toContain("\r\nPeriod;2026-11-20;2026-12-02\r\n");
    expect(csv).toContain("\r\nConcern;Appointments;Quantity\r\n");
    expect(statisticsCsvFileName(report.query, "de")).toBe("statistik_2026-11-20_2026-12-02.csv");
    expect(statisticsCsvFileName(report.query, "en")).toBe("statistics_2026-11-20_2026-12-02.csv");
  });

  it("quotes separators and defuses cells a spreadsheet would run as formulas", async () => {
    await db().update(concerns).set({ nameDe: '=HYPERLINK("http://example.org";"Klick")' }).where(eq(concerns.slug, "personalausweis"));
    await db().update(concerns).set({ nameDe: "Pass; Ausweis" }).where(eq(concerns.slug, "reisepass"));
    const csv = statisticsCsv(await loadStatistics(admin, SEEDED_PERIOD), labels("de"), "de", queueLabels("de"));
    expect(csv).toMatch(/\r\n"'=HYPERLINK\(""http:\/\/example\.org"";""Klick""\)";\d+;\d+\r\n/);
    expect(csv).toMatch(/\r\n"Pass; Ausweis";\d+;\d+\r\n/);
  });
});

describe("defaultStatisticsPeriod", () => {
  it("is the last 30 days up to and including today in Berlin", () => {
    expect(defaultStatisticsPeriod(TEST_NOW)).toEqual({ from: "2026-10-26", to: "2026-11-24" });
    // 23:30 UTC on 24 November is already the 25th in Berlin.
    expect(defaultStatisticsPeriod(new Date("2026-11-24T23:30:00Z"))).toEqual({ from: "2026-10-27", to: "2026-11-25" });
  });

  // Only Europe/Berlin can be chosen in the admin form today; a location moved to New York in the database proves
  // that "today" of one location's statistics is taken in that location's zone, and all locations use the default.
  it("takes today in the chosen location's zone, and in the installation's default zone for all locations", async () => {
    const rathaus = await locationId(db(), "rathaus");
    await db().update(locations).set({ timeZone: "America/New_York" }).where(eq(locations.id, rathaus));
    expect(await statisticsTimeZone(admin, String(rathaus))).toBe("America/New_York");
    expect(await statisticsTimeZone(admin, "alle")).toBe(DEFAULT_TIME_ZONE);
    expect(await statisticsTimeZone(admin, undefined)).toBe(DEFAULT_TIME_ZONE);
    expect(await statisticsTimeZone(admin, "99999")).toBe(DEFAULT_TIME_ZONE);
    // 23:30 UTC on 24 November: the 25th in Berlin, still the 24th in New York.
    const lateEvening = new Date("2026-11-24T23:30:00Z");
    expect(defaultStatisticsPeriod(lateEvening, await statisticsTimeZone(admin, String(rathaus))).to).toBe("2026-11-24");
    expect(defaultStatisticsPeriod(lateEvening, await statisticsTimeZone(admin, "alle")).to).toBe("2026-11-25");
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeAvailability } from "@/lib/domain/availability";
import { CAPACITY_HOLDING_STATUSES } from "@/lib/domain/enums";
import { verifyPassword } from "@/lib/auth/password";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { createTempDatabase } from "@/lib/testing/temp-db";
import type { AppDatabase } from "../client";
import { loadCatalogue, toEngineCatalogue } from "../queries/catalogue";
import { findLocationBySlug, loadLocationSchedule } from "../queries/locations";
import { getSettings } from "../queries/settings";
import { bookings, staffUsers } from "../schema";
import { DEMO_ACCOUNTS, isDatabaseEmpty, seedDemo } from "./index";

const NOW = zonedToInstant("2026-11-24", 8 * 60, "Europe/Berlin");
let temp: Awaited<ReturnType<typeof createTempDatabase>>;
let db: AppDatabase;

beforeAll(async () => {
  temp = await createTempDatabase();
  db = temp.db;
  expect(await isDatabaseEmpty(db)).toBe(true);
  await seedDemo(db, NOW);
});
afterAll(() => temp.cleanup());

describe("demo seed", () => {
  it("creates the Musterstadt office with settings", async () => {
    expect(await isDatabaseEmpty(db)).toBe(false);
    const settings = await getSettings(db);
    expect(settings.officeName).toBe("Bürgerbüro Musterstadt");
    expect(settings.slotGridMinutes).toBe(10);
  });

  it.each([
    "personalausweis",
    "reisepass",
    "kinderreisepass",
    "vorlaeufiger-personalausweis",
    "abholung-ausweisdokument",
    "anmeldung",
    "ummeldung",
    "abmeldung",
    "meldebescheinigung",
    "fahrzeugzulassung",
    "ausserbetriebsetzung",
    "umschreibung",
    "fuehrungszeugnis",
    "beglaubigung",
    "fundsache",
  ])("offers the concern %s with German and English texts and documents", async (slug) => {
    const concern = (await loadCatalogue(db)).find((c) => c.slug === slug);
    expect(concern).toBeDefined();
    expect(concern!.nameDe).not.toBe("");
    expect(concern!.nameEn).not.toBe("");
    expect(concern!.descriptionEn.length).toBeGreaterThan(40);
    expect(concern!.locationIds.length).toBeGreaterThan(0);
  });

  it("gives the branch office fewer concerns than the Rathaus", async () => {
    const catalogue = await loadCatalogue(db);
    const rathaus = (await findLocationBySlug(db, "rathaus"))!;
    const branch = (await findLocationBySlug(db, "nordstadt"))!;
    const atBranch = catalogue.filter((c) => c.locationIds.includes(branch.id)).length;
    const atRathaus = catalogue.filter((c) => c.locationIds.includes(rathaus.id)).length;
    expect(atBranch).toBeGreaterThan(0);
    expect(atBranch).toBeLessThan(atRathaus);
  });

  it("creates working demo accounts with Argon2id hashes", async () => {
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const user = (await db.select().from(staffUsers).where(eq(staffUsers.email, account.email)))[0]!;
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.passwordHash, account.password)).toBe(true);
    }
  });

  it("places demo bookings without ever exceeding a location's counters", async () => {
    const rows = (await db.select().from(bookings)).filter((b) => CAPACITY_HOLDING_STATUSES.includes(b.status));
    expect(rows.length).toBeGreaterThan(10);
    for (const booking of rows) {
      const overlapping = rows.filter(
        (other) => other.locationId === booking.locationId && other.startsAt < booking.endsAt && other.endsAt > booking.startsAt,
      );
      // Rathaus: 3 online + 1 staff + up to 1 vehicle counter; Nordstadt: 1 + 1.
      expect(overlapping.length).toBeLessThanOrEqual(booking.locationId === (await findLocationBySlug(db, "rathaus"))!.id ? 5 : 2);
    }
  });

  it("yields bookable times for an ID card next week, and refuses vehicles at the branch", async () => {
    const catalogue = await loadCatalogue(db);
    const engineCatalogue = toEngineCatalogue(catalogue);
    const idCard = catalogue.find((c) => c.slug === "personalausweis")!;
    const vehicle = catalogue.find((c) => c.slug === "fahrzeugzulassung")!;
    const settings = await getSettings(db);
    const rules = { leadTimeMinutes: settings.leadTimeMinutes, horizonDays: settings.horizonDays, slotGridMinutes: settings.slotGridMinutes };
    const rathaus = (await findLocationBySlug(db, "rathaus"))!;
    const schedule = await loadLocationSchedule(db, rathaus, NOW, zonedToInstant("2026-12-05", 0, "Europe/Berlin"));
    const result = computeAvailability({
      now: NOW,
      schedule,
      rules,
      audience: "online",
      items: [{ concernId: idCard.id, quantity: 1 }],
      catalogue: engineCatalogue,
      from: "2026-12-01",
      to: "2026-12-04",
    });
    expect(result.ok && result.days.filter((d) => d.status === "available").length).toBe(4);

    const branch = (await findLocationBySlug(db, "nordstadt"))!;
    const refused = computeAvailability({
      now: NOW,
      schedule: await loadLocationSchedule(db, branch, NOW, NOW),
      rules,
      audience: "online",
      items: [{ concernId: vehicle.id, quantity: 1 }],
      catalogue: engineCatalogue,
      from: "2026-12-01",
      to: "2026-12-01",
    });
    expect(refused.ok ? null : refused.problem.code).toBe("concern_not_offered");
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getSettings } from "@/db/queries/settings";
import { concerns } from "@/db/schema";
import { signedInAccess } from "@/lib/testing/staff-access";
import { TEST_NOW } from "@/lib/testing/booking-fixtures";
import { createTempDatabase } from "@/lib/testing/temp-db";
import type { StaffAccess } from "@/lib/auth/staff-access";
import type { ServiceContext } from "../context";
import { addCapacityWindow, addOpeningRange } from "../staff/capacity";
import { createLocation, locationFormValues } from "./locations";
import { settingsFormValues, updateSettings } from "./settings";
import { importSampleCatalogue, sendTestMail, setupChecklist } from "./setup";
import { TICKED } from "@/lib/validation/admin-catalogue";
import { concernFormValues, findConcernEntry, updateConcern } from "./catalogue/concerns";
import { listDocumentsWithUsage } from "./catalogue/documents";

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
let admin: StaffAccess;
beforeEach(async () => {
  // A new installation: migrated, nothing seeded but the first administrator.
  temp = await createTempDatabase();
  const context: ServiceContext = { db: temp.db, now: () => TEST_NOW, publicUrl: "https://termine.kleinstadt.example", canSendMail: false, secret: "setup-test-secret-0123456789-0123456789" };
  admin = await signedInAccess(context, "admin");
});
afterEach(() => temp.cleanup());

const open = async () => (await setupChecklist(admin)).steps.filter((s) => !s.done).map((s) => s.step);

describe("the setup checklist of a new installation", () => {
  it("starts with every step open and an empty catalogue", async () => {
    expect(await open()).toEqual(["office", "location", "openingHours", "capacity", "concerns", "review", "mail"]);
    expect(await setupChecklist(admin)).toMatchObject({ complete: false, catalogueEmpty: true });
  });

  it("judges each step by what is stored, up to the first bookable concern", async () => {
    await updateSettings(admin, {
        ...settingsFormValues(await getSettings(temp.db)),
        officeName: "Bürgerbüro Kleinstadt",
        operatorName: "Stadt Kleinstadt",
        operatorStreet: "Markt 1",
        operatorPostalCode: "31000",
        operatorCity: "Kleinstadt",
        operatorRepresentative: "Bürgermeister Max Beispiel",
        contactPhone: "05121 1234-0",
        contactEmail: "buergerbuero@kleinstadt.example",
        accessibilityContactEmail: "buergerbuero@kleinstadt.example",
        dataProtectionOfficer: "Datenschutz, Markt 1, 31000 Kleinstadt",
        supervisoryAuthority: "Landesbeauftragte für den Datenschutz Niedersachsen",
      });
    const location = await createLocation(admin, {
      ...locationFormValues(null),
      name: "Bürgerbüro Kleinstadt",
      street: "Markt 1",
      postalCode: "31000",
      city: "Kleinstadt",
      federalState: "NI",
      phone: "05121 1234-0",
      email: "buergerbuero@kleinstadt.example",
    });
    expect(await open()).toEqual(["openingHours", "capacity", "concerns", "review", "mail"]);

    await addOpeningRange(admin, { locationId: location.id, weekday: 1, startMinute: 480, endMinute: 960 });
    await addCapacityWindow(admin, { locationId: location.id, weekday: null, validFrom: null, validUntil: null, startMinute: 480, endMinute: 960, onlineCounters: 2, staffCounters: 1, concernIds: [], note: null });
    expect(await open()).toEqual(["concerns", "review", "mail"]);

    const imported = await importSampleCatalogue(admin);
    expect(imported).toBeGreaterThan(10);
    // Taken over switched off and "to review": nothing is bookable yet.
    expect(await open()).toEqual(["concerns", "review", "mail"]);
    expect((await setupChecklist(admin)).catalogueEmpty).toBe(false);
    await expect((async () => importSampleCatalogue(admin))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));

    const meldebescheinigung = (await temp.db.select().from(concerns).where(eq(concerns.slug, "meldebescheinigung")))[0]!;
    const entry = (await findConcernEntry(admin, meldebescheinigung.id))!;
    await updateConcern(admin, entry.id, { ...concernFormValues(entry, await listDocumentsWithUsage(admin), "de"), active: TICKED });
    expect(await open()).toEqual(["review", "mail"]);
    expect((await temp.db.select().from(concerns).where(eq(concerns.id, entry.id)))[0]!.reviewPending).toBe(false);

    // Without a mail transport (a demo), the test e-mail has nowhere to go: the step counts as done with a note.
    expect(await sendTestMail(admin)).toEqual({ ok: true, kept: true });
    expect(await open()).toEqual(["review"]);
  });

  it("is for administrators only", async () => {
    const clerk = await signedInAccess(admin, "staff");
    await expect((async () => setupChecklist(clerk))()).rejects.toThrow(expect.objectContaining({ code: "forbidden" }));
    await expect((async () => importSampleCatalogue(clerk))()).rejects.toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});

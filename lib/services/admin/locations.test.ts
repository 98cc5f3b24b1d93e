import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug, loadLocationSchedule } from "@/db/queries/locations";
import { locations } from "@/db/schema";
import { zonedToInstant } from "@/lib/domain/zoned-time";
import { AppError, NotFoundError } from "@/lib/errors";
import { concernId, locationId, seededContext, TZ } from "@/lib/testing/booking-fixtures";
import type { LocationInput } from "@/lib/validation/admin-catalogue";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { auditEntriesOf, fieldErrorsOf } from "@/lib/testing/admin-forms";
import { signedInAccess } from "@/lib/testing/staff-access";
import { CITIZEN_ACTOR } from "../audit";
import { createBooking } from "../bookings";
import type { ServiceContext } from "../context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { createLocation, listLocationsForAdmin, locationFormValues, updateLocation } from "./locations";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  admin = await signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

function newLocation(changes: Partial<LocationInput> = {}): LocationInput {
  return {
    ...locationFormValues(null),
    name: "Bürgerbüro Südstadt",
    street: "Südring 3",
    postalCode: "31139",
    city: "Musterstadt",
    federalState: "NI",
    phone: "05121 9876-700",
    email: "Suedstadt@Musterstadt.example",
    ...changes,
  };
}

async function editInput(slug: string, changes: Partial<LocationInput> = {}): Promise<LocationInput> {
  return { ...locationFormValues((await findLocationBySlug(context.db, slug))!), ...changes };
}

const audits = async (action: string) => auditEntriesOf(context.db, action);

describe("reminder settings", () => {
  it("start switched on, two days before at 9, and are saved and audited when an admin changes them", async () => {
    const created = await createLocation(admin, newLocation());
    expect(created).toMatchObject({ remindersEnabled: true, reminderDaysBefore: 2, reminderHour: 9 });
    const updated = await updateLocation(admin, created.id, { ...locationFormValues(created), remindersEnabled: false, reminderDaysBefore: "1", reminderHour: "17" });
    expect(updated).toMatchObject({ remindersEnabled: false, reminderDaysBefore: 1, reminderHour: 17 });
    expect((await audits("location.update")).at(-1)!.after).toMatchObject({ remindersEnabled: false, reminderDaysBefore: 1, reminderHour: 17 });
    expect(locationFormValues(updated)).toMatchObject({ remindersEnabled: false, reminderDaysBefore: "1", reminderHour: "17" });
  });
});

describe("creating a location", () => {
  it("saves it active at the end of the list, with a derived slug and a lower-cased e-mail, and audits it", async () => {
    const location = await createLocation(admin, newLocation());
    expect(location).toMatchObject({
      slug: "buergerbuero-suedstadt",
      timeZone: "Europe/Berlin",
      federalState: "NI",
      email: "suedstadt@musterstadt.example",
      active: true,
      directionsDe: null,
    });
    expect((await listLocationsForAdmin(admin)).at(-1)!.id).toBe(location.id);
    const [audit] = await audits("location.create");
    expect(audit).toMatchObject({ actorUserId: admin.user.id, actorLabel: admin.user.email, entityType: "location", entityId: String(location.id), before: null });
    expect(audit!.after).toMatchObject({ slug: "buergerbuero-suedstadt", federalState: "NI" });
  });

  it.each<[string, Partial<LocationInput>, Record<string, string[]>]>([
    ["an unknown federal state", { federalState: "XX" as LocationInput["federalState"] }, { federalState: ["federal_state_invalid"] }],
    ["no federal state", { federalState: "" as LocationInput["federalState"] }, { federalState: ["federal_state_invalid"] }],
    ["a time zone that is not offered", { timeZone: "Europe/London" as LocationInput["timeZone"] }, { timeZone: ["time_zone_invalid"] }],
    ["a postal code with 4 digits", { postalCode: "3113" }, { postalCode: ["postal_code_invalid"] }],
    ["a postal code with letters", { postalCode: "3113A" }, { postalCode: ["postal_code_invalid"] }],
    ["a phone number with letters", { phone: "ruf mich an" }, { phone: ["phone_invalid"] }],
    ["no phone number", { phone: "" }, { phone: ["required"] }],
    ["an invalid e-mail address", { email: "suedstadt(at)musterstadt" }, { email: ["email_invalid"] }],
    ["an upper-case slug with spaces", { slug: "Süd Stadt" }, { slug: ["slug_invalid"] }],
    ["directions in English only", { directionsEn: "Second floor" }, { directionsDe: ["translation_required"] }],
    ["no name", { name: "" }, { name: ["required"] }],
    ["a reminder more than a fortnight ahead", { reminderDaysBefore: "15" }, { reminderDaysBefore: ["reminder_days_invalid"] }],
    ["a reminder at night", { reminderHour: "3" }, { reminderHour: ["reminder_hour_invalid"] }],
    ["a reminder at half past", { reminderHour: "9:30" }, { reminderHour: ["reminder_hour_invalid"] }],
  ])("refuses %s and saves nothing", async (_label, changes, expected) => {
    const before = (await listLocationsForAdmin(admin)).length;
    expect(await fieldErrorsOf(async () => createLocation(admin, newLocation(changes)))).toEqual(expected);
    expect(await listLocationsForAdmin(admin)).toHaveLength(before);
    expect(await audits("location.create")).toHaveLength(0);
  });

  it("refuses a slug another location has, as a conflict at the slug field", async () => {
    try {
      await createLocation(admin, newLocation({ slug: "rathaus" }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
      expect((error as AppError).details).toEqual({ field: "slug", reason: "slug_taken" });
    }
  });

  it("accepts an upper-case slug by lower-casing it", async () => {
    expect((await createLocation(admin, newLocation({ slug: "SUEDSTADT" }))).slug).toBe("suedstadt");
  });
});

describe("updating a location", () => {
  it("saves a new federal state and name, audits only those, and the new state's holidays apply", async () => {
    const id = await locationId(context.db, "nordstadt");
    await updateLocation(admin, id, await editInput("nordstadt", { federalState: "BY", name: "Außenstelle Nord" }));
    const row = (await context.db.select().from(locations).where(eq(locations.id, id)))[0]!;
    expect(row).toMatchObject({ federalState: "BY", name: "Außenstelle Nord", slug: "nordstadt" });
    const [audit] = await audits("location.update");
    expect(audit!.before).toEqual({ federalState: "NI", name: "Bürgerbüro-Außenstelle Nordstadt" });
    expect(audit!.after).toEqual({ federalState: "BY", name: "Außenstelle Nord" });
    // The schedule loader accepts the stored state (it refuses unknown codes).
    await (async () => loadLocationSchedule(context.db, row, zonedToInstant("2026-12-07", 0, TZ), zonedToInstant("2026-12-08", 0, TZ)))();
  });

  it("refuses an invalid federal state on update and keeps the old one", async () => {
    const id = await locationId(context.db, "rathaus");
    expect(await fieldErrorsOf(async () => updateLocation(admin, id, await editInput("rathaus", { federalState: "Niedersachsen" as LocationInput["federalState"] })))).toEqual({
      federalState: ["federal_state_invalid"],
    });
    expect((await context.db.select().from(locations).where(eq(locations.id, id)))[0]!.federalState).toBe("NI");
  });

  it("refuses taking another location's slug but keeps its own", async () => {
    const id = await locationId(context.db, "nordstadt");
    await expect((async () => updateLocation(admin, id, await editInput("nordstadt", { slug: "rathaus" })))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
    await (async () => updateLocation(admin, id, await editInput("nordstadt")))();
    expect(await audits("location.update")).toHaveLength(0);
  });

  it("keeps the place in the list when the order field is left empty", async () => {
    const before = (await findLocationBySlug(context.db, "nordstadt"))!;
    await updateLocation(admin, before.id, await editInput("nordstadt", { position: "" }));
    expect((await findLocationBySlug(context.db, "nordstadt"))!.position).toBe(before.position);
  });

  it("answers not found for a location that does not exist", async () => {
    await expect((async () => updateLocation(admin, 99_999, await editInput("rathaus")))()).rejects.toThrow(NotFoundError);
  });

  it("deactivating stops new bookings there", async () => {
    const id = await locationId(context.db, "nordstadt");
    await updateLocation(admin, id, await editInput("nordstadt", { active: false }));
    await expect((async () =>
        createBooking(context, CITIZEN_ACTOR, {
          locationId: id,
          items: [{ concernId: await concernId(context.db, "meldebescheinigung"), quantity: 1 }],
          startsAt: zonedToInstant("2026-12-08", 9 * 60, TZ),
          channel: "online",
          citizen: { name: "Aylin Demir", email: "aylin@example.org", phone: null, note: null },
          language: "de",
          linkNonce: generateFormNonce(),
        }))()).rejects.toThrow(NotFoundError);
    expect((await audits("location.update"))[0]!.after).toEqual({ active: false });
  });
});

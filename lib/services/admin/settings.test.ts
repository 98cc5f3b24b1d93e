import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSettings } from "@/db/queries/settings";
import { auditLog } from "@/db/schema";
import { SLOT_GRID_MINUTES } from "@/lib/domain/enums";
import { ValidationError } from "@/lib/errors";
import { seededContext } from "@/lib/testing/booking-fixtures";
import type { SettingsInput } from "@/lib/validation/admin-catalogue";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { signedInAccess } from "@/lib/testing/staff-access";
import type { ServiceContext } from "../context";
import { settingsFormValues, updateSettings } from "./settings";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  admin = await signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

const current = async (changes: Partial<SettingsInput> = {}): Promise<SettingsInput> => ({ ...settingsFormValues(await getSettings(context.db)), ...changes });
const audits = async () => await context.db.select().from(auditLog).where(eq(auditLog.action, "settings.update"));

describe("updating the settings", () => {
  it("saves new booking rules and audits only what changed", async () => {
    await updateSettings(admin, await current({ slotGridMinutes: "15", horizonDays: "28", leadTimeMinutes: "1440" }));
    expect(await getSettings(context.db)).toMatchObject({ slotGridMinutes: 15, horizonDays: 28, leadTimeMinutes: 1440, retentionDays: 14 });
    const [audit] = await audits();
    expect(audit).toMatchObject({ actorUserId: admin.user.id, actorLabel: admin.user.email, entityType: "settings", entityId: "1" });
    expect(audit!.before).toEqual({ slotGridMinutes: 10, horizonDays: 56, leadTimeMinutes: 120 });
    expect(audit!.after).toEqual({ slotGridMinutes: 15, horizonDays: 28, leadTimeMinutes: 1440 });
  });

  it.each(SLOT_GRID_MINUTES.map((grid) => [grid]))("accepts the offered slot grid of %i minutes", async (grid) => {
    await updateSettings(admin, await current({ slotGridMinutes: String(grid) }));
    expect((await getSettings(context.db)).slotGridMinutes).toBe(grid);
  });

  it("writes no audit entry when nothing changed", async () => {
    await updateSettings(admin, await current());
    expect(await audits()).toHaveLength(0);
  });

  it("normalises the VAT id and the e-mail addresses", async () => {
    await updateSettings(admin, await current({ vatId: "de 123 456 789", contactEmail: "Buergerbuero@Musterstadt.example" }));
    expect(await getSettings(context.db)).toMatchObject({ vatId: "DE123456789", contactEmail: "buergerbuero@musterstadt.example" });
  });

  it.each<[string, Partial<SettingsInput>, Record<string, string[]>]>([
    ["a slot grid that is not offered", { slotGridMinutes: "7" }, { slotGridMinutes: ["slot_grid_invalid"] }],
    ["a slot grid of 60 minutes", { slotGridMinutes: "60" }, { slotGridMinutes: ["slot_grid_invalid"] }],
    ["a slot grid in words", { slotGridMinutes: "zehn" }, { slotGridMinutes: ["slot_grid_invalid"] }],
    ["a negative lead time", { leadTimeMinutes: "-5" }, { leadTimeMinutes: ["lead_time_invalid"] }],
    ["a negative horizon", { horizonDays: "-1" }, { horizonDays: ["horizon_invalid"] }],
    ["a horizon of 0 days", { horizonDays: "0" }, { horizonDays: ["horizon_invalid"] }],
    ["a horizon of more than a year", { horizonDays: "400" }, { horizonDays: ["horizon_invalid"] }],
    ["a negative cancellation cut-off", { cancellationCutoffMinutes: "-10" }, { cancellationCutoffMinutes: ["cutoff_invalid"] }],
    ["no limit of active bookings", { maxActiveBookingsPerEmail: "0" }, { maxActiveBookingsPerEmail: ["max_active_invalid"] }],
    ["a negative retention period", { retentionDays: "-1" }, { retentionDays: ["retention_invalid"] }],
    ["a retention period with decimals", { retentionDays: "2,5" }, { retentionDays: ["retention_invalid"] }],
    ["a lead time as long as the horizon", { leadTimeMinutes: "1440", horizonDays: "1" }, { leadTimeMinutes: ["lead_time_beyond_horizon"] }],
    ["an empty office name", { officeName: " " }, { officeName: ["required"] }],
    ["an operator postal code with 4 digits", { operatorPostalCode: "3113" }, { operatorPostalCode: ["postal_code_invalid"] }],
    ["an invalid contact e-mail", { contactEmail: "buergerbuero" }, { contactEmail: ["email_invalid"] }],
    ["no accessibility contact", { accessibilityContactEmail: "" }, { accessibilityContactEmail: ["email_invalid"] }],
    ["a contact phone with letters", { contactPhone: "Rathaus anrufen" }, { contactPhone: ["phone_invalid"] }],
    ["a malformed VAT id", { vatId: "DE12345" }, { vatId: ["vat_id_invalid"] }],
  ])("refuses %s and changes nothing", async (_label, changes, expected) => {
    const before = await getSettings(context.db);
    try {
      await updateSettings(admin, await current(changes));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual(expected);
    }
    expect(await getSettings(context.db)).toEqual(before);
    expect(await audits()).toHaveLength(0);
  });
});

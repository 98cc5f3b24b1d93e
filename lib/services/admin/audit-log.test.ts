import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { TEST_NOW } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { recordAudit, SYSTEM_ACTOR } from "../audit";
import { auditFilterOptions, compareAuditStates, listAuditEntries, type FieldChange } from "./audit-log";

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
let access: StaffAccess;
beforeEach(async () => {
  temp = await createTempDatabase();
  access = await signedInAccess({ db: temp.db, now: () => TEST_NOW, publicUrl: "https://termine.musterstadt.example", canSendMail: false, secret: "test-secret-test-secret-test-secret-1234" });
});
afterEach(() => temp.cleanup());

const ALEX = { userId: null, label: "alex@musterstadt.example" };

/** 7 entries (ids 1–7 in order): bookings by the system, accounts by Alex, one minute apart, the newest last. */
async function seedEntries() {
  const base = Date.UTC(2026, 10, 24, 8, 0);
  const rows = [
    [SYSTEM_ACTOR, "booking.create", "booking"],
    [ALEX, "staff.create", "staff_user"],
    [SYSTEM_ACTOR, "booking.cancel", "booking"],
    [ALEX, "staff.role_change", "staff_user"],
    [SYSTEM_ACTOR, "booking.create", "booking"],
    [ALEX, "staff.deactivate", "staff_user"],
    [SYSTEM_ACTOR, "booking.reschedule", "booking"],
  ] as const;
  for (const [index, [actor, action, entityType]] of rows.entries()) {
      await recordAudit(temp.db, actor, { action, entityType, entityId: index + 1 });
      await temp.db.update(auditLog).set({ at: new Date(base + index * 60_000) }).where(eq(auditLog.id, index + 1));
    }
}
describe("listAuditEntries", () => {
  it("pages newest first and keeps filters", async () => {
    await seedEntries();
    const first = await listAuditEntries(access, { page: 1, entityType: null, actor: null }, 3);
    expect(first).toMatchObject({ total: 7, page: 1, pageCount: 3, pageSize: 3 });
    expect(first.entries.map((entry) => entry.entityId)).toEqual(["7", "6", "5"]);
    const last = await listAuditEntries(access, { page: 3, entityType: null, actor: null }, 3);
    expect(last.entries.map((entry) => entry.entityId)).toEqual(["1"]);

    const accounts = await listAuditEntries(access, { page: 1, entityType: "staff_user", actor: null }, 50);
    expect(accounts.entries.map((entry) => entry.action)).toEqual(["staff.deactivate", "staff.role_change", "staff.create"]);
    const bySystem = await listAuditEntries(access, { page: 1, entityType: "booking", actor: "system" }, 50);
    expect(bySystem.total).toBe(4);
    expect((await listAuditEntries(access, { page: 1, entityType: "booking", actor: ALEX.label }, 50)).total).toBe(0);
  });

  it("shows the last page when asked for one beyond it, and page 1 of an empty log", async () => {
    await seedEntries();
    const beyond = await listAuditEntries(access, { page: 99, entityType: null, actor: null }, 3);
    expect(beyond.page).toBe(3);
    expect(beyond.entries).toHaveLength(1);
    const empty = await listAuditEntries(access, { page: 4, entityType: "closure", actor: null }, 3);
    expect(empty).toMatchObject({ total: 0, page: 1, pageCount: 1, entries: [] });
  });

  it("offers the entity types and actors that occur", async () => {
    await seedEntries();
    expect(await auditFilterOptions(access)).toEqual({ entityTypes: ["booking", "staff_user"], actors: [ALEX.label, "system"] });
  });
});

describe("compareAuditStates", () => {
  const cases: { name: string; before: unknown; after: unknown; expected: FieldChange[] }[] = [
    { name: "nothing stored", before: null, after: null, expected: [] },
    {
      name: "a change marks only the differing fields",
      before: { role: "staff", active: true },
      after: { role: "admin", active: true },
      expected: [
        { field: "role", before: "staff", after: "admin", changed: true },
        { field: "active", before: true, after: true, changed: false },
      ],
    },
    {
      name: "a creation lists every field as new",
      before: null,
      after: { name: "Nora", active: true },
      expected: [
        { field: "name", before: null, after: "Nora", changed: true },
        { field: "active", before: null, after: true, changed: true },
      ],
    },
    {
      name: "a deletion lists every field as gone",
      before: { name: "Nora" },
      after: undefined,
      expected: [{ field: "name", before: "Nora", after: null, changed: true }],
    },
    {
      name: "a field that appears is changed even if it is null",
      before: { a: 1 },
      after: { a: 1, b: null },
      expected: [
        { field: "a", before: 1, after: 1, changed: false },
        { field: "b", before: null, after: null, changed: true },
      ],
    },
    {
      name: "nested values compare by content",
      before: { ids: [1, 2] },
      after: { ids: [1, 2] },
      expected: [{ field: "ids", before: [1, 2], after: [1, 2], changed: false }],
    },
    { name: "a state that is not an object becomes one row", before: "alt", after: "neu", expected: [{ field: "", before: "alt", after: "neu", changed: true }] },
  ];

  it.each(cases)("$name", ({ before, after, expected }) => {
    expect(compareAuditStates(before, after)).toEqual(expected);
  });
});

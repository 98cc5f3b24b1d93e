/**
 * The staff guard, proved at the services: every staff and admin service refuses anything that was not granted by
 * `grantStaffAccess` for a valid session (nothing, a hand-made look-alike, a copy of a real access) as
 * "unauthenticated", refuses a clerk at an admin service as "forbidden", and changes nothing when it refuses. Each
 * service is also called with a granted access, so a refusal here is the guard's and not a broken call.
 */
import { and, asc, count, eq, gt } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLocationBySlug } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { auditLog, bookings, emailOutbox, locations, staffSessions, staffUsers, type Location } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { createSession, deleteSession, SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "@/lib/auth/sessions";
import { grantStaffAccess, type StaffAccess } from "@/lib/auth/staff-access";
import { AppError } from "@/lib/errors";
import { concernId, freeSlots, locationId, seededContext, TEST_NOW } from "@/lib/testing/booking-fixtures";
import { signedInAccess } from "@/lib/testing/staff-access";
import { auditFilterOptions, listAuditEntries } from "./admin/audit-log";
import { listConcernGroups } from "./admin/catalogue/concerns";
import { createLocation, locationFormValues } from "./admin/locations";
import { settingsFormValues, updateSettings } from "./admin/settings";
import { loadStatistics } from "./admin/statistics";
import { createPhoneBooking } from "./bookings";
import type { ServiceContext } from "./context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { changeStaffRole, createStaffAccount, listStaffAccounts, setStaffAccountActive } from "./staff-accounts";
import { loadStaffBooking } from "./staff/booking-detail";
import { setBookingStatus } from "./staff/booking-status";
import { findConflicts, listUpcomingClosures } from "./staff/capacity";
import { loadDayView, searchBookings } from "./staff/day-view";
import { issueApiKey, listApiKeys } from "./admin/api-keys";
import { listUndelivered } from "./staff/undelivered";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let admin: StaffAccess;
let clerk: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  admin = await signedInAccess(context, "admin");
  clerk = await signedInAccess(context, "staff");
});
afterEach(() => fixture.cleanup());

const db = () => context.db;
const rathaus = async (): Promise<Location> => (await findLocationBySlug(db(), "rathaus"))!;

/** Upcoming booked appointments of the seed, earliest first: run n of a service works on the n-th. */
const upcomingBooked = async () =>
  await db().select().from(bookings).where(and(eq(bookings.status, "booked"), gt(bookings.startsAt, TEST_NOW))).orderBy(asc(bookings.startsAt), asc(bookings.id));

/** Everything the services below could write: compared before and after a refused call. */
async function snapshot() {
  return {
    bookings: await db().select({ id: bookings.id, status: bookings.status, channel: bookings.channel, updatedAt: bookings.updatedAt }).from(bookings).orderBy(asc(bookings.id)),
    audit: (await db().select({ n: count() }).from(auditLog).limit(1))[0]!.n,
    outbox: (await db().select({ n: count() }).from(emailOutbox).limit(1))[0]!.n,
    staff: await db().select({ id: staffUsers.id, email: staffUsers.email, role: staffUsers.role, active: staffUsers.active }).from(staffUsers).orderBy(asc(staffUsers.id)),
    locations: await db().select().from(locations).orderBy(asc(locations.id)),
    settings: await getSettings(db()),
  };
}

/** The error a call ends in (thrown, or a rejected promise for the async services), or undefined if it succeeded. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

type ServiceCase = {
  name: string;
  role: "staff" | "admin";
  writes: boolean;
  /** Run number n (0, 1, …) uses its own booking, e-mail or name, so the call can succeed more than once. */
  call: (access: StaffAccess, n: number) => unknown;
  /** What a granted call returns, checked so the call is known to have done its work. */
  check?: (result: unknown) => void;
};

const SERVICES: ServiceCase[] = [
  {
    name: "loadDayView",
    role: "staff",
    writes: false,
    call: async (access) => loadDayView(access, await rathaus(), "2026-11-25", "de"),
    check: (view) => expect((view as { counts: { all: number } }).counts.all).toBeGreaterThan(0),
  },
  {
    name: "searchBookings",
    role: "staff",
    writes: false,
    call: async (access, n) => searchBookings(access, (await upcomingBooked())[n]!.referenceCode, "de"),
    check: (rows) => expect(rows).toHaveLength(1),
  },
  {
    name: "loadStaffBooking",
    role: "staff",
    writes: false,
    call: async (access, n) => loadStaffBooking(access, (await upcomingBooked())[n]!.id, "de"),
    check: (result) => expect(result).toHaveProperty("details"),
  },
  {
    name: "setBookingStatus",
    role: "staff",
    writes: true,
    call: async (access, n) => setBookingStatus(access, (await upcomingBooked())[n]!.id, "checked_in", 2),
    check: (booking) => expect(booking).toMatchObject({ status: "checked_in", counter: 2 }),
  },
  {
    name: "findConflicts",
    role: "staff",
    writes: false,
    call: async (access) => findConflicts(access, await rathaus()),
    check: (conflicts) => expect(conflicts).toEqual([]),
  },
  {
    name: "listUpcomingClosures",
    role: "staff",
    writes: false,
    call: async (access) => listUpcomingClosures(access),
    check: (rows) => expect((rows as unknown[]).length).toBeGreaterThan(0),
  },
  {
    name: "createPhoneBooking",
    role: "staff",
    writes: true,
    call: async (access, n) => {
      const items = [{ concernId: await concernId(db(), "personalausweis"), quantity: 1 }];
      const slot = (await freeSlots(db(), items, "rathaus", "2026-12-08", { audience: "staff" }))[n]!;
      return createPhoneBooking(access, {
        locationId: await locationId(db(), "rathaus"),
        items,
        startsAt: slot.startsAt,
        citizen: { name: `Anrufer ${n}`, email: null, phone: "05121 12345", note: null },
        language: "de",
        linkNonce: generateFormNonce(),
      });
    },
    check: (outcome) => expect((outcome as { booking: { channel: string } }).booking.channel).toBe("phone"),
  },
  {
    name: "listStaffAccounts",
    role: "admin",
    writes: false,
    call: async (access) => listStaffAccounts(access),
    check: (accounts) => expect((accounts as { email: string }[]).map((a) => a.email)).toContain(DEMO_ACCOUNTS.staff.email),
  },
  {
    name: "createStaffAccount",
    role: "admin",
    writes: true,
    call: (access, n) => createStaffAccount(access, { email: `neu${n}@musterstadt.example`, name: "Nora Neu", role: "admin", password: "ein-langes-Passwort-1" }),
    check: (account) => expect(account).toMatchObject({ role: "admin", active: true }),
  },
  {
    name: "changeStaffRole",
    role: "admin",
    writes: true,
    call: async (access) => changeStaffRole(access, { userId: clerk.user.id, role: "admin" }),
    check: (account) => expect(account).toMatchObject({ role: "admin" }),
  },
  {
    name: "listAuditEntries",
    role: "admin",
    writes: false,
    call: async (access) => listAuditEntries(access, { page: 1, entityType: null, actor: null }),
    check: (page) => expect(page).toMatchObject({ page: 1 }),
  },
  {
    name: "auditFilterOptions",
    role: "admin",
    writes: false,
    call: async (access) => auditFilterOptions(access),
    check: (options) => expect(options).toHaveProperty("actors"),
  },
  {
    name: "loadStatistics",
    role: "admin",
    writes: false,
    call: async (access) => loadStatistics(access, { from: "2026-11-20", to: "2026-12-02", locationId: null }),
    check: (report) => expect((report as { statistics: { bookings: number } }).statistics.bookings).toBeGreaterThan(0),
  },
  {
    name: "listConcernGroups",
    role: "admin",
    writes: false,
    call: async (access) => listConcernGroups(access),
    check: (groups) => expect((groups as unknown[]).length).toBeGreaterThan(0),
  },
  {
    name: "updateSettings",
    role: "admin",
    writes: true,
    call: async (access, n) => updateSettings(access, { ...settingsFormValues(await getSettings(db())), horizonDays: String(30 + n) }),
    check: (settings) => expect((settings as { horizonDays: number }).horizonDays).toBeGreaterThanOrEqual(30),
  },
  {
    name: "createLocation",
    role: "admin",
    writes: true,
    call: async (access, n) =>
      createLocation(access, {
        ...locationFormValues(null),
        name: `Bürgerbüro Südstadt ${n}`,
        street: "Südring 3",
        postalCode: "31139",
        city: "Musterstadt",
        federalState: "NI",
        phone: "05121 9876-700",
        email: "suedstadt@musterstadt.example",
      }),
    check: (location) => expect(location).toMatchObject({ active: true }),
  },
  {
    name: "listUndelivered",
    role: "staff",
    writes: false,
    call: async (access) => listUndelivered(access),
    check: (rows) => expect(Array.isArray(rows)).toBe(true),
  },
  {
    name: "issueApiKey",
    role: "admin",
    writes: true,
    call: async (access, n) => issueApiKey(access, { label: `Portal ${n}` }),
    check: (issued) => expect((issued as { key: string }).key).toMatch(/^tv_/),
  },
  {
    name: "listApiKeys",
    role: "admin",
    writes: false,
    call: async (access) => listApiKeys(access),
    check: (keys) => expect(Array.isArray(keys)).toBe(true),
  },
];

/** Things that are not a granted access, each built from the real ones of the current test. */
const NOT_GRANTED: { name: string; make: () => unknown }[] = [
  { name: "no access at all", make: () => undefined },
  { name: "null", make: () => null },
  {
    name: "a hand-made object shaped like an access",
    make: () => ({
      ...context,
      user: { id: 1, email: "eve@musterstadt.example", name: "Eve", role: "admin", active: true, lastLoginAt: null, createdAt: TEST_NOW, updatedAt: TEST_NOW },
      sessionId: "x",
      actor: { userId: 1, label: "eve@musterstadt.example" },
    }),
  },
  {
    name: "a look-alike carrying a real admin's account and live session id",
    make: () => Object.freeze({ ...context, user: { ...admin.user }, sessionId: admin.sessionId, actor: { ...admin.actor } }),
  },
  { name: "a copy of a granted admin access", make: () => ({ ...admin }) },
  { name: "a copy of a granted clerk access with the role raised to admin", make: () => ({ ...clerk, user: { ...clerk.user, role: "admin" } }) },
  { name: "an object inheriting from a granted admin access", make: () => Object.create(admin) },
];

describe.each(SERVICES)("$name", (service) => {
  it("refuses anything not granted as unauthenticated, and changes nothing", async () => {
    const before = await snapshot();
    for (const candidate of NOT_GRANTED) {
      const error = await errorOf(async () => service.call(candidate.make() as never, 0));
      expect(error, candidate.name).toBeInstanceOf(AppError);
      expect((error as AppError).code, candidate.name).toBe("unauthenticated");
    }
    expect(await snapshot()).toEqual(before);
  });

  it(service.role === "admin" ? "refuses a clerk as forbidden, and changes nothing" : "serves a clerk", async () => {
    const before = await snapshot();
    if (service.role === "admin") {
      const error = await errorOf(async () => service.call(clerk, 0));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("forbidden");
      expect(await snapshot()).toEqual(before);
    } else {
      service.check?.(await service.call(clerk, 0));
      if (service.writes) expect(await snapshot()).not.toEqual(before);
    }
  });

  it("serves a granted admin access", async () => {
    const before = await snapshot();
    service.check?.(await service.call(admin, 1));
    if (service.writes) {
      expect(await snapshot()).not.toEqual(before);
      const newest = (await db().select().from(auditLog).orderBy(asc(auditLog.id))).at(-1)!;
      expect(newest).toMatchObject({ actorUserId: admin.user.id, actorLabel: admin.user.email });
    }
  });
});

describe("granting access", () => {
  /** A context whose clock the test moves. */
  function movableClock() {
    let now = TEST_NOW;
    const moving: ServiceContext = { ...context, now: () => now };
    return { context: moving, set: (at: number) => (now = new Date(at)) };
  }

  it("grants a valid session of an active account, with the account as the audit actor and no password hash", async () => {
    const user = (await db().select().from(staffUsers).where(eq(staffUsers.email, DEMO_ACCOUNTS.staff.email)))[0]!;
    const access = (await grantStaffAccess(context, await createSession(db(), user.id, TEST_NOW)))!;
    expect(access).not.toBeNull();
    expect(access.user).toMatchObject({ id: user.id, email: user.email, role: "staff", active: true });
    expect(access.user).not.toHaveProperty("passwordHash");
    expect(access.actor).toEqual({ userId: user.id, label: user.email });
    expect(Object.isFrozen(access)).toBe(true);
    expect((await listUpcomingClosures(access)).length).toBeGreaterThan(0);
  });

  it("grants nothing for a session id that does not exist", async () => {
    expect(await grantStaffAccess(context, "x")).toBeNull();
    expect(await grantStaffAccess(context, "")).toBeNull();
  });

  it("grants nothing for a session that was signed out (deleted)", async () => {
    expect(await grantStaffAccess(context, admin.sessionId)).not.toBeNull();
    await deleteSession(db(), admin.sessionId);
    expect(await grantStaffAccess(context, admin.sessionId)).toBeNull();
  });

  it("grants nothing once the session has been idle too long, and does not revive it", async () => {
    const clock = movableClock();
    const justInTime = await createSession(db(), clerk.user.id, TEST_NOW);
    const tooLate = await createSession(db(), clerk.user.id, TEST_NOW);
    clock.set(TEST_NOW.getTime() + SESSION_IDLE_MS);
    expect(await grantStaffAccess(clock.context, justInTime)).not.toBeNull();
    clock.set(TEST_NOW.getTime() + SESSION_IDLE_MS + 1);
    expect(await grantStaffAccess(clock.context, tooLate)).toBeNull();
    expect((await db().select().from(staffSessions).where(eq(staffSessions.id, tooLate)))[0]).toBeUndefined();
    clock.set(TEST_NOW.getTime());
    expect(await grantStaffAccess(clock.context, tooLate)).toBeNull();
  });

  it("grants nothing after the maximum session age, even for a session in steady use", async () => {
    const clock = movableClock();
    const sessionId = await createSession(db(), clerk.user.id, TEST_NOW);
    let at = TEST_NOW.getTime();
    while (at + 20 * 60_000 <= TEST_NOW.getTime() + SESSION_MAX_AGE_MS) {
      at += 20 * 60_000;
      clock.set(at);
      expect(await grantStaffAccess(clock.context, sessionId), `after ${(at - TEST_NOW.getTime()) / 60_000} minutes`).not.toBeNull();
    }
    clock.set(TEST_NOW.getTime() + SESSION_MAX_AGE_MS + 1);
    expect(await grantStaffAccess(clock.context, sessionId)).toBeNull();
  });

  it("grants nothing for the session of a deactivated account", async () => {
    const sessionId = await createSession(db(), clerk.user.id, TEST_NOW);
    await setStaffAccountActive(admin, { userId: clerk.user.id, active: false });
    expect(await grantStaffAccess(context, sessionId)).toBeNull();
    expect(await grantStaffAccess(context, clerk.sessionId)).toBeNull();
  });

  it("grants nothing for an inactive account even while its session row remains", async () => {
    const sessionId = await createSession(db(), clerk.user.id, TEST_NOW);
    await db().update(staffUsers).set({ active: false }).where(eq(staffUsers.id, clerk.user.id));
    expect(await grantStaffAccess(context, sessionId)).toBeNull();
  });

  it("grants nothing for a session that ended with a role change; a new sign-in carries the new role", async () => {
    await changeStaffRole(admin, { userId: clerk.user.id, role: "admin" });
    expect(await grantStaffAccess(context, clerk.sessionId)).toBeNull();
    const promoted = (await grantStaffAccess(context, await createSession(db(), clerk.user.id, TEST_NOW)))!;
    expect(promoted.user.role).toBe("admin");
    expect((await listStaffAccounts(promoted)).length).toBeGreaterThan(1);
  });
});

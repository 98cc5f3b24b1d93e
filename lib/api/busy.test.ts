import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { POST as postBooking } from "@/app/api/v1/bookings/route";
import { DELETE as deleteCurrent } from "@/app/api/v1/bookings/current/route";
import type { AppDatabase } from "@/db/client";
import * as apiAvailability from "@/lib/api/availability";
import { addDays } from "@/lib/domain/zoned-time";
import { getEnv } from "@/lib/env";
import { ServiceBusyError } from "@/lib/errors";
import * as bookingService from "@/lib/services/bookings";
import { BUDGETS, budgetUsed } from "@/lib/services/rate-limit";
import { settledAfterFiveSecondsInLine } from "@/lib/testing/availability-slots";
import { apiRequest, freshAddress, readJson, solvedChallenge, TEST_PUBLIC_URL, todayAtLocations, useSeededAppDatabase } from "./test-support";

/**
 * What an API client sees when the database was too busy to take its write in time: 503, Retry-After, the usual
 * problem body, and nothing booked, so sending the same request again later is safe. The busy database itself is
 * lib/services/booking-busy.test.ts; here the service raises ServiceBusyError as the transaction helper does.
 */
vi.mock("@/lib/services/bookings", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/services/bookings")>();
  return { ...original, createBooking: vi.fn(original.createBooking), cancelBookingByToken: vi.fn(original.cancelBookingByToken) };
});

vi.mock("@/lib/api/availability", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/api/availability")>();
  return { ...original, availabilityJsonForApi: vi.fn(original.availabilityJsonForApi) };
});

let cleanup: () => Promise<void>;
let db: AppDatabase;
/** The booking the first test makes; the second cancels it. */
let manageToken: string;
beforeAll(async () => {
  ({ cleanup, db } = await useSeededAppDatabase());
});
afterAll(() => cleanup());

async function firstFreeStart(): Promise<string> {
  const from = todayAtLocations();
  const response = await getAvailability(apiRequest(`/availability?location=rathaus&concerns=personalausweis:1&from=${from}&to=${addDays(from, 14)}`));
  const body = await readJson(response);
  return body.days.flatMap((day: { slots: { start: string }[] }) => day.slots)[0].start;
}

async function expectBusy(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(await readJson(response)).toMatchObject({
    type: `${TEST_PUBLIC_URL}/api-dokumentation#problem-busy`,
    status: 503,
    code: "busy",
    detail: expect.stringContaining("retry after 5 seconds"),
  });
}

describe("a write the database was too busy for", () => {
  it("POST /bookings answers 503 with Retry-After, and the same request (same solved challenge) sent again books", async () => {
    const address = freshAddress();
    const json = {
      location: "rathaus",
      concerns: [{ concern: "personalausweis", quantity: 1 }],
      start: await firstFreeStart(),
      citizen: { name: "Erika Mustermann", email: "busy@example.org" },
      consent: true,
    };
    // Exactly the same request twice: the busy answer gave back the challenge and the booking budgets it spent.
    const altcha = await solvedChallenge(address);
    const send = () => postBooking(apiRequest("/bookings", { method: "POST", json, address, headers: { altcha, "idempotency-key": "busy-retry-1" } }));
    const bookingsThisHour = () => budgetUsed(db, BUDGETS.bookingPerHour, { address }, { secret: getEnv().authSecret, scale: getEnv().rateLimitScale });
    vi.mocked(bookingService.createBooking).mockRejectedValueOnce(new ServiceBusyError());
    const log = vi.spyOn(console, "error");

    await expectBusy(await send());
    // An expected answer under load, not an internal error worth a stack trace.
    expect(log).not.toHaveBeenCalled();
    expect(await bookingsThisHour()).toBe(0);

    const retried = await send();
    expect(retried.status).toBe(201);
    expect(await bookingsThisHour()).toBe(1);
    manageToken = (await readJson(retried)).manageToken;
  });

  it("a read that found no free database connection in time answers 503 busy, not 500", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = vi.spyOn(console, "error");
    vi.mocked(apiAvailability.availabilityJsonForApi).mockRejectedValueOnce(new Error("timeout exceeded when trying to connect"));
    const from = todayAtLocations();
    await expectBusy(await getAvailability(apiRequest(`/availability?location=rathaus&concerns=personalausweis:1&from=${from}&to=${addDays(from, 14)}`)));
    expect(log).not.toHaveBeenCalled();
    expect(warned).toHaveBeenCalledWith(expect.stringContaining("(connection)"));
  });

  it("GET /availability waits for a free availability slot of its process, and answers 503 busy after 5 s in line", async () => {
    const from = todayAtLocations();
    await expectBusy(await settledAfterFiveSecondsInLine(() => getAvailability(apiRequest(`/availability?location=rathaus&concerns=personalausweis:1&from=${from}&to=${addDays(from, 14)}`))));
    expect((await getAvailability(apiRequest(`/availability?location=rathaus&concerns=personalausweis:1&from=${from}&to=${addDays(from, 14)}`))).status).toBe(200);
  });

  it("DELETE /bookings/current answers 503 with Retry-After, and cancels when sent again", async () => {
    const cancel = () => deleteCurrent(apiRequest("/bookings/current", { method: "DELETE", headers: { "x-manage-token": manageToken } }));
    vi.mocked(bookingService.cancelBookingByToken).mockRejectedValueOnce(new ServiceBusyError());
    await expectBusy(await cancel());
    const again = await cancel();
    expect(again.status).toBe(200);
    expect((await readJson(again)).status).toBe("cancelled");
  });
});

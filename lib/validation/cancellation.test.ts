import { describe, expect, it } from "vitest";
import { bulkCancelSchema, staffCancelSchema } from "./cancellation";

const codes = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);

describe("bulk cancellation", () => {
  it.each([
    { name: "several boxes posted", input: { standort: "rathaus", bookingIds: ["3", "7"], reason: "Wasserschaden" }, ids: [3, 7], errors: [] },
    { name: "one box posted", input: { standort: "rathaus", bookingIds: "3", reason: "Wasserschaden" }, ids: [3], errors: [] },
    { name: "reason is trimmed", input: { standort: "rathaus", bookingIds: "3", reason: "  Sturm  " }, ids: [3], errors: [] },
    { name: "no box posted", input: { standort: "rathaus", reason: "Wasserschaden" }, ids: null, errors: ["bookingIds:bookings_required"] },
    { name: "a lone box cleared in the browser", input: { standort: "rathaus", bookingIds: false, reason: "x" }, ids: null, errors: ["bookingIds:bookings_required"] },
    { name: "only nonsense ids", input: { standort: "rathaus", bookingIds: ["abc", "-1", "0"], reason: "x" }, ids: null, errors: ["bookingIds:bookings_required"] },
    { name: "missing reason", input: { standort: "rathaus", bookingIds: "3", reason: "   " }, ids: null, errors: ["reason:reason_required"] },
    { name: "reason too long", input: { standort: "rathaus", bookingIds: "3", reason: "x".repeat(201) }, ids: null, errors: ["reason:reason_too_long"] },
    { name: "location slug that is not one", input: { standort: "../admin", bookingIds: "3", reason: "x" }, ids: null, errors: ["standort:invalid"] },
  ])("$name", ({ input, ids, errors }) => {
    const result = bulkCancelSchema.safeParse(input);
    expect(codes(result)).toEqual(errors);
    if (ids) expect(result.data?.bookingIds).toEqual(ids);
  });
});

describe("cancelling one booking", () => {
  it.each([
    { name: "without a reason", input: { bookingId: "12" }, errors: [] },
    { name: "with an empty reason", input: { bookingId: "12", reason: "" }, errors: [] },
    { name: "with a reason", input: { bookingId: "12", reason: "Krankheit" }, errors: [] },
    { name: "reason too long", input: { bookingId: "12", reason: "x".repeat(301) }, errors: ["reason:reason_too_long"] },
  ])("$name", ({ input, errors }) => {
    expect(codes(staffCancelSchema.safeParse(input))).toEqual(errors);
  });

  it.each([{}, { bookingId: "abc" }, { bookingId: "-4" }])("refuses a missing or invalid booking id: %o", (input) => {
    const result = staffCancelSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual(["bookingId"]);
  });
});

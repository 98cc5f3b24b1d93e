import { describe, expect, it } from "vitest";
import { rateLimitSubject } from "@/lib/http/client-address";
import { THROTTLE, throttleKeys, waitAfterFailures } from "./throttle";

const SECRET = "test-secret-for-the-throttle-keys-0123456789";

describe("what counts as one client", () => {
  it.each([
    { address: "203.0.113.7", bucket: "203.0.113.7" },
    { address: " 203.0.113.7 ", bucket: "203.0.113.7" },
    { address: "::ffff:203.0.113.7", bucket: "203.0.113.7" },
    { address: "::FFFF:cb00:7107", bucket: "203.0.113.7" },
    { address: "2001:db8:1:2:3:4:5:6", bucket: "2001:db8:1:2::/64" },
    { address: "2001:DB8:1:2::9", bucket: "2001:db8:1:2::/64" },
    { address: "2001:0db8:0001:0002:ffff:ffff:ffff:ffff", bucket: "2001:db8:1:2::/64" },
    { address: "2001:db8:1:3::9", bucket: "2001:db8:1:3::/64" },
    { address: "fe80::1%eth0", bucket: "fe80:0:0:0::/64" },
    { address: "::1", bucket: "0:0:0:0::/64" },
    { address: "unknown", bucket: "unknown" },
  ])("$address → $bucket", ({ address, bucket }) => {
    expect(rateLimitSubject(address)).toBe(bucket);
  });
});

describe("waitAfterFailures", () => {
  it.each([
    { scope: "account_address", failures: 0, seconds: 0 },
    { scope: "account_address", failures: 2, seconds: 0 },
    { scope: "account_address", failures: 3, seconds: 1 },
    { scope: "account_address", failures: 4, seconds: 2 },
    { scope: "account_address", failures: 12, seconds: 512 },
    { scope: "account_address", failures: 13, seconds: 900 },
    { scope: "account_address", failures: 1_000_000, seconds: 900 },
    { scope: "address", failures: 29, seconds: 0 },
    { scope: "address", failures: 30, seconds: 1 },
    { scope: "address", failures: 39, seconds: 512 },
    { scope: "address", failures: 40, seconds: 900 },
  ] as const)("$scope after $failures failures: $seconds s", ({ scope, failures, seconds }) => {
    expect(waitAfterFailures(THROTTLE[scope], failures)).toBe(seconds * 1000);
  });
});

describe("throttleKeys", () => {
  const keys = throttleKeys(SECRET, "Clerk@Musterstadt.example ", "203.0.113.7");

  it("is stable for the same account and client, as the sign-in spells them", () => {
    expect(throttleKeys(SECRET, "clerk@musterstadt.example", "::ffff:203.0.113.7")).toEqual(keys);
  });

  it.each([
    { name: "another secret", other: throttleKeys("another-secret-another-secret-0123456789", "clerk@musterstadt.example", "203.0.113.7"), sameAddress: false },
    { name: "another account, same address", other: throttleKeys(SECRET, "other@musterstadt.example", "203.0.113.7"), sameAddress: true },
    { name: "same account, another address", other: throttleKeys(SECRET, "clerk@musterstadt.example", "203.0.113.8"), sameAddress: false },
  ])("differs for $name", ({ other, sameAddress }) => {
    expect(other.account_address).not.toBe(keys.account_address);
    expect(other.address === keys.address).toBe(sameAddress);
  });

  it("refuses to work without a secret", () => {
    expect(() => throttleKeys("", "clerk@musterstadt.example", "203.0.113.7")).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_PROOF_HEADER,
  clientAddressFrom,
  normalizeAddress,
  parseTrustedProxies,
  peerIsTrustedProxy,
  rateLimitSubject,
  resolveClientAddress,
  UNKNOWN_ADDRESS,
} from "./client-address";

describe("the client address", () => {
  it.each([
    { name: "no proxy: the socket's peer, whatever the client claims", socket: "198.51.100.7", xff: "1.2.3.4", trusted: "", client: "198.51.100.7" },
    { name: "no proxy, no header", socket: "198.51.100.7", xff: undefined, trusted: "", client: "198.51.100.7" },
    { name: "IPv4 on an IPv6 socket", socket: "::ffff:198.51.100.7", xff: undefined, trusted: "", client: "198.51.100.7" },
    { name: "one trusted hop: the address the proxy saw", socket: "10.0.0.2", xff: "203.0.113.9", trusted: "1", client: "203.0.113.9" },
    { name: "one trusted hop: a client's own entries on the left are ignored", socket: "10.0.0.2", xff: "1.2.3.4, 5.6.7.8, 203.0.113.9", trusted: "1", client: "203.0.113.9" },
    { name: "two hops", socket: "10.0.0.2", xff: "1.2.3.4, 203.0.113.9, 10.0.0.1", trusted: "2", client: "203.0.113.9" },
    { name: "hops but no header: the request did not pass the proxy", socket: "198.51.100.7", xff: undefined, trusted: "1", client: "198.51.100.7" },
    { name: "trusted network: walks back over the proxies", socket: "10.0.0.2", xff: "1.2.3.4, 203.0.113.9, 10.0.0.1", trusted: "10.0.0.0/8", client: "203.0.113.9" },
    { name: "trusted network: a peer outside it is the client", socket: "198.51.100.7", xff: "1.2.3.4", trusted: "10.0.0.0/8", client: "198.51.100.7" },
    { name: "trusted addresses, IPv6", socket: "2001:db8::2", xff: "2001:db8:ffff::9", trusted: "2001:db8::2, 127.0.0.1", client: "2001:db8:ffff::9" },
    { name: "entries with ports", socket: "10.0.0.2", xff: "203.0.113.9:51234", trusted: "1", client: "203.0.113.9" },
    { name: "garbage in the header is no address", socket: "10.0.0.2", xff: "<script>", trusted: "1", client: UNKNOWN_ADDRESS },
    { name: "several header lines are one list", socket: "10.0.0.2", xff: ["1.2.3.4", "203.0.113.9"], trusted: "1", client: "203.0.113.9" },
  ])("$name", ({ socket, xff, trusted, client }) => {
    expect(resolveClientAddress(socket, xff, parseTrustedProxies(trusted))).toBe(client);
  });

  it.each(["11", "10.0.0.0/33", "example.org", "10.0.0.0/x"])("refuses TRUSTED_PROXIES=%s", (value) => {
    expect(() => parseTrustedProxies(value)).toThrow("TRUSTED_PROXIES");
  });

  it.each([
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["", UNKNOWN_ADDRESS],
    ["999.1.1.1", UNKNOWN_ADDRESS],
  ])("normalizes %s", (raw, address) => {
    expect(normalizeAddress(raw)).toBe(address);
  });

  it("believes the header only with the server's proof", () => {
    const headers = (address: string, proof?: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: address, ...(proof ? { [CLIENT_PROOF_HEADER]: proof } : {}) });
    expect(clientAddressFrom(headers("203.0.113.9", "secret-proof-1234"), "secret-proof-1234")).toBe("203.0.113.9");
    expect(clientAddressFrom(headers("203.0.113.9", "guessed-proof-123"), "secret-proof-1234")).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressFrom(headers("203.0.113.9"), "secret-proof-1234")).toBe(UNKNOWN_ADDRESS);
    // Started without our server: no proof exists, so no header is believed.
    expect(clientAddressFrom(headers("203.0.113.9", "anything"), undefined)).toBe(UNKNOWN_ADDRESS);
  });

  it.each([
    ["198.51.100.7", "198.51.100.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::99", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
  ])("counts %s as %s", (address, subject) => {
    expect(rateLimitSubject(address)).toBe(subject);
  });
});

describe("which peers may say where the browser connected", () => {
  it.each([
    { name: "no proxy configured", socket: "10.0.0.2", trusted: undefined, believed: false },
    { name: "a listed proxy", socket: "10.0.0.2", trusted: "10.0.0.0/8", believed: true },
    { name: "a listed proxy, as an IPv4-mapped address", socket: "::ffff:10.0.0.2", trusted: "10.0.0.0/8", believed: true },
    { name: "a client next to the listed proxy", socket: "192.0.2.7", trusted: "10.0.0.0/8", believed: false },
    { name: "a fixed number of proxy hops", socket: "192.0.2.7", trusted: "1", believed: true },
    { name: "no socket address", socket: undefined, trusted: "10.0.0.0/8", believed: false },
  ])("$name", ({ socket, trusted, believed }) => {
    expect(peerIsTrustedProxy(socket, parseTrustedProxies(trusted))).toBe(believed);
  });
});

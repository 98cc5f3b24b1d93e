import { timingSafeEqual } from "node:crypto";
import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";

/**
 * The one module that decides who a request comes from, for rate limits and sign-in throttling (never stored in
 * clear, never logged).
 *
 * Only the HTTP server knows the socket's peer address (`next start` hides it from the app). Our server
 * (lib/http/server.ts) takes it, walks `X-Forwarded-For` back through the proxies the operator declared trusted
 * (TRUSTED_PROXIES), and hands the result to the app in CLIENT_ADDRESS_HEADER, after deleting any copy the client
 * sent. With it goes a proof known only to the server process, so that an app started some other way (without our
 * server) cannot be fooled by a client sending that header itself: without the proof, the address is UNKNOWN_ADDRESS.
 * A forwarded header from anyone who is not a trusted proxy is never believed.
 */
export const CLIENT_ADDRESS_HEADER = "x-terminvergabe-client-address";
export const CLIENT_PROOF_HEADER = "x-terminvergabe-client-proof";
/** The environment variable through which the server passes its proof to the app in the same process. */
export const CLIENT_PROOF_ENV = "TERMINVERGABE_CLIENT_PROOF";
export const UNKNOWN_ADDRESS = "unknown";

/** TRUSTED_PROXIES: unset (no proxy), a number of proxy hops, or a list of proxy addresses and networks. */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "networks"; list: BlockList; text: string };

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error(`TRUSTED_PROXIES: ${hops} proxy hops is not plausible (at most 10)`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is neither a number of hops nor an IP address or network`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address!, type);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) throw new Error(`TRUSTED_PROXIES: "${entry}" has an impossible prefix length`);
      list.addSubnet(address!, bits, type);
    }
  }
  return { kind: "networks", list, text };
}

/** "::ffff:192.0.2.1" (IPv4 seen on an IPv6 socket) → "192.0.2.1"; anything that is not an address → UNKNOWN_ADDRESS. */
export function normalizeAddress(raw: string | undefined | null): string {
  let address = (raw ?? "").trim();
  // X-Forwarded-For entries may carry a port ("192.0.2.1:5678", "[2001:db8::1]:443").
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : UNKNOWN_ADDRESS;
}

/**
 * The client's address: the socket's peer, or, when the peer is a trusted proxy, the address that proxy (and any
 * further trusted ones) received the request from, read from the right end of X-Forwarded-For, which is the only end
 * a trusted proxy writes. Entries further left were written by the client and are ignored.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const peer = normalizeAddress(socketAddress);
  if (trusted.kind === "none") return peer;
  const forwarded = [forwardedFor ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(normalizeAddress);
  const chain = [...forwarded, peer];
  if (trusted.kind === "hops") return chain[Math.max(0, chain.length - 1 - trusted.hops)]!;
  const isTrusted = (address: string) => address !== UNKNOWN_ADDRESS && trusted.list.check(address, address.includes(":") ? "ipv6" : "ipv4");
  let index = chain.length - 1;
  while (index > 0 && isTrusted(chain[index]!)) index -= 1;
  return chain[index]!;
}

/**
 * Whether the connection comes from a trusted proxy, the only sender whose X-Forwarded-Host and X-Forwarded-Proto
 * may be believed (they decide the addresses Auth.js builds; Next.js fills them in from the connection otherwise).
 */
export function peerIsTrustedProxy(socketAddress: string | undefined, trusted: TrustedProxies): boolean {
  if (trusted.kind === "none") return false;
  if (trusted.kind === "hops") return true;
  const peer = normalizeAddress(socketAddress);
  return peer !== UNKNOWN_ADDRESS && trusted.list.check(peer, peer.includes(":") ? "ipv6" : "ipv4");
}

/** For the app: the address our server determined, if the request really passed through it; else UNKNOWN_ADDRESS. */
export function clientAddressFrom(headers: Pick<Headers, "get">, expectedProof: string | undefined = process.env[CLIENT_PROOF_ENV]): string {
  const proof = headers.get(CLIENT_PROOF_HEADER);
  if (!expectedProof || !proof || proof.length !== expectedProof.length) return UNKNOWN_ADDRESS;
  if (!timingSafeEqual(Buffer.from(proof), Buffer.from(expectedProof))) return UNKNOWN_ADDRESS;
  return normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER));
}

/**
 * What a budget counts as one client: an IPv4 address as it is, an IPv4-mapped IPv6 address as its IPv4 address, any
 * other IPv6 address as its /64 network (one household or phone gets a whole /64 and can pick any address in it at
 * will). Anything else ("unknown") is kept as given, trimmed and lower-cased.
 */
export function rateLimitSubject(address: string): string {
  const given = address.trim().toLowerCase();
  const withoutZone = given.replace(/%.*$/, "");
  if (isIPv4(withoutZone)) return withoutZone;
  if (!isIPv6(withoutZone)) return given;
  const groups = ipv6Groups(withoutZone);
  const isIPv4Mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isIPv4Mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (checked by the caller), "::" and a dotted IPv4 tail expanded. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split(".").map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const [head = "", rest] = text.split("::");
  const left = parse(head);
  if (rest === undefined) return left;
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

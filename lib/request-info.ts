import "server-only";
import { headers } from "next/headers";

/** The caller's address for rate limiting only; never stored. Behind a proxy, the first forwarded address. */
export async function clientAddress(): Promise<string> {
  const headerStore = await headers();
  return headerStore.get("x-forwarded-for")?.split(",")[0]?.trim() || headerStore.get("x-real-ip") || "unknown";
}

import "server-only";
import { headers } from "next/headers";
import { clientAddressFrom } from "@/lib/http/client-address";

/** The caller's address for rate limiting only (never stored in clear): decided by lib/http/client-address.ts. */
export async function clientAddress(): Promise<string> {
  return clientAddressFrom(await headers());
}

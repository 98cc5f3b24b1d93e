import "server-only";
import { getDb } from "@/db/client";
import { getSettings } from "@/db/queries/settings";
import type { Settings } from "@/db/schema";

/**
 * The office's settings as every page may show them, signed in or not: name, contact, imprint and the booking rules
 * citizens are told. Nothing in the settings row is personal data.
 */
export async function officeSettings(): Promise<Settings> {
  return getSettings(getDb());
}

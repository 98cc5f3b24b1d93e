import "server-only";
import { getLocale } from "next-intl/server";
import type { Language } from "@/lib/domain/enums";
import { DEFAULT_LANGUAGE, isLanguage } from "./locale";

/** The request's language as our own type. */
export async function getLanguage(): Promise<Language> {
  const locale = await getLocale();
  return isLanguage(locale) ? locale : DEFAULT_LANGUAGE;
}

/** Picks the German or English column of a bilingual catalogue row. */
export function pick<T extends Record<string, unknown>, K extends string>(row: T, field: K, language: Language): string {
  const value = row[`${field}${language === "de" ? "De" : "En"}` as keyof T];
  return typeof value === "string" ? value : "";
}

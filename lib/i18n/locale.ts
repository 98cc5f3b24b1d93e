import { LANGUAGES, type Language } from "@/lib/domain/enums";

export const DEFAULT_LANGUAGE: Language = "de";
export const LANGUAGE_COOKIE = "lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to answer in: an explicit choice (cookie) wins; otherwise the browser's preference among German and
 * English; otherwise German.
 */
export function negotiateLanguage(cookieValue: string | undefined, acceptLanguage: string | null): Language {
  if (isLanguage(cookieValue)) return cookieValue;
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const preferences = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: tag.toLowerCase().split("-")[0] ?? "", quality: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((p) => isLanguage(p.base) && Number.isFinite(p.quality) && p.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const best = preferences[0]?.base;
  return isLanguage(best) ? best : DEFAULT_LANGUAGE;
}

/** Only same-site paths may be returned to after switching language (no open redirect). */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value;
}

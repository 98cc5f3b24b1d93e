import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { DEFAULT_TIME_ZONE, type Language } from "@/lib/domain/enums";
import { isLanguage, LANGUAGE_COOKIE, negotiateLanguage } from "./locale";

/** Catalogues are split by area so long texts (legal pages, staff and admin screens) stay out of the core file. */
const AREAS = ["legal", "staff", "api", "admin-catalogue", "admin-people", "hall", "waiting-list"] as const;

async function loadMessages(language: Language) {
  const [core, ...areas] = await Promise.all([
    import(`./messages/${language}.json`),
    ...AREAS.map((area) => import(`./messages/${area}.${language}.json`)),
  ]);
  return Object.assign({}, core.default, ...areas.map((area) => area.default));
}

export default getRequestConfig(async ({ locale: explicit }) => {
  // A page may ask for a language explicitly (`getTranslations({ locale: "en" })`: the kiosk serves each visitor in
  // their own language, the call display shows both); otherwise the visitor's choice or browser language decides.
  // Formatting without an explicit zone falls back to the installation default; location pages pass their own zone.
  if (isLanguage(explicit)) return { locale: explicit, messages: await loadMessages(explicit), timeZone: DEFAULT_TIME_ZONE };
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLanguage(cookieStore.get(LANGUAGE_COOKIE)?.value, headerStore.get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: DEFAULT_TIME_ZONE };
});

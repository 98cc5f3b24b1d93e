import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import type { Language } from "@/lib/domain/enums";
import { LANGUAGE_COOKIE, negotiateLanguage } from "./locale";

/** Catalogues are split by area so long texts (legal pages, staff area) stay out of the core file. */
async function loadMessages(language: Language) {
  const [core, legal, staff] = await Promise.all([
    import(`./messages/${language}.json`),
    import(`./messages/legal.${language}.json`),
    import(`./messages/staff.${language}.json`),
  ]);
  return { ...core.default, ...legal.default, ...staff.default };
}

export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLanguage(cookieStore.get(LANGUAGE_COOKIE)?.value, headerStore.get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: "Europe/Berlin" };
});

import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { LANGUAGE_COOKIE, negotiateLanguage } from "./locale";

export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLanguage(cookieStore.get(LANGUAGE_COOKIE)?.value, headerStore.get("accept-language"));
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: "Europe/Berlin" };
});

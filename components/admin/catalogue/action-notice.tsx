import { getTranslations } from "next-intl/server";

const NOTICES = ["angelegt", "gespeichert", "geloescht", "verschoben"] as const;
type Notice = (typeof NOTICES)[number];

const isNotice = (value: unknown): value is Notice => typeof value === "string" && (NOTICES as readonly string[]).includes(value);

/**
 * After a save the action redirects with `?hinweis=…` (so a reload never posts twice); this shows what happened.
 * Unknown values are ignored: the parameter is only a hint, never trusted for anything else.
 */
export async function ActionNotice({ value, text }: { value: string | string[] | undefined; text?: string }) {
  if (!isNotice(value)) return null;
  const t = await getTranslations("adminCatalogue.common.notice");
  return (
    <div className="notice notice--success" role="status">
      <p>{text ?? t(value)}</p>
    </div>
  );
}

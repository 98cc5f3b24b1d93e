import { getTranslations } from "next-intl/server";

/** A plain GET form: location and date end up in the URL, so a day can be bookmarked, shared and printed. */
export async function LocationDateFilter({ action, locations, locationSlug, date, dateName = "datum" }: { action: string; locations: readonly { id: number; slug: string; name: string }[]; locationSlug: string; date: string; dateName?: string }) {
  const t = await getTranslations("staff");
  return (
    <form method="get" action={action} className="toolbar no-print" aria-label={t("day.filter")}>
      <div className="field">
        <label htmlFor="standort">{t("common.location")}</label>
        <select id="standort" name="standort" defaultValue={locationSlug}>
          {locations.map((l) => (
            <option key={l.id} value={l.slug}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={dateName}>{t("common.date")}</label>
        <input id={dateName} name={dateName} type="date" defaultValue={date} className="input--medium" />
      </div>
      <button type="submit" className="button button--secondary">
        {t("common.show")}
      </button>
    </form>
  );
}

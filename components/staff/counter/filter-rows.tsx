"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/**
 * Search as you type: hides the rows (`[data-search]`) in the given containers whose text does not contain what was
 * typed, in place, so status buttons stay at hand; rows that arrive with a live update are filtered too. Without
 * JavaScript the field submits (GET `q`, with the page's other parameters) and the server filters.
 */
export function FilterRows({ containerIds, initial, keep }: { containerIds: string[]; initial: string; keep: Record<string, string> }) {
  const t = useTranslations("hall.counter");
  const [query, setQuery] = useState(initial);
  const [shown, setShown] = useState<number | null>(null);
  const key = containerIds.join(" ");
  useEffect(() => {
    const needle = query.trim().toLowerCase().replace(/[\s-]/g, "");
    const containers = key.split(" ").flatMap((id) => document.getElementById(id) ?? []);
    const apply = () => {
      let count = 0;
      for (const container of containers) {
        container.querySelectorAll<HTMLElement>("[data-search]").forEach((row) => {
          const match = needle === "" || (row.dataset.search ?? "").includes(needle);
          row.hidden = !match;
          if (match) count += 1;
        });
      }
      setShown(needle === "" ? null : count);
    };
    apply();
    const observer = new MutationObserver(apply);
    containers.forEach((container) => observer.observe(container, { childList: true, subtree: true }));
    return () => observer.disconnect();
  }, [query, key]);
  return (
    <form method="get" role="search" className="toolbar no-print" onSubmit={(event) => event.preventDefault()}>
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="filter">{t("filterLabel")}</label>
        <p className="hint" id="filter-hint">
          {t("filterHint")}
        </p>
        <input id="filter" name="q" type="search" className="input--medium" value={query} aria-describedby="filter-hint" onChange={(event) => setQuery(event.target.value)} />
      </div>
      <p role="status" className="small">
        {shown !== null ? t("filterCount", { count: shown }) : ""}
      </p>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

export type SummaryEntry = { fieldId: string; message: string };

/**
 * GOV.UK-style error summary: an alert with its own heading ("Es gibt ein Problem", never the page's h1 again) and a
 * list of links to the fields with problems. It takes focus when it appears, so the problem is announced and keyboard
 * users can jump straight to each field; while it shows, the page title starts with "Fehler: ".
 */
export function ErrorSummary({ entries, title, intro }: { entries: SummaryEntry[]; title?: string; intro?: string }) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDivElement>(null);
  const key = entries.map((e) => `${e.fieldId}:${e.message}`).join("|") + (intro ?? "");
  const shown = entries.length > 0 || Boolean(intro);
  const prefix = t("errorTitlePrefix");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  useEffect(() => {
    if (!shown) return;
    if (!document.title.startsWith(prefix)) document.title = `${prefix}${document.title}`;
    return () => {
      if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
    };
  }, [shown, prefix]);
  if (!shown) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t("errorSummaryTitle")}</h2>
      {intro && <p>{intro}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map((entry) => (
            <li key={`${entry.fieldId}-${entry.message}`}>
              <a href={`#${entry.fieldId}`}>{entry.message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

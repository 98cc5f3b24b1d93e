"use client";

import { useTranslations } from "next-intl";
import { useActionState, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { initiallyOpenGroups, matchingConcerns } from "@/lib/booking-flow/concern-list";
import type { Language } from "@/lib/domain/enums";
import { formatDuration } from "@/lib/i18n/format";

export type ConcernOption = {
  slug: string;
  name: string;
  description: string;
  durationMinutes: number;
  facts: string[];
  maxQuantity: number;
  documents: { name: string; hint: string | null }[];
  forms: { title: string; href: string }[];
};
export type ConcernGroup = { slug: string; name: string; openByDefault: boolean; concerns: ConcernOption[] };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  groups: ConcernGroup[];
  selected: Record<string, number>;
  slotGridMinutes: number;
  language: Language;
  /** A location named in the link that led here (the town's website), carried to the next step. */
  location: string | null;
};

function selectionFrom(form: HTMLFormElement | null, fallback: Record<string, number>): Record<string, number> {
  if (!form) return fallback;
  const data = new FormData(form);
  return Object.fromEntries(data.getAll("anliegen").map((slug) => [String(slug), Number(data.get(`anzahl-${slug}`) ?? 1)]));
}

/** True once the page runs script (false in the server's HTML): the filter box exists only where it can work. */
const noSubscription = () => () => {};
function useHasScript(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The concerns step. Categories are `<details>` (the common ones open, as the administration marks them), each concern a tick box whose quantity appears
 * only once it is ticked (CSS `:has()`, so also without JavaScript) and whose description, fee and documents sit in
 * a disclosure. With JavaScript a filter box above narrows the list as the citizen types; without, the full list.
 */
export function ConcernForm({ action, groups, selected, slotGridMinutes, language, location }: Props) {
  const t = useTranslations("booking.concerns");
  const tErrors = useTranslations("errors.fields");
  const tBooking = useTranslations("booking");
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const hasScript = useHasScript();

  // After a failed submission without JavaScript the server re-renders with what was sent.
  const echoed =
    state.status === "error"
      ? Object.fromEntries([state.values.anliegen ?? []].flat().map((slug) => [slug, Number(state.values[`anzahl-${slug}`] ?? 1)]))
      : selected;
  const [current, setCurrent] = useState<Record<string, number>>(echoed);
  const [query, setQuery] = useState("");
  const [openGroups, setOpenGroups] = useState(() => initiallyOpenGroups(groups, Object.keys(echoed)));

  const all = groups.flatMap((g) => g.concerns);
  const totalMinutes = Object.entries(current).reduce((sum, [slug, quantity]) => sum + (all.find((c) => c.slug === slug)?.durationMinutes ?? 0) * quantity, 0);
  const rounded = Math.ceil(totalMinutes / slotGridMinutes) * slotGridMinutes;
  const firstCheckbox = `concern-${all[0]?.slug ?? ""}`;

  const filtering = hasScript && query.trim() !== "";
  const found = useMemo(() => matchingConcerns(groups, query), [groups, query]);
  // A ticked concern stays in view while filtering: what is chosen never disappears.
  const isShown = (slug: string) => !filtering || found.has(slug) || current[slug] !== undefined;

  const errors = state.status === "error" ? state.fieldErrors : {};
  const summary = Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ fieldId: field === "concerns" ? firstCheckbox : field, message: tErrors(message as "required") })),
  );
  // A group holding a field in error is open, so the error summary's link lands on something visible.
  const groupOfError = groups.find((g) => g.concerns.some((c) => errors[`anzahl-${c.slug}`]))?.slug;

  return (
    <form action={formAction} ref={formRef} onChange={() => setCurrent(selectionFrom(formRef.current, current))} noValidate className="concern-form">
      {location ? <input type="hidden" name="standort" value={location} /> : null}
      <ErrorSummary entries={summary} />
      {hasScript && (
        <div className="field concern-filter" role="search">
          <label htmlFor="anliegen-filter">{t("filterLabel")}</label>
          <span className="hint" id="anliegen-filter-hint">
            {t("filterHint")}
          </span>
          <input
            type="search"
            id="anliegen-filter"
            className="input--medium"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="anliegen-filter-hint anliegen-filter-status"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            // Enter in the box must not send the form: it only filters.
            onKeyDown={(event) => {
              if (event.key === "Enter") event.preventDefault();
            }}
          />
          <p className="small concern-filter__status" id="anliegen-filter-status" aria-live="polite">
            {filtering ? t("filterResults", { count: found.size }) : ""}
          </p>
        </div>
      )}
      {errors.concerns && <span className="error-message">{tErrors(errors.concerns[0] as "required")}</span>}
      {groups.map((group, groupIndex) => {
        const shown = group.concerns.filter((c) => isShown(c.slug));
        if (shown.length === 0) return null;
        const isOpen = filtering || openGroups.has(group.slug) || group.concerns.some((c) => current[c.slug] !== undefined) || group.slug === groupOfError || (errors.concerns !== undefined && groupIndex === 0);
        return (
          <details
            key={group.slug}
            className="concern-group"
            open={isOpen}
            onToggle={(event) => {
              if (filtering) return;
              const open = (event.currentTarget as HTMLDetailsElement).open;
              setOpenGroups((before) => {
                if (before.has(group.slug) === open) return before;
                const after = new Set(before);
                if (open) after.add(group.slug);
                else after.delete(group.slug);
                return after;
              });
            }}
          >
            <summary className="concern-group__summary">
              <h2 className="concern-group__title">{group.name}</h2>
              <span className="concern-group__count">{t("groupCount", { count: group.concerns.length })}</span>
            </summary>
            <fieldset className={errors.concerns ? "field--error" : undefined}>
              <legend className="visually-hidden">{group.name}</legend>
              <ul className="concern-list">
                {group.concerns.map((concern) => {
                  const id = `concern-${concern.slug}`;
                  const quantityId = `anzahl-${concern.slug}`;
                  const quantityError = errors[quantityId];
                  return (
                    <li key={concern.slug} className="concern" hidden={!isShown(concern.slug)}>
                      <div className="checkbox concern__choice">
                        <input
                          type="checkbox"
                          id={id}
                          name="anliegen"
                          value={concern.slug}
                          defaultChecked={echoed[concern.slug] !== undefined}
                          aria-describedby={quantityError ? `${quantityId}-error` : undefined}
                        />
                        <label htmlFor={id} className="concern__title">
                          {concern.name}
                        </label>
                      </div>
                      {concern.maxQuantity > 1 && (
                        // Shown only while the tick box above is ticked (CSS :has(), with and without JavaScript).
                        <div className={quantityError ? "concern__quantity field--error" : "concern__quantity"}>
                          <label htmlFor={quantityId}>
                            {t("quantity")}
                            <span className="visually-hidden"> – {concern.name}</span>
                          </label>
                          {quantityError && (
                            <span className="error-message" id={`${quantityId}-error`}>
                              {tErrors(quantityError[0] as "required")}
                            </span>
                          )}
                          <select
                            id={quantityId}
                            name={quantityId}
                            className="input--short"
                            defaultValue={String(echoed[concern.slug] ?? 1)}
                            aria-invalid={quantityError ? true : undefined}
                          >
                            {Array.from({ length: concern.maxQuantity }, (_, i) => i + 1).map((n) => (
                              <option key={n} value={n}>
                                {n}
                              </option>
                            ))}
                          </select>
                        </div>
                      )}
                      <details className="concern__details">
                        <summary>
                          {t("detailsSummary")}
                          <span className="visually-hidden"> {t("detailsFor", { name: concern.name })}</span>
                        </summary>
                        <ul className="concern__facts">
                          {concern.facts.map((fact) => (
                            <li key={fact}>{fact}</li>
                          ))}
                        </ul>
                        <p>{concern.description}</p>
                        {concern.documents.length > 0 && (
                          <>
                            <h3>{t("bring")}</h3>
                            <ul>
                              {concern.documents.map((d) => (
                                <li key={d.name}>
                                  {d.name}
                                  {d.hint && <span className="hint">{d.hint}</span>}
                                </li>
                              ))}
                            </ul>
                          </>
                        )}
                        {concern.forms.length > 0 && (
                          <>
                            <h3>{t("forms")}</h3>
                            <ul>
                              {concern.forms.map((f) => (
                                <li key={f.href}>
                                  <a href={f.href} download>
                                    {f.title}
                                  </a>{" "}
                                  (PDF)
                                </li>
                              ))}
                            </ul>
                          </>
                        )}
                      </details>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          </details>
        );
      })}
      <div className="sticky-total">
        <p aria-live="polite" className="small">
          {rounded > 0 ? t("total", { duration: formatDuration(rounded, language) }) : t("noneSelected")}
        </p>
        <SubmitButton>{tBooking("continue")}</SubmitButton>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
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
export type ConcernGroup = { slug: string; name: string; concerns: ConcernOption[] };

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

export function ConcernForm({ action, groups, selected, slotGridMinutes, language, location }: Props) {
  const t = useTranslations("booking.concerns");
  const tErrors = useTranslations("errors.fields");
  const tBooking = useTranslations("booking");
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed submission without JavaScript the server re-renders with what was sent.
  const echoed =
    state.status === "error"
      ? Object.fromEntries([state.values.anliegen ?? []].flat().map((slug) => [slug, Number(state.values[`anzahl-${slug}`] ?? 1)]))
      : selected;
  const [current, setCurrent] = useState<Record<string, number>>(echoed);

  const all = groups.flatMap((g) => g.concerns);
  const totalMinutes = Object.entries(current).reduce((sum, [slug, quantity]) => sum + (all.find((c) => c.slug === slug)?.durationMinutes ?? 0) * quantity, 0);
  const rounded = Math.ceil(totalMinutes / slotGridMinutes) * slotGridMinutes;
  const firstCheckbox = `concern-${all[0]?.slug ?? ""}`;

  const errors = state.status === "error" ? state.fieldErrors : {};
  const summary = Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ fieldId: field === "concerns" ? firstCheckbox : field, message: tErrors(message as "required") })),
  );

  return (
    <form action={formAction} ref={formRef} onChange={() => setCurrent(selectionFrom(formRef.current, current))} noValidate>
      {location ? <input type="hidden" name="standort" value={location} /> : null}
      <ErrorSummary entries={summary} />
      {groups.map((group) => (
        <fieldset key={group.slug} className={errors.concerns ? "field--error" : undefined}>
          <legend>
            <h2>{group.name}</h2>
          </legend>
          {errors.concerns && group === groups[0] && <span className="error-message">{tErrors(errors.concerns[0] as "required")}</span>}
          <ul className="concern-list">
            {group.concerns.map((concern) => {
              const id = `concern-${concern.slug}`;
              const quantityId = `anzahl-${concern.slug}`;
              const quantityError = errors[quantityId];
              return (
                <li key={concern.slug} className="concern">
                  <div className="concern__head">
                    <div className="checkbox">
                      <input
                        type="checkbox"
                        id={id}
                        name="anliegen"
                        value={concern.slug}
                        defaultChecked={echoed[concern.slug] !== undefined}
                        aria-describedby={`facts-${concern.slug}`}
                      />
                      <label htmlFor={id}>
                        <strong className="concern__title">{concern.name}</strong>
                      </label>
                    </div>
                    {concern.maxQuantity > 1 && (
                      <div className="concern__quantity">
                        <label htmlFor={quantityId}>
                          {t("quantity")}
                          <span className="visually-hidden"> – {concern.name}</span>
                        </label>
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
                  </div>
                  <ul className="concern__facts" id={`facts-${concern.slug}`}>
                    {concern.facts.map((fact) => (
                      <li key={fact}>{fact}</li>
                    ))}
                  </ul>
                  <details>
                    <summary>{t("details", { name: concern.name })}</summary>
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
      ))}
      <div className="sticky-total">
        <p aria-live="polite" className="small">
          {rounded > 0 ? t("total", { duration: formatDuration(rounded, language) }) : t("noneSelected")}
        </p>
        <SubmitButton>{tBooking("continue")}</SubmitButton>
      </div>
    </form>
  );
}

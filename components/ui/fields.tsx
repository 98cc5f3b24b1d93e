import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * Labelled form fields with hint and error, wired for screen readers (aria-describedby, aria-invalid). No browser state
 * of their own, so server and client components can use them. The registration comes from react-hook-form where a form
 * checks in the browser (the staff forms); otherwise `name` (default: the id) names the control. `defaultValue` is also
 * rendered into the HTML, so what was typed survives a round trip to the server without JavaScript.
 */
type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Appended to the label, e.g. "(freiwillig)". */
  optionalText?: string;
  registration?: UseFormRegisterReturn;
  /** The control's name when there is no registration; the id if not given. */
  name?: string;
  defaultValue?: string;
  lang?: string;
  maxLength?: number;
};

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Hint and error text a control refers to through aria-describedby. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

/** A group of checkboxes or radio buttons: legend, hint and error around them, the error announced with the group. */
export function ChoiceGroup({ id, legend, hint, error, children }: { id: string; legend: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <fieldset className={error ? "field field--error" : "field"} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

/** Label, hint and error around one control. */
export function FieldFrame({ id, label, hint, error, optionalText, children }: Pick<FieldProps, "id" | "label" | "hint" | "error" | "optionalText"> & { children: React.ReactNode }) {
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>
        {label}
        {optionalText ? ` ${optionalText}` : null}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export function TextField({
  type = "text",
  autoComplete = "off",
  className,
  inputMode,
  spellCheck,
  required,
  min,
  max,
  ...field
}: FieldProps & {
  type?: "text" | "email" | "tel" | "url" | "password" | "date" | "time" | "number";
  autoComplete?: string;
  className?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email" | "tel" | "url";
  spellCheck?: boolean;
  required?: boolean;
  min?: number | string;
  max?: number | string;
}) {
  const { id, hint, error, registration, defaultValue, lang, maxLength, name = id } = field;
  return (
    <FieldFrame {...field}>
      <input
        id={id}
        name={name}
        type={type}
        className={className}
        maxLength={maxLength}
        inputMode={inputMode}
        autoComplete={autoComplete}
        lang={lang}
        spellCheck={spellCheck}
        required={required}
        min={min}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        defaultValue={defaultValue}
        {...registration}
      />
    </FieldFrame>
  );
}

export function TextAreaField({ rows = 5, ...field }: FieldProps & { rows?: number }) {
  const { id, hint, error, registration, defaultValue, lang, maxLength, name = id } = field;
  return (
    <FieldFrame {...field}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        lang={lang}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        defaultValue={defaultValue}
        {...registration}
      />
    </FieldFrame>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  registration,
  defaultValue,
  options,
  placeholder,
  className,
}: Pick<FieldProps, "id" | "label" | "hint" | "error" | "registration" | "defaultValue"> & {
  options: { value: string; label: string }[];
  /** An empty first option, e.g. "Bitte wählen". */
  placeholder?: string;
  className?: string;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={id} className={className} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} defaultValue={defaultValue} {...registration}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

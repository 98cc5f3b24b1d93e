"use client";

import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * A labelled input with its hint and error, wired for screen readers (aria-describedby, aria-invalid). The
 * registration comes from react-hook-form; `defaultValue` is rendered into the HTML as well, so echoed values survive
 * a round trip without JavaScript.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  type = "text",
  autoComplete,
  defaultValue,
  registration,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  type?: "text" | "email" | "password";
  autoComplete: string;
  defaultValue?: string;
  registration: UseFormRegisterReturn;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
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
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={defaultValue}
        {...registration}
      />
    </div>
  );
}

"use client";

/**
 * The message of a failed one-button form on a page with several forms. A live region instead of a second error
 * summary: summaries share one heading id, and only the password form on the account page has fields to link to.
 */
export function FormError({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
    </div>
  );
}

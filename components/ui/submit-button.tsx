"use client";

import { useFormStatus } from "react-dom";

/**
 * A submit button that cannot be pressed twice while its form is on the way: useFormStatus covers the native post,
 * `pending` (useActionState's flag) a post sent from script, as react-hook-form forms do.
 */
export function SubmitButton({
  children,
  pendingLabel,
  className = "button",
  name,
  value,
  pending: postedFromScript = false,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  className?: string;
  name?: string;
  value?: string;
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = postedFromScript || status.pending;
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

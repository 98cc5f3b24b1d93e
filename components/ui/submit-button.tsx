"use client";

import { useFormStatus } from "react-dom";

/** A submit button that cannot be pressed twice while its form is on the way. */
export function SubmitButton({ children, pendingLabel, className = "button", name, value }: { children: React.ReactNode; pendingLabel?: string; className?: string; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

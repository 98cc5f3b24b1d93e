"use client";

import { useEffect, useState } from "react";

/** Printing needs JavaScript for the button; without it the browser's own print command still works. */
export function PrintButton({ label }: { label: string }) {
  const [canPrint, setCanPrint] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- shown only once hydrated: the button needs JavaScript
  useEffect(() => setCanPrint(true), []);
  if (!canPrint) return null;
  return (
    <button type="button" className="button button--secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}

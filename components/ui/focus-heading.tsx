"use client";

import { useEffect, useRef } from "react";

/**
 * The page's h1. After a step loads, focus moves here, so screen-reader and keyboard users start at the new content
 * (unless an error summary takes focus first).
 */
export function FocusHeading({ children, id, skipFocus = false }: { children: React.ReactNode; id?: string; skipFocus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!skipFocus) ref.current?.focus();
  }, [skipFocus]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1}>
      {children}
    </h1>
  );
}

"use client";

import { useErrorTexts } from "@/components/site/error-texts";

/** Shown instead of a bare 500 page if rendering fails; the cause is logged on the server, not shown here. */
export default function PublicError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorTexts();
  return (
    <div className="reading">
      <h1>{t.title}</h1>
      <p>{t.text}</p>
      <button type="button" className="button" onClick={() => reset()}>
        {t.retry}
      </button>
    </div>
  );
}

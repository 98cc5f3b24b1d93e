"use client";

import "altcha/altcha.css";
import "altcha/types/react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { Language } from "@/lib/domain/enums";

let loading: Promise<void> | null = null;

/** Loads the widget once per page: languages, the SHA worker, then the element itself (which looks for both). */
function loadWidget(): Promise<void> {
  loading ??= (async () => {
    await Promise.all([import("altcha/i18n/de"), import("altcha/i18n/en")]);
    // The language modules create the widget's registry; the algorithm is ours to register, as a worker served by
    // this server, so the page's Content-Security-Policy needs nothing beyond 'self'.
    const worker = () => new Worker(new URL("altcha/workers/sha", import.meta.url));
    globalThis.$altcha.algorithms.set("SHA-256", worker);
    await import("altcha/external");
  })();
  return loading;
}

/**
 * The proof of work in the booking form (lib/services/proof-of-work.ts): solved in the background as soon as the page
 * is shown, so people need do nothing; the form cannot be sent before it is solved. Without JavaScript the element
 * stays empty and the server applies its fallback. The challenge is embedded: no request to fetch it, none to any
 * other host.
 */
export function ProofOfWorkField({ challenge, language }: { challenge: string; language: Language }) {
  const t = useTranslations("booking.review");
  useEffect(() => {
    void loadWidget();
  }, []);
  return (
    // A new challenge (after a failed attempt) is a new widget.
    <div className="proof-of-work" key={challenge}>
      <p className="hint" id="proof-of-work-hint">
        {t("proofOfWork")}
      </p>
      <altcha-widget
        challenge={challenge}
        auto="onload"
        language={language}
        name="altcha"
        configuration={JSON.stringify({ hideLogo: true, hideFooter: true, humanInteractionSignature: false, validationMessage: t("proofOfWorkPending") })}
        aria-describedby="proof-of-work-hint"
        suppressHydrationWarning
      />
    </div>
  );
}

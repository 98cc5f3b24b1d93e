import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { FocusHeading } from "@/components/ui/focus-heading";
import type { Step } from "@/lib/booking-flow/steps";

/** Back link, "Schritt 3 von 6", the list of steps and the step's heading. */
export async function StepHeader({
  step,
  steps,
  title,
  backHref,
  hasErrors = false,
}: {
  step: Step;
  steps: Step[];
  title: string;
  backHref?: string;
  hasErrors?: boolean;
}) {
  const t = await getTranslations("booking");
  const current = steps.indexOf(step) + 1;
  return (
    <>
      {backHref && (
        <Link href={backHref} className="back-link">
          {t("back")}
        </Link>
      )}
      <p className="step-indicator">{t("stepOf", { current, total: steps.length })}</p>
      <nav aria-label={t("progress")}>
        <ol className="progress">
          {steps.map((s, index) => (
            <li key={s} aria-current={s === step ? "step" : undefined}>
              {index + 1}. {t(`steps.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      <FocusHeading skipFocus={hasErrors}>{title}</FocusHeading>
    </>
  );
}

import { stepMetadata } from "@/lib/booking-flow/step-title";
import { getTranslations } from "next-intl/server";
import { DetailsForm } from "@/components/booking/details-form";
import { StepHeader } from "@/components/booking/step-header";
import { readDraft } from "@/lib/booking-flow/draft";
import { loadStep, previousStepHref, type SearchParams } from "@/lib/booking-flow/load-step";
import { selectionParams } from "@/lib/booking-flow/selection";
import { saveDetails } from "../actions";
import { now } from "@/lib/clock";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return stepMetadata(searchParams, "details");
}

export default async function DetailsStep({ searchParams }: { searchParams: SearchParams }) {
  const [loaded, t] = await Promise.all([loadStep(searchParams, "details"), getTranslations("booking")]);
  const draft = await readDraft(now());
  const expired = loaded.params.abgelaufen === "1" && !draft;
  return (
    <>
      <StepHeader step="details" steps={loaded.steps} title={t("details.title")} backHref={previousStepHref(loaded, "details")} />
      {expired && (
        <div className="notice notice--warning" role="status">
          <p>{t("review.draftMissing")}</p>
        </div>
      )}
      <p className="lead reading">{t("details.intro")}</p>
      <DetailsForm
        action={saveDetails}
        hidden={Object.fromEntries(selectionParams({ ...loaded.selection }))}
        defaults={draft ? { name: draft.name, email: draft.email, phone: draft.phone ?? "", note: draft.note ?? "" } : {}}
        submitLabel={t("continue")}
      />
    </>
  );
}

import { stepMetadata } from "@/lib/booking-flow/step-title";
import { getTranslations } from "next-intl/server";
import { ChoiceForm } from "@/components/booking/choice-form";
import { StepHeader } from "@/components/booking/step-header";
import { getDb } from "@/db/client";
import { loadStep, previousStepHref, type SearchParams } from "@/lib/booking-flow/load-step";
import { selectionParams } from "@/lib/booking-flow/selection";
import { formatLocalDate } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { availabilityFor, inAvailabilityTurn } from "@/lib/services/availability";
import { chooseLocation } from "../actions";
import * as clock from "@/lib/clock";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return stepMetadata(searchParams, "location");
}

export default async function LocationStep({ searchParams }: { searchParams: SearchParams }) {
  const [loaded, t, language] = await Promise.all([loadStep(searchParams, "location"), getTranslations("booking"), getLanguage()]);
  const now = clock.now();
  // The next free day per location is a help, not a step: when many people are looking (no turn in time), the choice
  // is offered without it.
  const choices = await Promise.all(loaded.locations.map(async (location) => {
    const turn = await inAvailabilityTurn(() => availabilityFor(getDb(), { now, location, items: loaded.requested, audience: "online" }));
    const next = !turn.busy && turn.value.ok ? turn.value.firstAvailableDate : null;
    const nextLine = turn.busy ? [] : [next ? t("location.nextFree", { date: formatLocalDate(next, language) }) : t("location.noneFree")];
    return { value: location.slug, label: location.name, description: [`${location.street}, ${location.postalCode} ${location.city}`, ...nextLine] };
  }));
  return (
    <>
      <StepHeader step="location" steps={loaded.steps} title={t("location.title")} backHref={previousStepHref(loaded, "location")} />
      <p className="lead reading">{t("location.intro")}</p>
      <ChoiceForm
        action={chooseLocation}
        name="standort"
        legend={t("location.legend")}
        choices={choices}
        defaultValue={loaded.selection.location ?? undefined}
        hidden={Object.fromEntries(selectionParams({ items: loaded.selection.items }))}
        submitLabel={t("continue")}
        errorKey="location_required"
      />
    </>
  );
}

import { stepMetadata } from "@/lib/booking-flow/step-title";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConfirmForm, TakenAlternatives } from "@/components/booking/confirm-form";
import { StepHeader } from "@/components/booking/step-header";
import { readDraft } from "@/lib/booking-flow/draft";
import { loadStep, previousStepHref, type SearchParams } from "@/lib/booking-flow/load-step";
import { selectionHref, selectionParams } from "@/lib/booking-flow/selection";
import { STEP_PATH } from "@/lib/booking-flow/steps";
import { nearestSlots } from "@/lib/domain/availability";
import { totalFeeCents } from "@/lib/domain/checklist";
import { addDays } from "@/lib/domain/zoned-time";
import { formatDateTime, formatDuration, formatEuro } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { availabilityFor, inAvailabilityTurn } from "@/lib/services/availability";
import { generateFormNonce } from "@/lib/booking-tokens";
import { bookingFormProof } from "@/lib/booking-flow/form-proof";
import { clientAddress } from "@/lib/request-info";
import { appContext } from "@/lib/services/context";
import { confirmBooking } from "../actions";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return stepMetadata(searchParams, "review");
}

export default async function ReviewStep({ searchParams }: { searchParams: SearchParams }) {
  const [loaded, t, language] = await Promise.all([loadStep(searchParams, "review"), getTranslations("booking"), getLanguage()]);
  const context = await appContext();
  const now = context.now();
  const draft = await readDraft(now);
  if (!draft) redirect(selectionHref(STEP_PATH.details, loaded.selection, { abgelaufen: "1" }));
  const location = loaded.location!;
  const time = loaded.selection.time!;
  const { selection } = loaded;

  // Check now, not only on submit: the time may have gone while the citizen was typing.
  const date = loaded.selection.date!;
  // When many people are looking (no turn in time), the form is shown without this look: the booking's transaction
  // checks the time anyway, and a citizen who got this far can still book.
  const turn = await inAvailabilityTurn(() => availabilityFor(context.db, { now, location, items: loaded.requested, audience: "online", from: addDays(date, -3), to: addDays(date, 7) }));
  const days = !turn.busy && turn.value.ok ? turn.value.days : [];
  // "belegt=1": booking failed because the time was taken (the action's redirect); trust that over this fresh look.
  const stillFree = loaded.params.belegt !== "1" && (turn.busy || days.some((d) => d.slots.some((s) => s.startsAt.getTime() === time.getTime())));
  const alternatives = stillFree ? [] : nearestSlots(days, time, 7).filter((slot) => slot.startsAt.getTime() !== time.getTime()).slice(0, 6);
  // A fresh nonce and proof-of-work challenge for each showing of the form (lib/booking-flow/form-proof.ts).
  const nonce = generateFormNonce();
  const proof = stillFree ? await bookingFormProof(context, { nonce, address: await clientAddress() }) : null;
  const reviewWithTime = (iso: Date) => selectionHref(STEP_PATH.review, { ...selection, time: iso });
  const dayHref = selectionHref(STEP_PATH.day, selection);

  const fee = totalFeeCents(loaded.chosen.map((c) => ({ quantity: c.quantity, feeCents: c.entry.feeCents })));
  const change = (href: string, what: string) => (
    <Link href={href} aria-label={t("review.changeWhat", { what })}>
      {t("review.change")}
    </Link>
  );

  return (
    <>
      <StepHeader step="review" steps={loaded.steps} title={t("review.title")} backHref={previousStepHref(loaded, "review")} hasErrors={!stillFree} />
      {!stillFree && (
        <TakenAlternatives
          alternatives={alternatives.map((slot) => ({ iso: slot.startsAt.toISOString(), href: reviewWithTime(slot.startsAt) }))}
          otherDayHref={dayHref}
          language={language}
          timeZone={location.timeZone}
        />
      )}
      {/* "Only 'book' books": said only while there is a button to say it of. */}
      {stillFree && <p className="lead reading">{t("review.intro")}</p>}

      <h2>{t("review.appointment")}</h2>
      <dl className="summary-list">
        <dt>{t("review.concerns")}</dt>
        <dd>
          <ul>
            {loaded.chosen.map((c) => (
              <li key={c.entry.id}>
                {c.quantity} × {pick(c.entry, "name", language)}
              </li>
            ))}
          </ul>
          {change(selectionHref(STEP_PATH.concerns, selection), t("review.concerns"))}
        </dd>
        <dt>{t("review.location")}</dt>
        <dd>
          {location.name}, {location.street}, {location.postalCode} {location.city}
          {loaded.locations.length > 1 && (
            <>
              <br />
              {change(selectionHref(STEP_PATH.location, selection), t("review.location"))}
            </>
          )}
        </dd>
        <dt>{t("review.when")}</dt>
        {stillFree ? (
          <dd>
            {formatDateTime(time, language, location.timeZone)}
            <br />
            {change(dayHref, t("review.when"))}
          </dd>
        ) : (
          // The taken time is no longer the appointment: said in words (a crossed-out date alone is not read out),
          // and the way on is the notice at the top with the nearest free times.
          <dd className="summary-list__taken">
            <span className="tag tag--warning">{t("review.takenWhenTag")}</span> <s>{formatDateTime(time, language, location.timeZone)}</s>
            <br />
            <a href="#time-taken">{t("review.takenWhenChoose")}</a>
          </dd>
        )}
        <dt>{t("review.duration")}</dt>
        <dd>{formatDuration(loaded.durationMinutes, language)}</dd>
        <dt>{t("review.fees")}</dt>
        <dd>{fee === null ? t("review.feesNone") : t("review.feesText", { amount: formatEuro(fee, language) })}</dd>
      </dl>

      <h2>{t("review.you")}</h2>
      <dl className="summary-list">
        <dt>{t("review.name")}</dt>
        <dd>{draft!.name}</dd>
        <dt>{t("review.email")}</dt>
        <dd>{draft!.email}</dd>
        <dt>{t("review.phone")}</dt>
        <dd>{draft!.phone ?? t("review.none")}</dd>
        <dt>{t("review.note")}</dt>
        <dd>{draft!.note ?? t("review.none")}</dd>
      </dl>
      <p>{change(selectionHref(STEP_PATH.details, selection), t("review.you"))}</p>

      {stillFree && proof && (
        <ConfirmForm
          // A new time is a new form.
          key={time.toISOString()}
          action={confirmBooking}
          hidden={{ ...Object.fromEntries(selectionParams(selection)), nonce, ausgestellt: proof.issued }}
          challenge={proof.challenge}
          language={language}
        />
      )}
    </>
  );
}

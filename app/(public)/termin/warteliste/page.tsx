import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SignUpForm } from "@/components/waiting-list/sign-up-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { bookingFormProof } from "@/lib/booking-flow/form-proof";
import { resolveSelection } from "@/lib/booking-flow/resolve";
import { parseSelection, selectionParams } from "@/lib/booking-flow/selection";
import { bookableDateRange } from "@/lib/domain/availability";
import { addDays } from "@/lib/domain/zoned-time";
import { formatLocalDate } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { clientAddress } from "@/lib/request-info";
import { rulesFrom } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { signUpAction } from "./actions";

/** The default range: the coming four weeks, within what can be booked at all. */
const DEFAULT_RANGE_DAYS = 27;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("waitingList.signUp");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function WaitingListSignUpPage({ searchParams }: Props) {
  const [params, t, language, context] = await Promise.all([searchParams, getTranslations("waitingList.signUp"), getLanguage(), appContext()]);
  if (params.gesendet === "1") {
    return (
      <div className="reading">
        <FocusHeading>{t("sentTitle")}</FocusHeading>
        <p>{t("sent")}</p>
      </div>
    );
  }
  const selection = parseSelection(params);
  const resolved = await resolveSelection(context.db, { ...selection, date: null, time: null });
  if (resolved.requested.length === 0 || resolved.problem || resolved.locations.length === 0) {
    return (
      <div className="reading">
        <FocusHeading>{t("title")}</FocusHeading>
        <p>{t("noConcerns")}</p>
        <p>
          <Link href="/termin">{t("chooseConcerns")}</Link>
        </p>
      </div>
    );
  }
  const first = resolved.location ?? resolved.locations[0]!;
  const bookable = bookableDateRange(context.now(), first.timeZone, rulesFrom(resolved.settings));
  const defaultTo = addDays(bookable.from, DEFAULT_RANGE_DAYS) < bookable.to ? addDays(bookable.from, DEFAULT_RANGE_DAYS) : bookable.to;
  const nonce = generateFormNonce();
  const proof = await bookingFormProof(context, { nonce, address: await clientAddress() });

  return (
    <div className="reading">
      <FocusHeading>{t("title")}</FocusHeading>
      <p className="lead">{t("intro", { hours: resolved.settings.offerHoldHours })}</p>
      <h2>{t("concerns")}</h2>
      <ul>
        {resolved.chosen.map((c) => (
          <li key={c.entry.id}>
            {c.quantity} × {pick(c.entry, "name", language)}
          </li>
        ))}
      </ul>
      <SignUpForm
        action={signUpAction}
        hidden={{ anliegen: selectionParams({ items: selection.items }).get("anliegen") ?? "", nonce, ausgestellt: proof.issued }}
        locations={resolved.locations.map((l) => ({ slug: l.slug, name: l.name, checked: resolved.location ? l.id === resolved.location.id : resolved.locations.length === 1 }))}
        defaults={{ from: bookable.from, to: defaultTo, min: bookable.from, max: bookable.to }}
        challenge={proof.challenge}
        language={language}
        maxDays={resolved.settings.horizonDays}
        dateExample={formatLocalDate(defaultTo, language, { day: "2-digit", month: "2-digit", year: "numeric" })}
      />
    </div>
  );
}

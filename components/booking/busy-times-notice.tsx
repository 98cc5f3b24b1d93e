import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Shown instead of free times when a page's turn for availability work did not come in time (inAvailabilityTurn in
 * lib/services/availability.ts): many people are looking right now. The link loads the same page again, which also
 * works without JavaScript.
 */
export async function BusyTimesNotice({ retryHref }: { retryHref: string }) {
  const t = await getTranslations("booking");
  return (
    <div className="notice notice--warning" role="status">
      <p>{t("busyTimes")}</p>
      <p>
        <Link href={retryHref}>{t("busyRetry")}</Link>
      </p>
    </div>
  );
}

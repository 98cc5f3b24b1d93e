import { getTranslations } from "next-intl/server";
import { FocusHeading } from "@/components/ui/focus-heading";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.offer");
  return { title: t("declinedTitle"), robots: { index: false, follow: false } };
}

export default async function OfferDeclinedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const [query, t] = await Promise.all([searchParams, getTranslations("waitingList.offer")]);
  return (
    <div className="reading">
      <FocusHeading>{t("declinedTitle")}</FocusHeading>
      <p>{query.verlassen === "1" ? t("declinedLeft") : t("declined")}</p>
    </div>
  );
}

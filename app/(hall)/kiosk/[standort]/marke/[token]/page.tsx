import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RefreshWithoutScript, ReturnWhenIdle } from "@/components/hall/live-refresh";
import { QrCode } from "@/components/hall/qr-code";
import { TicketCard } from "@/components/hall/ticket-card";
import { PrintButton } from "@/components/ui/print-button";
import { kioskLanguage, kioskLocation } from "@/lib/hall/page-data";
import { serviceDate } from "@/lib/services/queue/hall";
import { ticketStatus } from "@/lib/services/queue/views";

type Props = { params: Promise<{ standort: string; token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Seconds until the kiosk is ready for the next person, if this one just walks away. */
const BACK_TO_START_SECONDS = 90;

export async function generateMetadata({ searchParams }: Props) {
  const t = await getTranslations({ locale: kioskLanguage((await searchParams).sprache), namespace: "hall.ticket" });
  return { title: t("title"), robots: { index: false } };
}

/** The kiosk's answer: the number, the expected wait, a QR code to follow it on the phone, and a printed ticket. */
export default async function KioskTicketPage({ params, searchParams }: Props) {
  const [{ standort, token }, query] = await Promise.all([params, searchParams]);
  const language = kioskLanguage(query.sprache);
  const { context, location } = await kioskLocation(standort);
  const ticket = await ticketStatus(context, token);
  if (!ticket || ticket.location.id !== location.id) notFound();
  const t = await getTranslations({ locale: language, namespace: "hall.ticket" });
  const start = `/kiosk/${location.slug}`;
  const statusUrl = `${context.publicUrl}/wartemarke/${token}`;

  return (
    <div className="kiosk kiosk--ticket" lang={language}>
      {/* With or without JavaScript the kiosk returns to its start page for the next person. */}
      <ReturnWhenIdle seconds={BACK_TO_START_SECONDS} url={start} />
      <RefreshWithoutScript seconds={BACK_TO_START_SECONDS} url={start} />
      <h1 className="visually-hidden">{t("title")}</h1>
      {ticket.kind === "appointment" && <p className="kiosk__lead">{t("checkedIn")}</p>}
      <TicketCard ticket={ticket} language={language} today={serviceDate(location, context.now())} />
      <p className="ticket__watch">{t("watchScreen")}</p>
      <div className="ticket__phone">
        <p>{t("phoneHint")}</p>
        <QrCode text={statusUrl} label={t("qrLabel")} />
      </div>
      <div className="toolbar no-print">
        <PrintButton label={t("print")} />
        <Link className="button kiosk__button" href={start}>
          {t("done")}
        </Link>
      </div>
    </div>
  );
}

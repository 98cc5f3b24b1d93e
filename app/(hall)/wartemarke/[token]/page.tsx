import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRefresh, RefreshWithoutScript } from "@/components/hall/live-refresh";
import { TicketCard } from "@/components/hall/ticket-card";
import { getLanguage } from "@/lib/i18n/server";
import { appContext } from "@/lib/services/context";
import { serviceDate } from "@/lib/services/queue/hall";
import { ticketStatus } from "@/lib/services/queue/views";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props) {
  const ticket = await ticketStatus(await appContext(), (await params).token);
  const t = await getTranslations("hall.ticket");
  return { title: ticket ? `${ticket.label} – ${t("title")}` : t("title"), robots: { index: false } };
}

/**
 * A ticket's own page, opened from the QR code on the phone: where the citizen stands, live. It shows the number and
 * the counter only; the link's token is the only key, and the ticket holds no personal data.
 */
export default async function TicketStatusPage({ params }: Props) {
  const { token } = await params;
  const context = await appContext();
  const ticket = await ticketStatus(context, token);
  if (!ticket) notFound();
  const [language, t] = await Promise.all([getLanguage(), getTranslations("hall.ticket")]);
  const today = serviceDate(ticket.location, context.now());
  const isOpen = ticket.serviceDate === today && ticket.status !== "done" && ticket.status !== "absent";
  return (
    <div className="ticket-page">
      <h1>{t("title")}</h1>
      <TicketCard ticket={ticket} language={language} today={today} />
      {isOpen && (
        <>
          <LiveRefresh eventsUrl={`/aufruf/${ticket.location.slug}/ereignisse`} />
          <RefreshWithoutScript seconds={30} />
          <p className="no-print">
            <Link href={`/wartemarke/${token}`}>{t("refresh")}</Link>
          </p>
        </>
      )}
    </div>
  );
}

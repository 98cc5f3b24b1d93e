import { getTranslations } from "next-intl/server";
import type { Language } from "@/lib/domain/enums";
import { formatClock, formatLocalDate } from "@/lib/i18n/format";
import type { TicketStatus } from "@/lib/services/queue/views";

/** The ticket as the citizen sees it on the kiosk, on paper and on the phone: the number first, then where they stand. */
export async function TicketCard({ ticket, language, today }: { ticket: TicketStatus; language: Language; today: string }) {
  const t = await getTranslations({ locale: language, namespace: "hall.ticket" });
  const isToday = ticket.serviceDate === today;
  return (
    <div className="ticket">
      <p className="ticket__location">{t("location", { location: ticket.location.name, street: ticket.location.street })}</p>
      <p className="ticket__caption">{t("number")}</p>
      <p className="ticket__number">{ticket.label}</p>
      <p className="ticket__issued small">{t("issued", { date: formatLocalDate(ticket.serviceDate, language), time: formatClock(ticket.arrivedAt, language, ticket.location.timeZone) })}</p>
      {/* The status is announced when it changes (e.g. "please come to counter 3"); the number above stays put. */}
      <div aria-live="polite" aria-atomic="true" className="ticket__status">
        {!isToday ? (
          <p>{t("otherDay", { date: formatLocalDate(ticket.serviceDate, language) })}</p>
        ) : (
          <>
            <p className={ticket.status === "called" ? "ticket__call" : undefined}>
              <strong>{t(`status.${ticket.status}`, { counter: ticket.counter ?? 0 })}</strong>
            </p>
            {ticket.status === "waiting" && ticket.ahead !== null && (
              <p>
                {t("ahead", { count: ticket.ahead })} {ticket.waitMinutes ? t("wait", { minutes: ticket.waitMinutes }) : t("waitShort")}
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}

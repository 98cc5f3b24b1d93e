import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CounterConcernsForm, QueueSettingsForm } from "@/components/admin/queue/queue-settings-forms";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { loadQueueSettings } from "@/lib/services/admin/queue-settings";
import { revokeKiosksAction, saveCounterConcernsAction, saveQueueSettingsAction, setUpKioskAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("hall.settings");
  return { title: t("title") };
}

/** Per location: the walk-in contingent, the queue's rules, counters with set concerns, and the kiosk devices. */
export default async function QueueSettingsPage() {
  const access = await requireStaffPage("admin");
  const [t, language] = await Promise.all([getTranslations("hall.settings"), getLanguage()]);
  const settings = await loadQueueSettings(access, language);
  if (settings.length === 0) return <NoLocationYet title={t("title")} access={access} />;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="reading">{t("intro")}</p>
      {settings.map(({ location, concerns, counters }) => (
        <section key={location.id} aria-labelledby={`location-${location.id}`} className="card queue-settings">
          <h2 id={`location-${location.id}`}>{location.name}</h2>
          <QueueSettingsForm
            action={saveQueueSettingsAction}
            locationId={location.id}
            walkInTicketsPerDay={location.walkInTicketsPerDay}
            appointmentPriorityMinutes={location.appointmentPriorityMinutes}
          />

          <h3>{t("countersTitle")}</h3>
          <p>{t("countersIntro")}</p>
          {counters.map((rule) => (
            <CounterConcernsForm
              key={rule.counter}
              action={saveCounterConcernsAction}
              locationId={location.id}
              concerns={concerns}
              counter={rule.counter}
              concernIds={rule.concernIds}
            />
          ))}
          <details className="queue-settings__new-counter">
            <summary>{t("newCounterTitle")}</summary>
            <CounterConcernsForm action={saveCounterConcernsAction} locationId={location.id} concerns={concerns} />
          </details>

          <h3>{t("kioskTitle")}</h3>
          <p className="reading">{t("kioskIntro")}</p>
          {location.kioskInUse && <p>{t("kioskInUse")}</p>}
          <div className="toolbar">
            <ConfirmActionForm action={setUpKioskAction} hidden={{ locationId: String(location.id) }} label={t("setUpKiosk")} context={location.name} variant="secondary" />
            <ConfirmActionForm action={revokeKiosksAction} hidden={{ locationId: String(location.id) }} label={t("revokeKiosks")} context={location.name} variant="secondary" />
          </div>
          <ul>
            <li>
              <Link href={`/kiosk/${location.slug}`}>{t("openKiosk")}</Link>
            </li>
            <li>
              <Link href={`/aufruf/${location.slug}`}>{t("openDisplay")}</Link>
            </li>
          </ul>
        </section>
      ))}
    </>
  );
}

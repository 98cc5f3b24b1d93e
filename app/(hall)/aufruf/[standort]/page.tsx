import { getTranslations } from "next-intl/server";
import { CallDisplay } from "@/components/hall/call-display";
import { LiveRefresh, RefreshWithoutScript } from "@/components/hall/live-refresh";
import { hallLocation } from "@/lib/hall/page-data";
import { recentCalls } from "@/lib/services/queue/views";

type Props = { params: Promise<{ standort: string }> };

export async function generateMetadata({ params }: Props) {
  const { location } = await hallLocation((await params).standort);
  const t = await getTranslations({ locale: "de", namespace: "hall.display" });
  return { title: `${t("title")} – ${location.name}`, robots: { index: false } };
}

/**
 * The big screen in the waiting area: the latest calls with their counters, in German and English, live. Public by
 * design: it shows ticket numbers and counters only, never a name.
 */
export default async function CallDisplayPage({ params }: Props) {
  const { context, location } = await hallLocation((await params).standort);
  const [de, en] = await Promise.all([getTranslations({ locale: "de", namespace: "hall.display" }), getTranslations({ locale: "en", namespace: "hall.display" })]);
  const calls = await recentCalls(context, location);
  return (
    <div className="call-display" lang="de">
      <h1>{de("heading", { location: location.name })}</h1>
      <CallDisplay
        rows={calls.map(({ id, label, counter, callCount, current }) => ({ id, label, counter, callCount, current }))}
        texts={{
          number: `${de("number")} / ${en("numberEn")}`,
          counter: `${de("counter")} / ${en("counterEn")}`,
          none: de("none"),
          soundOn: de("soundOn"),
          soundOff: de("soundOff"),
          latest: de("latest"),
          announcement: de.raw("announcement") as string,
        }}
      />
      <LiveRefresh eventsUrl={`/aufruf/${location.slug}/ereignisse`} />
      <RefreshWithoutScript seconds={10} />
    </div>
  );
}

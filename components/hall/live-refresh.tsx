"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Keeps a server-rendered page current: the server sends "change" over server-sent events whenever the location's
 * queue or bookings change (in any process), and the page re-renders in place. Without JavaScript the page refreshes
 * itself instead (a `<noscript>` meta refresh beside this component).
 */
export function LiveRefresh({ eventsUrl }: { eventsUrl: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(eventsUrl);
    const onChange = () => router.refresh();
    source.addEventListener("change", onChange);
    return () => {
      source.removeEventListener("change", onChange);
      source.close();
    };
  }, [eventsUrl, router]);
  return null;
}

/** For pages without JavaScript: reload every `seconds`. A meta refresh inside `<noscript>` is ignored when scripts run. */
export function RefreshWithoutScript({ seconds, url }: { seconds: number; url?: string }) {
  return (
    <noscript>
      <meta httpEquiv="refresh" content={url ? `${seconds};url=${url}` : String(seconds)} />
    </noscript>
  );
}

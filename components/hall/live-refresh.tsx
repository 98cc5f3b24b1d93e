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

/**
 * The kiosk's way back to its start page for the next person: after `seconds` without a touch or a key press. Any
 * interaction starts the wait again, so nobody is cut off while reading (WCAG 2.2.1). Without JavaScript a meta
 * refresh beside it does the same, without the reset.
 */
export function ReturnWhenIdle({ seconds, url }: { seconds: number; url: string }) {
  const router = useRouter();
  useEffect(() => {
    let timer = setTimeout(() => router.push(url), seconds * 1000);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.push(url), seconds * 1000);
    };
    const events = ["pointerdown", "keydown", "scroll"] as const;
    events.forEach((name) => window.addEventListener(name, restart, { passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((name) => window.removeEventListener(name, restart));
    };
  }, [router, seconds, url]);
  return null;
}

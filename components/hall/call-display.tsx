"use client";

import { useEffect, useRef, useState } from "react";

export type DisplayRow = { id: number; label: string; counter: number; callCount: number; current: boolean };

/**
 * The waiting-area screen: the latest calls, newest first. A new call (or a recall) is announced through a live
 * region for screen readers and, if someone at the screen turned it on, with a short chime. Numbers and counters only.
 */
export function CallDisplay({
  rows,
  texts,
}: {
  rows: DisplayRow[];
  texts: { number: string; counter: string; none: string; soundOn: string; soundOff: string; latest: string; /** With {label} and {counter} in it. */ announcement: string };
}) {
  const [sound, setSound] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the sound button needs JavaScript: shown once hydrated
  useEffect(() => setHydrated(true), []);
  const [announcement, setAnnouncement] = useState("");
  const audio = useRef<AudioContext | null>(null);
  const newest = rows[0];
  const newestKey = newest ? `${newest.id}:${newest.callCount}` : "";
  const seen = useRef(newestKey);

  useEffect(() => {
    if (!newest || newestKey === seen.current) return;
    seen.current = newestKey;
    setAnnouncement(texts.announcement.replace("{label}", newest.label).replace("{counter}", String(newest.counter)));
    if (sound && audio.current) chime(audio.current);
  }, [newest, newestKey, sound, texts]);

  const toggleSound = () => {
    // Browsers allow audio only after a gesture: the context is made on the click that turns sound on.
    audio.current ??= new AudioContext();
    void audio.current.resume();
    setSound((on) => !on);
  };

  return (
    <>
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
      {rows.length === 0 ? (
        <p className="call-display__none">{texts.none}</p>
      ) : (
        <table className="call-display__table">
          <thead>
            <tr>
              <th scope="col">{texts.number}</th>
              <th scope="col">{texts.counter}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.id} className={index === 0 ? "call-display__latest" : undefined}>
                <td>
                  {index === 0 && <span className="visually-hidden">{texts.latest}: </span>}
                  {row.label}
                </td>
                <td>{row.counter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hydrated && (
        <button type="button" className="button button--secondary call-display__sound" onClick={toggleSound}>
          {sound ? texts.soundOff : texts.soundOn}
        </button>
      )}
    </>
  );
}

/** Two soft tones, like a gong: audible across the hall without startling anyone. */
function chime(context: AudioContext) {
  const start = context.currentTime;
  [660, 880].forEach((frequency, i) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.35 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.35 + 0.8);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + i * 0.35);
    oscillator.stop(start + i * 0.35 + 0.85);
  });
}

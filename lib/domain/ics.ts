/**
 * Calendar file (iCalendar, RFC 5545) for one appointment. Times are written as wall-clock time with the location's
 * TZID and a VTIMEZONE that carries the daylight-saving rules, so calendar apps show 09:30 on both sides of a switch.
 */
import { instantToZoned, type LocalDate } from "./zoned-time";

export type CalendarEvent = {
  uid: string;
  /** Increases with every change, so calendars replace the older version. */
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  timeZone: string;
  summary: string;
  description: string;
  location: string;
  url?: string;
  status: "CONFIRMED" | "CANCELLED";
  /**
   * A display alarm the day before. The confirmation and change files carry it (a location may send no reminder
   * e-mail); the reminder e-mail's file does not: the mail is the reminder, and a second alert would only nag.
   */
  alarm: boolean;
};

/** VTIMEZONE definitions for the zones we serve; others fall back to UTC times, which are always correct. */
const TIME_ZONE_DEFINITIONS: Record<string, string[]> = {
  "Europe/Berlin": [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ],
};

export function buildCalendarFile(event: CalendarEvent): string {
  const zoneDefinition = TIME_ZONE_DEFINITIONS[event.timeZone];
  const time = (instant: Date, name: "DTSTART" | "DTEND") =>
    zoneDefinition ? `${name};TZID=${event.timeZone}:${localStamp(instant, event.timeZone)}` : `${name}:${utcStamp(instant)}`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Terminvergabe//Buergerbuero//DE",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.status === "CANCELLED" ? "CANCEL" : "PUBLISH"}`,
    ...(zoneDefinition ?? []),
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    time(event.start, "DTSTART"),
    time(event.end, "DTEND"),
    `SUMMARY:${escapeText(event.summary)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.status}`,
    "TRANSP:OPAQUE",
    ...(event.status === "CONFIRMED" && event.alarm
      ? ["BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(event.summary)}`, "TRIGGER:-P1D", "END:VALARM"]
      : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function utcStamp(instant: Date): string {
  return (
    `${instant.getUTCFullYear()}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

function localStamp(instant: Date, timeZone: string): string {
  const zoned = instantToZoned(instant, timeZone);
  const date: LocalDate = zoned.date;
  return `${date.replace(/-/g, "")}T${pad(Math.floor(zoned.minutesOfDay / 60))}${pad(zoned.minutesOfDay % 60)}00`;
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** UTF-8 length of one code point, without encoding it. */
function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Lines longer than 75 octets are folded (CRLF + space) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  // Most lines are short ASCII: a string of at most 75 UTF-16 units that is all ASCII is at most 75 octets.
  if (line.length <= 75 && /^[\x00-\x7f]*$/.test(line)) return line;
  const parts: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const char of line) {
    const bytes = utf8Octets(char.codePointAt(0)!);
    // The first line may hold 75 octets; continuation lines start with a space, so 74 more.
    const limit = parts.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = "";
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

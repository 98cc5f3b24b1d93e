/**
 * E-mails to citizens: a plain-text and an HTML part with the same content. The documents checklist is part of every
 * confirmation, so nobody has to go home again for a forgotten paper.
 */
import type { EmailKind, Language } from "@/lib/domain/enums";
import { formatDateTime, formatDuration, formatEuro, formatLongDate } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/translator";
import { qrCodeTable } from "./qr-table";

export type BookingEmailData = {
  kind: EmailKind;
  language: Language;
  officeName: string;
  officePhone: string;
  citizenName: string;
  referenceCode: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  location: { name: string; street: string; postalCode: string; city: string; directions: string | null };
  items: { name: string; quantity: number }[];
  /** What to bring always, and what only if … (each with its conditions): two lists, never one. */
  checklist: {
    required: { name: string; hint: string | null; quantity: number }[];
    conditional: { name: string; hint: string | null; quantity: number; conditions: string[] }[];
  };
  totalFeeCents: number | null;
  /** Link to view, move or cancel; absent once the booking is cancelled. */
  manageUrl: string | null;
  /** The reminder's "I cannot come": a page that asks before it cancels (mail scanners follow links). */
  cancelUrl?: string;
  /** Double opt-in: the page that confirms a held online booking, and until when it can (lib/services/booking-confirmation.ts). */
  confirmUrl?: string;
  confirmBy?: Date;
  /** The manage link had to be replaced for this mail (lib/services/manage-link.ts): older links stopped working. */
  linkReplaced?: boolean;
  cancellationCutoffMinutes: number;
  previousStartsAt?: Date;
  /** Shown when the office cancelled (closure). */
  officeReason?: string;
  rebookUrl?: string;
  /** The location checks people in at a kiosk: the mail says how, with the booking number as a QR code. */
  kioskCheckIn?: boolean;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderBookingEmail(data: BookingEmailData): RenderedEmail {
  const t = translatorFor(data.language, "email");
  const when = formatDateTime(data.startsAt, data.language, data.timeZone);
  const shortDate = formatLongDate(data.startsAt, data.language, data.timeZone);
  const isCancellation = data.kind === "booking_cancelled" || data.kind === "closure_apology";
  // A time still waiting for its confirmation gets its calendar file with the confirmation (lib/services/booking-details.ts).
  const hasCalendarFile = data.kind !== "booking_confirm_request";

  const subject =
    data.kind === "booking_confirmation"
      ? t("confirmationSubject", { date: shortDate, office: data.officeName })
      : data.kind === "booking_rescheduled"
        ? t("rescheduledSubject", { date: shortDate, office: data.officeName })
        : data.kind === "booking_reminder"
          ? t("reminderSubject", { date: shortDate, office: data.officeName })
          : data.kind === "manage_link"
            ? t("manageLinkSubject", { date: shortDate, office: data.officeName })
            : data.kind === "booking_confirm_request"
              ? t("confirmRequestSubject", { date: shortDate, office: data.officeName })
              : t("cancelledSubject", { date: shortDate, office: data.officeName });

  const replacedNote = data.linkReplaced ? [t("linkReplaced")] : [];
  const intro: string[] =
    data.kind === "booking_confirmation"
      ? [t("confirmationIntro")]
      : data.kind === "booking_reminder"
        ? [t("reminderIntro"), ...replacedNote]
        : data.kind === "manage_link"
          ? [t("manageLinkIntro"), ...replacedNote]
          : data.kind === "booking_confirm_request"
            ? [t("confirmRequestIntro", { deadline: formatDateTime(data.confirmBy ?? data.startsAt, data.language, data.timeZone) })]
          : data.kind === "booking_rescheduled"
        ? [
            // Without the earlier time (a change mail that staff send again) the intro does not name it.
            data.previousStartsAt
              ? t("rescheduledIntro", { previous: formatDateTime(data.previousStartsAt, data.language, data.timeZone) })
              : t("rescheduledIntroWithoutPrevious"),
          ]
        : [t("cancelledIntro", { date: when }), ...(data.officeReason ? [t("cancelledByOffice", { reason: data.officeReason })] : [])];

  const address = `${data.location.name}, ${data.location.street}, ${data.location.postalCode} ${data.location.city}`;
  const itemLines = data.items.map((item) => t("quantityItem", { quantity: item.quantity, name: item.name }));
  const checklistLines = data.checklist.required.map((entry) => `${entry.quantity} × ${entry.name}${entry.hint ? ` – ${entry.hint}` : ""}`);
  const conditionalLines = data.checklist.conditional.map(
    (entry) => `${entry.quantity} × ${entry.name} (${entry.conditions.join("; ")})${entry.hint ? ` – ${entry.hint}` : ""}`,
  );
  const hasChecklist = checklistLines.length + conditionalLines.length > 0;
  const cutoff = formatDuration(data.cancellationCutoffMinutes, data.language);
  const durationMinutes = Math.round((data.endsAt.getTime() - data.startsAt.getTime()) / 60_000);

  const facts: [string, string][] = [
    [t("when"), when],
    [t("where"), address],
    [t("duration"), formatDuration(durationMinutes, data.language)],
    [t("concerns"), itemLines.join(", ")],
    [t("reference"), data.referenceCode],
    ...(data.totalFeeCents !== null && !isCancellation
      ? [[t("fees"), t("feesText", { amount: formatEuro(data.totalFeeCents, data.language) })] as [string, string]]
      : []),
  ];

  // ---- plain text ----
  const text: string[] = [t("greeting", { name: data.citizenName }), "", ...intro, ""];
  for (const [label, value] of facts) text.push(`${label}: ${value}`);
  if (data.confirmUrl) text.push("", `${t("confirmRequestTitle")}:`, data.confirmUrl);
  if (!isCancellation) {
    if (checklistLines.length > 0 || !hasChecklist) text.push("", `${t("checklistTitle")}:`);
    text.push(...(hasChecklist ? checklistLines.map((line) => `[ ] ${line}`) : [t("checklistEmpty")]));
    if (conditionalLines.length > 0) text.push("", `${t("checklistConditionalTitle")}:`, ...conditionalLines.map((line) => `[ ] ${line}`));
    if (data.kioskCheckIn) text.push("", `${t("checkInTitle")}:`, t("checkInText"), `${t("reference")}: ${data.referenceCode}`);
    if (data.location.directions) text.push("", `${t("directions")}: ${data.location.directions}`);
    if (data.manageUrl) text.push("", `${t("manageTitle")}:`, t("manageText", { cutoff }), data.manageUrl);
    if (data.cancelUrl) text.push("", `${t("cannotComeTitle")}:`, t("cannotComeText", { cutoff }), data.cancelUrl);
    if (hasCalendarFile) text.push("", t("calendarHint"));
  }
  if (data.rebookUrl) text.push("", t("rebookHint", { url: data.rebookUrl }));
  text.push("", t("questions", { phone: data.officePhone }), "", `${data.officeName}`, "", t("automatic"));

  // ---- HTML ----
  const button = (href: string, label: string) =>
    `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:#00507f;color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px">${escapeHtml(label)}</a></p>`;
  const html = [
    `<!doctype html><html lang="${data.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#ffffff;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">`,
    `<div style="max-width:640px;margin:0 auto;padding:24px">`,
    `<p style="font-weight:bold;color:#00507f;margin:0 0 16px">${escapeHtml(data.officeName)}</p>`,
    `<p>${escapeHtml(t("greeting", { name: data.citizenName }))}</p>`,
    ...intro.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<table role="presentation" style="border-collapse:collapse;margin:16px 0">`,
    ...facts.map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
    ),
    `</table>`,
    ...(data.confirmUrl ? [button(data.confirmUrl, t("confirmRequestButton"))] : []),
    ...(isCancellation
      ? []
      : [
          `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(t("checklistTitle"))}</h2>`,
          !hasChecklist
            ? `<p>${escapeHtml(t("checklistEmpty"))}</p>`
            : checklistLines.length > 0
              ? `<ul style="padding-left:20px">${data.checklist.required
                  .map(
                    (entry) =>
                      `<li style="margin-bottom:8px"><strong>${entry.quantity} × ${escapeHtml(entry.name)}</strong>${entry.hint ? `<br><span style="color:#4b4f54">${escapeHtml(entry.hint)}</span>` : ""}</li>`,
                  )
                  .join("")}</ul>`
              : "",
          ...(conditionalLines.length > 0
            ? [
                `<h3 style="font-size:18px;margin:16px 0 8px">${escapeHtml(t("checklistConditionalTitle"))}</h3>`,
                `<ul style="padding-left:20px">${data.checklist.conditional
                  .map(
                    (entry) =>
                      `<li style="margin-bottom:8px"><strong>${entry.quantity} × ${escapeHtml(entry.name)}</strong><br>${escapeHtml(entry.conditions.join("; "))}${entry.hint ? `<br><span style="color:#4b4f54">${escapeHtml(entry.hint)}</span>` : ""}</li>`,
                  )
                  .join("")}</ul>`,
              ]
            : []),
          ...(data.kioskCheckIn
            ? [
                `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(t("checkInTitle"))}</h2>`,
                `<p>${escapeHtml(t("checkInText"))}</p>`,
                qrCodeTable(data.referenceCode, t("checkInQr", { code: data.referenceCode })),
              ]
            : []),
          ...(data.location.directions
            ? [`<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(t("directions"))}</h2>`, `<p>${escapeHtml(data.location.directions)}</p>`]
            : []),
          ...(data.manageUrl
            ? [
                `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(t("manageTitle"))}</h2>`,
                `<p>${escapeHtml(t("manageText", { cutoff }))}</p>`,
                button(data.manageUrl, t("manageButton")),
              ]
            : []),
          ...(data.cancelUrl
            ? [
                `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(t("cannotComeTitle"))}</h2>`,
                `<p>${escapeHtml(t("cannotComeText", { cutoff }))}</p>`,
                button(data.cancelUrl, t("cannotComeButton")),
              ]
            : []),
          ...(hasCalendarFile ? [`<p>${escapeHtml(t("calendarHint"))}</p>`] : []),
        ]),
    ...(data.rebookUrl ? [button(data.rebookUrl, t("rebookButton"))] : []),
    `<p>${escapeHtml(t("questions", { phone: data.officePhone }))}</p>`,
    `<p style="color:#4b4f54;font-size:14px;border-top:1px solid #c8cdd1;padding-top:12px">${escapeHtml(data.officeName)}<br>${escapeHtml(t("automatic"))}</p>`,
    `</div></body></html>`,
  ].join("\n");

  return { subject, text: text.join("\n"), html };
}

/** Text for the calendar entry's description, in the booking's language. */
export function calendarTexts(data: BookingEmailData): { summary: string; description: string; location: string } {
  const t = translatorFor(data.language, "email");
  return {
    summary: t("calendarSummary", { concerns: data.items.map((i) => i.name).join(", "), office: data.officeName }),
    description: t("calendarDescription", {
      reference: data.referenceCode,
      checklist: [
        ...data.checklist.required.map((entry) => `- ${entry.quantity} × ${entry.name}`),
        ...data.checklist.conditional.map((entry) => `- ${entry.quantity} × ${entry.name} (${entry.conditions.join("; ")})`),
      ].join("\n"),
      url: data.manageUrl ?? "",
    }),
    location: `${data.location.name}, ${data.location.street}, ${data.location.postalCode} ${data.location.city}`,
  };
}

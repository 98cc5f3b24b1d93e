/**
 * E-mails of the waiting list: the double opt-in for a new entry and the offer of a freed time. Plain text and HTML
 * with the same content, like the booking mails (templates.ts). Every link opens a page with a button: mail scanners
 * follow links, so no link changes anything by itself.
 */
import { createTranslator } from "use-intl/core";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime, formatLongDate } from "@/lib/i18n/format";
import de from "@/lib/i18n/messages/waiting-list.de.json";
import en from "@/lib/i18n/messages/waiting-list.en.json";
import type { RenderedEmail } from "./templates";

const CATALOGUES = { de, en } as const;
const translators = new Map<Language, ReturnType<typeof makeTranslator>>();
function makeTranslator(language: Language) {
  return createTranslator({ locale: language, messages: CATALOGUES[language] as typeof de, namespace: "waitingListEmail" });
}
function translator(language: Language) {
  let t = translators.get(language);
  if (!t) translators.set(language, (t = makeTranslator(language)));
  return t;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

type Common = { language: Language; officeName: string; officePhone: string; citizenName: string; timeZone: string };

export type WaitingListConfirmEmailData = Common & {
  concerns: { name: string; quantity: number }[];
  locations: string[];
  /** Already formatted in the reader's language. */
  fromDate: string;
  toDate: string;
  confirmDeadline: Date;
  confirmUrl: string;
  leaveUrl: string;
};

export type WaitingListOfferEmailData = Common & {
  concerns: { name: string; quantity: number }[];
  startsAt: Date;
  location: { name: string; street: string; postalCode: string; city: string };
  heldUntil: Date;
  acceptUrl: string;
  declineUrl: string;
};

function layout(language: Language, subject: string, officeName: string, body: string[]): string {
  return [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#ffffff;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">`,
    `<div style="max-width:640px;margin:0 auto;padding:24px">`,
    `<p style="font-weight:bold;color:#00507f;margin:0 0 16px">${escapeHtml(officeName)}</p>`,
    ...body,
    `</div></body></html>`,
  ].join("\n");
}

const button = (href: string, label: string) =>
  `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:#00507f;color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px">${escapeHtml(label)}</a></p>`;
const factTable = (facts: [string, string][]) =>
  [
    `<table role="presentation" style="border-collapse:collapse;margin:16px 0">`,
    ...facts.map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
    ),
    `</table>`,
  ].join("\n");

export function renderWaitingListConfirmEmail(data: WaitingListConfirmEmailData): RenderedEmail {
  const t = translator(data.language);
  const subject = t("confirmSubject", { office: data.officeName });
  const deadline = formatDateTime(data.confirmDeadline, data.language, data.timeZone);
  const facts: [string, string][] = [
    [t("concerns"), data.concerns.map((c) => t("quantityItem", { quantity: c.quantity, name: c.name })).join(", ")],
    [t("locations"), data.locations.join(", ")],
    [t("range"), t("rangeValue", { from: data.fromDate, to: data.toDate })],
  ];
  const text = [
    t("greeting", { name: data.citizenName }),
    "",
    t("confirmIntro"),
    "",
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    `${t("confirmButton")}:`,
    data.confirmUrl,
    t("confirmDeadline", { deadline }),
    "",
    `${t("leaveTitle")} ${t("leaveText")}`,
    data.leaveUrl,
    "",
    t("questions", { phone: data.officePhone }),
    "",
    data.officeName,
    "",
    t("automatic"),
  ].join("\n");
  const html = layout(data.language, subject, data.officeName, [
    `<p>${escapeHtml(t("greeting", { name: data.citizenName }))}</p>`,
    `<p>${escapeHtml(t("confirmIntro"))}</p>`,
    factTable(facts),
    button(data.confirmUrl, t("confirmButton")),
    `<p>${escapeHtml(t("confirmDeadline", { deadline }))}</p>`,
    `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(t("leaveTitle"))}</h2>`,
    `<p>${escapeHtml(t("leaveText"))} <a href="${escapeHtml(data.leaveUrl)}">${escapeHtml(t("leaveButton"))}</a></p>`,
    `<p>${escapeHtml(t("questions", { phone: data.officePhone }))}</p>`,
    `<p style="color:#4b4f54;font-size:14px;border-top:1px solid #c8cdd1;padding-top:12px">${escapeHtml(data.officeName)}<br>${escapeHtml(t("automatic"))}</p>`,
  ]);
  return { subject, text, html };
}

export function renderWaitingListOfferEmail(data: WaitingListOfferEmailData): RenderedEmail {
  const t = translator(data.language);
  const subject = t("offerSubject", { date: formatLongDate(data.startsAt, data.language, data.timeZone), office: data.officeName });
  const deadline = formatDateTime(data.heldUntil, data.language, data.timeZone);
  const address = `${data.location.name}, ${data.location.street}, ${data.location.postalCode} ${data.location.city}`;
  const facts: [string, string][] = [
    [t("offerWhen"), formatDateTime(data.startsAt, data.language, data.timeZone)],
    [t("offerWhere"), address],
    [t("concerns"), data.concerns.map((c) => t("quantityItem", { quantity: c.quantity, name: c.name })).join(", ")],
  ];
  const text = [
    t("greeting", { name: data.citizenName }),
    "",
    t("offerIntro", { deadline }),
    "",
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    `${t("offerAcceptButton")}:`,
    data.acceptUrl,
    "",
    t("offerDeclineText"),
    data.declineUrl,
    "",
    t("offerAfterDeadline", { deadline }),
    "",
    t("questions", { phone: data.officePhone }),
    "",
    data.officeName,
    "",
    t("automatic"),
  ].join("\n");
  const html = layout(data.language, subject, data.officeName, [
    `<p>${escapeHtml(t("greeting", { name: data.citizenName }))}</p>`,
    `<p>${escapeHtml(t("offerIntro", { deadline }))}</p>`,
    factTable(facts),
    button(data.acceptUrl, t("offerAcceptButton")),
    `<p>${escapeHtml(t("offerDeclineText"))} <a href="${escapeHtml(data.declineUrl)}">${escapeHtml(t("offerDeclineButton"))}</a></p>`,
    `<p>${escapeHtml(t("offerAfterDeadline", { deadline }))}</p>`,
    `<p>${escapeHtml(t("questions", { phone: data.officePhone }))}</p>`,
    `<p style="color:#4b4f54;font-size:14px;border-top:1px solid #c8cdd1;padding-top:12px">${escapeHtml(data.officeName)}<br>${escapeHtml(t("automatic"))}</p>`,
  ]);
  return { subject, text, html };
}

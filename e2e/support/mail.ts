import { expect } from "@playwright/test";
import { E2E } from "./settings";

export type RecordedMail = {
  id: string;
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: string; contentType?: string }[];
};

/** Waits until the local Resend stand-in has received mails for `recipient` matching `filter`, and returns them. */
export async function waitForMail(recipient: string, filter: (mail: RecordedMail) => boolean = () => true): Promise<RecordedMail> {
  let found: RecordedMail | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${E2E.mailUrl}/__messages`);
        const all = (await response.json()) as RecordedMail[];
        found = all.find((m) => [m.to].flat().includes(recipient) && filter(m));
        return found !== undefined;
      },
      { timeout: 20_000, message: `mail to ${recipient}` },
    )
    .toBe(true);
  return found!;
}

export function icsOf(mail: RecordedMail): string {
  const attachment = mail.attachments?.find((a) => a.filename.endsWith(".ics"));
  expect(attachment, "calendar attachment").toBeDefined();
  return Buffer.from(attachment!.content, "base64").toString("utf8");
}

/** Unfolds an iCalendar file into its logical lines. */
export function icsLines(ics: string): string[] {
  return ics.replace(/\r\n /g, "").split("\r\n");
}

import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listRecentOutbox } from "@/db/queries/outbox";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";

export const metadata = { robots: { index: false, follow: false } };

/** Demo only: the e-mails the app would have sent. In production mode this page does not exist. */
export default async function DevOutboxPage() {
  if (!getEnv().isDemo) notFound();
  const [t, language] = await Promise.all([getTranslations("devOutbox"), getLanguage()]);
  const messages = await listRecentOutbox(getDb());
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead reading">{t("intro")}</p>
      {messages.length === 0 && <p>{t("empty")}</p>}
      {messages.map((message) => (
        <article key={message.id} className="card" style={{ marginBottom: "1rem" }} aria-labelledby={`mail-${message.id}`}>
          <h2 id={`mail-${message.id}`}>{message.subject}</h2>
          <dl className="summary-list">
            <dt>{t("to")}</dt>
            <dd>{message.recipient}</dd>
            <dt>{t("created")}</dt>
            <dd>{formatDateTime(message.createdAt, language, DEFAULT_TIME_ZONE)}</dd>
            <dt>{t("status")}</dt>
            <dd>{t(`statusValue.${message.status}`)}</dd>
          </dl>
          <details>
            <summary>{t("showText")}</summary>
            <pre style={{ whiteSpace: "pre-wrap" }}>{message.text}</pre>
          </details>
          <p>
            <a href={`/dev/postausgang/${message.id}`}>{t("showHtml")}</a>
            {message.attachments.map((attachment) => (
              <span key={attachment.filename}>
                {" · "}
                <a href={`/dev/postausgang/${message.id}/anhang`} download={attachment.filename}>
                  {t("attachment", { name: attachment.filename })}
                </a>
              </span>
            ))}
          </p>
        </article>
      ))}
    </>
  );
}

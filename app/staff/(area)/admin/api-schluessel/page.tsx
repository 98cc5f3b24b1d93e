import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { IssueApiKeyPanel } from "@/components/admin/api-keys/issue-api-key-form";
import { formatStamp } from "@/components/admin/people/format";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { findApiKey, listApiKeys } from "@/lib/services/admin/api-keys";
import { apiKeyIdSchema } from "@/lib/validation/api-keys";
import { issueApiKeyAction } from "./actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminApiKeys");
  return { title: t("title") };
}

export default async function ApiKeysPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, language, query] = await Promise.all([getTranslations("adminApiKeys"), getLanguage(), searchParams]);
  const keys = await listApiKeys(access);
  // `?widerrufen=<id>` after a revocation (post/redirect/get): confirmed only if that key really is revoked.
  const revokedId = apiKeyIdSchema.safeParse(query.widerrufen);
  const justRevoked = revokedId.success ? await findApiKey(access, revokedId.data) : null;
  const stamp = (instant: Date) => <time dateTime={instant.toISOString()}>{formatStamp(instant, language)}</time>;

  return (
    <>
      <h1>{t("title")}</h1>
      {justRevoked?.revokedAt && (
        <div className="notice notice--success reading" role="status">
          <p>{t("done.revoked", { label: justRevoked.label })}</p>
        </div>
      )}
      <p className="reading">{t("intro")}</p>

      <IssueApiKeyPanel action={issueApiKeyAction} />

      <h2 id="api-keys-list-title">{t("caption", { count: keys.length })}</h2>
      {keys.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="api-keys-list-title">
            <thead>
              <tr>
                <th scope="col">{t("label")}</th>
                <th scope="col">{t("prefix")}</th>
                <th scope="col">{t("created")}</th>
                <th scope="col">{t("createdBy")}</th>
                <th scope="col">{t("lastUsed")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row" style={{ overflowWrap: "anywhere" }}>
                    {key.label}
                  </th>
                  <td>
                    {/* Only the start is stored; the ellipsis says the rest exists but is not shown. */}
                    <code translate="no">{`tv_${key.keyPrefix}…`}</code>
                  </td>
                  <td>{stamp(key.createdAt)}</td>
                  <td>{key.createdByName ?? t("deletedAccount")}</td>
                  <td>{key.lastUsedAt ? stamp(key.lastUsedAt) : t("never")}</td>
                  <td>
                    {key.revokedAt ? (
                      <>
                        <span className="tag tag--error">{t("revoked")}</span> <span className="small">{t("revokedAt", { date: formatStamp(key.revokedAt, language) })}</span>
                      </>
                    ) : (
                      <span className="tag tag--success">{t("active")}</span>
                    )}
                  </td>
                  <td>
                    {!key.revokedAt && (
                      <Link href={`/staff/admin/api-schluessel/${key.id}/widerrufen`}>
                        {t("revoke")}
                        <span className="visually-hidden"> – {key.label}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

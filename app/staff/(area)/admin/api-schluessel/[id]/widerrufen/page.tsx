import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatStamp } from "@/components/admin/people/format";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { findApiKey } from "@/lib/services/admin/api-keys";
import { apiKeyIdSchema } from "@/lib/validation/api-keys";
import { revokeApiKeyAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

const API_KEYS_PATH = "/staff/admin/api-schluessel";

export async function generateMetadata({ params }: Props) {
  const [{ id }, t, access] = await Promise.all([params, getTranslations("adminApiKeys"), staffAccessWithRole("admin")]);
  // Metadata may render even when the page itself answers 403: only admins get the key's label in the title.
  const parsed = apiKeyIdSchema.safeParse(id);
  const key = access && parsed.success ? await findApiKey(access, parsed.data) : null;
  return { title: key ? t("revokeConfirm.title", { label: key.label }) : t("title") };
}

/**
 * The confirmation step before a revocation, a page of its own so it works without JavaScript: the list links here,
 * and only the button on this page revokes.
 */
export default async function RevokeApiKeyPage({ params }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const [t, language] = await Promise.all([getTranslations("adminApiKeys"), getLanguage()]);
  const parsed = apiKeyIdSchema.safeParse(id);
  const key = parsed.success ? await findApiKey(access, parsed.data) : null;
  if (!key) notFound();

  return (
    <div className="reading">
      <p>
        <Link className="back-link" href={API_KEYS_PATH}>
          {t("revokeConfirm.back")}
        </Link>
      </p>
      <FocusHeading>{t("revokeConfirm.title", { label: key.label })}</FocusHeading>
      <h2 className="visually-hidden">{t("revokeConfirm.summary")}</h2>
      <dl className="summary-list">
        <dt>{t("label")}</dt>
        <dd style={{ overflowWrap: "anywhere" }}>{key.label}</dd>
        <dt>{t("prefix")}</dt>
        <dd>
          <code translate="no">{`tv_${key.keyPrefix}…`}</code>
        </dd>
        <dt>{t("created")}</dt>
        <dd>
          <time dateTime={key.createdAt.toISOString()}>{formatStamp(key.createdAt, language)}</time>
        </dd>
        <dt>{t("lastUsed")}</dt>
        <dd>{key.lastUsedAt ? <time dateTime={key.lastUsedAt.toISOString()}>{formatStamp(key.lastUsedAt, language)}</time> : t("never")}</dd>
      </dl>
      {key.revokedAt ? (
        <p>{t("revokeConfirm.alreadyRevoked")}</p>
      ) : (
        <>
          <p>{t("revokeConfirm.text")}</p>
          <div className="button-group">
            <ConfirmActionForm action={revokeApiKeyAction} hidden={{ id: String(key.id) }} label={t("revokeConfirm.confirm")} context={key.label} danger />
            <Link className="button button--secondary" href={API_KEYS_PATH}>
              {t("revokeConfirm.cancel")}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}

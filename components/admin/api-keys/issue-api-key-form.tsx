"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { FormErrorSummary, KitForm, TextField, useKitForm, useResettingAction, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, type ActionState } from "@/lib/actions/action-state";
import { API_KEY_LABEL_MAX, apiKeyIssueSchema } from "@/lib/validation/api-keys";

/** What the issue action hands back once: the key itself lives only in this state, never in a URL or the database. */
export type IssuedApiKey = { key: string; label: string };

function issuedFrom(state: ActionState): IssuedApiKey | null {
  if (state.status !== "success") return null;
  const { key, label } = state.data ?? {};
  return typeof key === "string" && typeof label === "string" ? { key, label } : null;
}

/**
 * Issuing a key, and the key just issued. The action answers with the key in its result state: without JavaScript
 * the server renders this page again with that state, with JavaScript React keeps it while the page stays open. It
 * is gone after leaving or reloading the page, which is the point: the key is shown once.
 */
export function IssueApiKeyPanel({ action }: { action: FormAction }) {
  const { state, formAction, pending, generation } = useResettingAction(action, (result) => issuedFrom(result) !== null);
  const issued = issuedFrom(state);
  const t = useTranslations("adminApiKeys.issue");
  return (
    <>
      {issued && <IssuedKeyNotice issued={issued} />}
      <section className="reading" aria-labelledby="issue-key-title">
        <h2 id="issue-key-title">{t("title")}</h2>
        <IssueForm key={generation} state={state} formAction={formAction} pending={pending} />
      </section>
    </>
  );
}

function IssuedKeyNotice({ issued }: { issued: IssuedApiKey }) {
  const t = useTranslations("adminApiKeys.issued");
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Screen-reader and keyboard users land on the key, not on the emptied form below it.
  useEffect(() => headingRef.current?.focus(), [issued.key]);
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  return (
    <section className="notice notice--warning reading" aria-labelledby="issued-key-title" style={{ marginBottom: "var(--space-5)" }}>
      <h2 id="issued-key-title" ref={headingRef} tabIndex={-1}>
        {t("title", { label: issued.label })}
      </h2>
      <p>
        <strong>{t("onlyNow")}</strong>
      </p>
      <p>{t("onlyNowText")}</p>
      <p>
        {t("key")}:{" "}
        <code style={{ overflowWrap: "anywhere", fontSize: "1.125rem" }} translate="no">
          {issued.key}
        </code>
      </p>
      <h3>{t("usageTitle")}</h3>
      <p>{t.rich("usage", { code })}</p>
      <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} translate="no">
        <code>{`POST /api/v1/bookings\nContent-Type: application/json\nX-Api-Key: ${issued.key}`}</code>
      </pre>
      <p>
        <Link href="/api-dokumentation">{t("docs")}</Link>
      </p>
    </section>
  );
}

function IssueForm({ state, formAction, pending }: { state: ActionState; formAction: (formData: FormData) => void; pending: boolean }) {
  const t = useTranslations("adminApiKeys");
  const kit = useKitForm(apiKeyIssueSchema, { state, formAction, defaultValues: { label: fieldValue(state, "label") ?? "" } });
  return (
    <KitForm kit={kit} aria-labelledby="issue-key-title">
      <FormErrorSummary fields={["label"]} />
      <p>{t("issue.intro")}</p>
      <TextField name="label" label={t("issue.label")} hint={t("issue.labelHint")} maxLength={API_KEY_LABEL_MAX} />
      <SubmitButton pending={pending} pendingLabel={t("issue.pending")}>
        {t("issue.submit")}
      </SubmitButton>
    </KitForm>
  );
}

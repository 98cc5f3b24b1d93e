import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DOCUMENTED_ENDPOINTS, type DocumentedEndpoint } from "@/lib/api/documentation";
import { slotTakenExample } from "@/lib/api/examples";
import { PROBLEM_CODES, PROBLEM_TYPES } from "@/lib/api/problem-types";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { getEnv } from "@/lib/env";
import { formatDuration } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import type { Budget } from "@/lib/services/rate-limit";
import styles from "./api-docs.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

const SECTIONS = ["overview", "auth", "limits", "endpoints", "problems", "openapi"] as const;
const LIMIT_GROUPS = Object.keys(API_RATE_LIMITS) as (keyof typeof API_RATE_LIMITS)[];

const code = (chunks: ReactNode) => <code>{chunks}</code>;
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The API explained for people: what each endpoint takes and returns, with examples to copy. No client script. */
export default async function ApiDocumentationPage() {
  const [t, language] = await Promise.all([getTranslations("apiDocs"), getLanguage()]);
  const { publicUrl } = getEnv();
  const baseUrl = `${publicUrl}/api/v1`;
  const openApiUrl = `${baseUrl}/openapi.json`;
  const limitText = (budgets: readonly Budget[]) =>
    budgets.map((b) => t("limits.value", { max: b.points, duration: formatDuration(b.durationSeconds / 60, language) })).join(t("limits.and"));

  return (
    <div className="reading">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <nav aria-labelledby="api-toc">
        <h2 id="api-toc">{t("tocTitle")}</h2>
        <ol>
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#api-${section}`}>{t(`toc.${section}`)}</a>
            </li>
          ))}
        </ol>
      </nav>

      <section aria-labelledby="api-overview">
        <h2 id="api-overview">{t("toc.overview")}</h2>
        <dl className="summary-list">
          <dt>{t("overview.baseUrl")}</dt>
          <dd>
            <code>{baseUrl}</code>
          </dd>
          <dt>{t("overview.format")}</dt>
          <dd>{t("overview.formatText")}</dd>
          <dt>{t("overview.languages")}</dt>
          <dd>{t("overview.languagesText")}</dd>
          <dt>{t("overview.openapi")}</dt>
          <dd>
            <a href={openApiUrl}>{openApiUrl}</a>
          </dd>
          <dt>{t("overview.version")}</dt>
          <dd>{t("overview.versionText")}</dd>
        </dl>
      </section>

      <section aria-labelledby="api-auth">
        <h2 id="api-auth">{t("toc.auth")}</h2>
        <p>{t("auth.read")}</p>
        <p>{t.rich("auth.token", { code })}</p>
        <p>{t("auth.noUrl")}</p>
        <h3>{t("auth.proofTitle")}</h3>
        <p>{t.rich("auth.proof", { code })}</p>
        <p>{t("auth.proofRules")}</p>
        <p>{t.rich("auth.apiKeys", { code })}</p>
        <h3>{t("auth.idempotencyTitle")}</h3>
        <p>{t.rich("auth.idempotency", { code })}</p>
      </section>

      <section aria-labelledby="api-limits">
        <h2 id="api-limits">{t("toc.limits")}</h2>
        <p>{t("limits.text")}</p>
        <div className="table-wrap">
          <table>
            <caption>{t("limits.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("limits.group")}</th>
                <th scope="col">{t("limits.limit")}</th>
              </tr>
            </thead>
            <tbody>
              {LIMIT_GROUPS.map((group) => (
                <tr key={group}>
                  <th scope="row">{t(`limits.groups.${group}`)}</th>
                  <td>{limitText(API_RATE_LIMITS[group])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t.rich("limits.exceeded", { code })}</p>
      </section>

      <section aria-labelledby="api-endpoints">
        <h2 id="api-endpoints">{t("toc.endpoints")}</h2>
        <p>{t("endpoints.intro")}</p>
        <ul>
          {DOCUMENTED_ENDPOINTS.map((endpoint) => (
            <li key={endpoint.id}>
              <a href={`#endpoint-${endpoint.id}`}>{t(`endpoints.items.${endpoint.id}.title`)}</a>{" "}
              <code>
                {endpoint.method} {endpoint.path}
              </code>
            </li>
          ))}
        </ul>
        {DOCUMENTED_ENDPOINTS.map((endpoint) => (
          <EndpointSection key={endpoint.id} endpoint={endpoint} baseUrl={baseUrl} t={t} limit={limitText(API_RATE_LIMITS[endpoint.limit])} />
        ))}
      </section>

      <section aria-labelledby="api-problems">
        <h2 id="api-problems">{t("toc.problems")}</h2>
        <p>{t.rich("problems.intro", { code })}</p>
        <h3>{t("problems.example")}</h3>
        <pre className={styles.code}>
          <code>{json(slotTakenExample)}</code>
        </pre>
        <div className="table-wrap">
          <table>
            <caption>{t("problems.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("problems.code")}</th>
                <th scope="col">{t("problems.status")}</th>
                <th scope="col">{t("problems.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {PROBLEM_CODES.map((problem) => (
                // The `type` URI of every problem response points at this row.
                <tr key={problem} id={`problem-${problem}`}>
                  <th scope="row">
                    <code>{problem}</code>
                  </th>
                  <td>{PROBLEM_TYPES[problem].status}</td>
                  <td>{t(`problems.items.${problem}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="api-openapi">
        <h2 id="api-openapi">{t("toc.openapi")}</h2>
        <p>{t("openapi.text")}</p>
        <p>
          <a href={openApiUrl}>{t("openapi.link")}</a>
        </p>
      </section>
    </div>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"apiDocs">>>;

function EndpointSection({ endpoint, baseUrl, t, limit }: { endpoint: DocumentedEndpoint; baseUrl: string; t: Translate; limit: string }) {
  const headingId = `endpoint-${endpoint.id}`;
  return (
    <section aria-labelledby={headingId} className={styles.endpoint}>
      <h3 id={headingId}>{t(`endpoints.items.${endpoint.id}.title`)}</h3>
      <p className={styles.signature}>
        <code>
          <span className={styles.method}>{endpoint.method}</span>
          {`/api/v1${endpoint.path}`}
        </code>
      </p>
      <p>{t(`endpoints.items.${endpoint.id}.text`)}</p>
      <p className="muted small">{t("endpoints.limit", { limits: limit })}</p>

      <div className="table-wrap">
        <table>
          <caption>{t("endpoints.parametersCaption", { method: endpoint.method, path: endpoint.path })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("endpoints.where")}</th>
              <th scope="col">{t("endpoints.required")}</th>
              <th scope="col">{t("endpoints.description")}</th>
            </tr>
          </thead>
          <tbody>
            {endpoint.parameters.map((parameter) => (
              <tr key={`${parameter.in}-${parameter.name}`}>
                <th scope="row">
                  <code>{parameter.name}</code>
                </th>
                <td>{t(`endpoints.in.${parameter.in}`)}</td>
                <td>{parameter.required ? t("endpoints.yes") : t("endpoints.no")}</td>
                <td>{t(`params.${parameter.textKey}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h4>{t("endpoints.exampleRequest")}</h4>
      <pre className={styles.code}>
        <code>{endpoint.exampleRequest(baseUrl)}</code>
      </pre>
      <h4>{t("endpoints.exampleResponse")}</h4>
      <pre className={styles.code}>
        <code>{json(endpoint.exampleResponse)}</code>
      </pre>

      <h4>{t("endpoints.responses")}</h4>
      <ul>
        {endpoint.responses.map((response) => (
          <li key={response.status}>
            <strong>{response.status}</strong>
            {response.textKey && <> – {t(`endpoints.responseText.${response.textKey}`)}</>}
            {response.problems?.map((problem, index) => (
              <span key={problem}>
                {index === 0 ? " – " : ", "}
                <a href={`#problem-${problem}`}>
                  <code>{problem}</code>
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

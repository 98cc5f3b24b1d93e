import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RuleChangeConfirmForm } from "@/components/staff/capacity-change-forms";
import { describeRule } from "@/components/staff/capacity-rule-text";
import { requireStaffPage } from "@/lib/auth/staff";
import { ValidationError } from "@/lib/errors";
import { formatDateTime, formatMinutes } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { findRule, previewRuleChange, type ChangePreview } from "@/lib/services/staff/capacity-changes";
import { ruleChangeQuerySchema, ruleRefSchema, slugOfKind } from "@/lib/validation/capacity-change";
import { confirmRuleChangeAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.capacity");
  return { title: t("title") };
}

/**
 * The confirmation step before a capacity rule is removed or shortened (GET, so it works without JavaScript): the
 * rule, for shortening the new times, and the booked appointments that would no longer fit, each with a link to move
 * it; confirming can cancel them with an apology. Nothing changes until the confirm form is posted.
 */
export default async function RuleChangePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, tAll, language] = await Promise.all([searchParams, getTranslations("staff.capacityChange"), getTranslations(), getLanguage()]);
  // A rule that is not named properly is not found; a mistake in the new times is explained beside them.
  const ref = ruleRefSchema.safeParse(params);
  if (!ref.success) notFound();
  const { kind, id } = ref.data;
  const parsed = ruleChangeQuerySchema.safeParse(params);
  const found = await findRule(access, kind, id);
  if (!found) notFound();
  const { rule, location } = found;

  const query = parsed.success ? parsed.data : null;
  const wantsShortening = query ? query.wantsShortening : true;
  let problem: string | null = parsed.success ? null : String(parsed.error.issues[0]?.message ?? "time_invalid");
  let preview: ChangePreview | null = null;
  if (query && (!query.wantsShortening || query.replacement)) {
    try {
      preview = await previewRuleChange(access, { kind, id, replacement: query.replacement });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problem = error.fieldErrors.endMinute?.[0] ?? "time_invalid";
    }
  }

  const isRemoval = !wantsShortening;
  const backHref = `/staff/kapazitaet?standort=${location.slug}`;
  const ruleText = describeRule(rule, tAll, language);
  const problemText = problem ? (t.has(`problems.${problem}`) ? t(`problems.${problem}` as "problems.time_invalid") : t("problems.time_invalid")) : null;
  const startValue = typeof params.beginn === "string" ? params.beginn : formatMinutes(rule.rule.startMinute);
  const endValue = typeof params.ende === "string" ? params.ende : formatMinutes(rule.rule.endMinute);
  const hidden: Record<string, string> = { regel: slugOfKind(kind), id: String(id) };
  if (query?.replacement) Object.assign(hidden, { beginn: formatMinutes(query.replacement.startMinute), ende: formatMinutes(query.replacement.endMinute) });

  return (
    <>
      <Link href={backHref} className="back-link">
        {location.name}
      </Link>
      <h1>{isRemoval ? t(`titleRemove.${kind}`) : t(`titleShorten.${kind}`)}</h1>
      <p className="lead">{ruleText}</p>

      {wantsShortening && (
        <section aria-labelledby="shorten-title">
          <h2 id="shorten-title" className="visually-hidden">
            {t(`titleShorten.${kind}`)}
          </h2>
          <p className="reading">{t("shortenIntro")}</p>
          <form method="get" action="/staff/kapazitaet/aendern" noValidate>
            {problemText && (
              <div className="error-summary" role="alert" aria-labelledby="shorten-problem">
                <p id="shorten-problem">
                  <a href="#shorten-end">{problemText}</a>
                </p>
              </div>
            )}
            <input type="hidden" name="regel" value={slugOfKind(kind)} />
            <input type="hidden" name="id" value={id} />
            <div className={problemText ? "field field--error" : "field"}>
              <label htmlFor="shorten-start">{t("newStart")}</label>
              <input id="shorten-start" name="beginn" type="time" className="input--medium" required defaultValue={startValue} />
            </div>
            <div className={problemText ? "field field--error" : "field"}>
              <label htmlFor="shorten-end">{t("newEnd")}</label>
              {problemText && (
                <span className="error-message" id="shorten-end-error">
                  {problemText}
                </span>
              )}
              <input
                id="shorten-end"
                name="ende"
                type="time"
                className="input--medium"
                required
                defaultValue={endValue}
                aria-invalid={problemText ? true : undefined}
                aria-describedby={problemText ? "shorten-end-error" : undefined}
              />
            </div>
            <button type="submit" className="button button--secondary">
              {t("check")}
            </button>
          </form>
        </section>
      )}

      {preview && (
        <section aria-labelledby="affected-title" className={preview.stranded.length > 0 ? "notice notice--warning" : undefined}>
          <h2 id="affected-title">{preview.stranded.length > 0 ? t("affectedTitle", { count: preview.stranded.length }) : t("noneAffected")}</h2>
          {preview.stranded.length > 0 && <p>{t("affectedText")}</p>}
          <RuleChangeConfirmForm
            // A new list (after a move or a refused post) starts a fresh form.
            key={preview.stranded.map((b) => b.id).join(",")}
            action={confirmRuleChangeAction}
            hidden={hidden}
            isRemoval={isRemoval}
            stranded={preview.stranded.map((b) => ({
              id: b.id,
              reference: b.referenceCode,
              label: `${formatDateTime(b.startsAt, language, location.timeZone)} · ${b.referenceCode} · ${b.citizenName}`,
              href: `/staff/termine/${b.id}`,
            }))}
          />
        </section>
      )}
      <p>
        <Link href={backHref}>{t("back")}</Link>
      </p>
    </>
  );
}

import { stepMetadata } from "@/lib/booking-flow/step-title";
import { getTranslations } from "next-intl/server";
import { ConcernForm, type ConcernGroup } from "@/components/booking/concern-form";
import { StepHeader } from "@/components/booking/step-header";
import { loadStep, type SearchParams } from "@/lib/booking-flow/load-step";
import { formatDuration, formatEuro } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { chooseConcerns } from "./actions";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return stepMetadata(searchParams, "concerns");
}

export default async function ConcernsStep({ searchParams }: { searchParams: SearchParams }) {
  const [loaded, t, language] = await Promise.all([loadStep(searchParams, "concerns"), getTranslations("booking"), getLanguage()]);
  const groups: ConcernGroup[] = [];
  for (const entry of loaded.catalogue) {
    let group = groups.find((g) => g.slug === entry.category.slug);
    if (!group) {
      group = { slug: entry.category.slug, name: pick(entry.category, "name", language), openByDefault: entry.category.openByDefault, concerns: [] };
      groups.push(group);
    }
    const feeNote = pick(entry, "feeNote", language);
    group.concerns.push({
      slug: entry.slug,
      name: pick(entry, "name", language),
      description: pick(entry, "description", language),
      durationMinutes: entry.durationMinutes,
      facts: [
        t("concerns.durationEach", { duration: formatDuration(entry.durationMinutes, language) }),
        entry.feeCents === null || entry.feeCents === 0
          ? t("concerns.feeFree")
          : t(entry.maxQuantity > 1 ? "concerns.feeEach" : "concerns.fee", { fee: formatEuro(entry.feeCents, language) }) + (feeNote ? ` (${feeNote})` : ""),
      ],
      maxQuantity: entry.maxQuantity,
      documents: entry.documents.map((d) => ({ name: pick(d.document, "name", language), hint: pick(d.document, "hint", language) || null })),
      forms: entry.forms.map((f) => ({ title: pick(f, "title", language), href: f.href })),
    });
  }
  const selected = Object.fromEntries(loaded.chosen.map((c) => [c.entry.slug, c.quantity]));

  return (
    <>
      <StepHeader step="concerns" steps={loaded.steps} title={t("concerns.title")} backHref="/" />
      <p className="lead reading">{t("concerns.intro")}</p>
      {groups.length === 0 ? (
        // A new installation before its first concern: say so instead of an empty form.
        <div className="notice notice--warning">
          <p>{t("concerns.noneOffered", { phone: loaded.settings.contactPhone || "–" })}</p>
        </div>
      ) : (
        <ConcernForm action={chooseConcerns} groups={groups} selected={selected} slotGridMinutes={loaded.settings.slotGridMinutes} language={language} location={loaded.selection.location} />
      )}
    </>
  );
}

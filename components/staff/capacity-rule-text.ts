import type { getTranslations } from "next-intl/server";
import { formatLocalDate, formatMinutes } from "@/lib/i18n/format";
import type { Language } from "@/lib/domain/enums";
import type { RuleSnapshot } from "@/lib/services/staff/capacity-changes";

type Translator = Awaited<ReturnType<typeof getTranslations>>;

/**
 * One capacity rule in a sentence, for the confirmation page and the undo notice:
 * "Kapazitätsfenster: Dienstag, 08:00–18:00 (3 online, 1 nur Telefon/intern)".
 */
export function describeRule(snapshot: RuleSnapshot, t: Translator, language: Language): string {
  const { rule } = snapshot;
  const days = rule.weekday === null ? t("staff.capacity.everyDay") : t(`common.weekday.${rule.weekday}` as "common.weekday.1");
  const time = `${formatMinutes(rule.startMinute)}–${formatMinutes(rule.endMinute)}`;
  const summary = t("staff.capacityChange.ruleSummary", { rule: t(`staff.capacityChange.ruleLabel.${snapshot.kind}`), days, time });
  const details: string[] = [];
  if ("validFrom" in rule && (rule.validFrom || rule.validUntil)) {
    details.push(
      t("staff.capacity.dateRange", {
        from: rule.validFrom ? formatLocalDate(rule.validFrom, language) : "…",
        until: rule.validUntil ? formatLocalDate(rule.validUntil, language) : t("staff.capacity.openEnded"),
      }),
    );
  }
  if (snapshot.kind === "capacity_window") details.push(t("staff.capacityChange.countersOnline", { online: snapshot.rule.onlineCounters, staff: snapshot.rule.staffCounters }));
  if (snapshot.kind === "walk_in_block") details.push(`${snapshot.rule.counters} ${t("staff.capacity.counters")}`);
  return details.length > 0 ? `${summary} (${details.join("; ")})` : summary;
}

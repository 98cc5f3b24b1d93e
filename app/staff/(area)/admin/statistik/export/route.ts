import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { currentStaffAccess } from "@/lib/auth/staff";
import { hasRole } from "@/lib/auth/staff-access";
import { NotFoundError } from "@/lib/errors";
import { getLanguage } from "@/lib/i18n/server";
import { defaultStatisticsPeriod, loadStatistics, statisticsCsv, statisticsCsvFileName, statisticsTimeZone } from "@/lib/services/admin/statistics";
import { statisticsQuerySchema } from "@/lib/validation/admin-people";

export const dynamic = "force-dynamic";

/**
 * The statistics as a CSV download: `?von=YYYY-MM-DD&bis=YYYY-MM-DD&standort=<id>|alle`, the same parameters as the
 * page. A route handler answers for itself: 401 when signed out, 403 for staff without the admin role, and the report
 * comes only through the caller's StaffAccess.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const access = await currentStaffAccess();
  const tErrors = await getTranslations("errors");
  if (!access) return plain(401, tErrors("unauthenticated"));
  if (!hasRole(access.user, "admin")) return plain(403, tErrors("forbidden"));

  const params = request.nextUrl.searchParams;
  const defaults = defaultStatisticsPeriod(access.now(), await statisticsTimeZone(access, params.get("standort")));
  const parsed = statisticsQuerySchema.safeParse({
    von: params.get("von") ?? defaults.from,
    bis: params.get("bis") ?? defaults.to,
    standort: params.get("standort") ?? undefined,
  });
  if (!parsed.success) return plain(400, tErrors("validation"));

  let report;
  try {
    report = await loadStatistics(access, parsed.data);
  } catch (error) {
    if (error instanceof NotFoundError) return plain(404, tErrors("not_found"));
    throw error;
  }
  const [t, tQueue, language] = await Promise.all([getTranslations("adminPeople.statistics"), getTranslations("hall.statistics"), getLanguage()]);
  const csv = statisticsCsv(report, (key, values) => t(key, values), language, (key, values) => tQueue(key, values));
  const fileName = statisticsCsvFileName(parsed.data, language);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

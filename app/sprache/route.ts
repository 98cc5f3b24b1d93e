import { NextResponse, type NextRequest } from "next/server";
import { isLanguage, LANGUAGE_COOKIE, safeReturnPath } from "@/lib/i18n/locale";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Language switch as a plain link, so it works without JavaScript: stores the choice and returns to the page. */
export function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get("zu");
  const back = safeReturnPath(request.nextUrl.searchParams.get("zurueck"));
  const response = new NextResponse(null, { status: 303, headers: { Location: back } });
  if (isLanguage(target)) {
    response.cookies.set(LANGUAGE_COOKIE, target, {
      maxAge: ONE_YEAR_SECONDS,
      sameSite: "lax",
      httpOnly: true,
      path: "/",
      secure: request.nextUrl.protocol === "https:",
    });
  }
  return response;
}

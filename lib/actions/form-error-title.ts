import "server-only";
import { cookies, headers } from "next/headers";

/**
 * "Fehler: " in front of the page title while a form shows errors (WCAG 3.3.1: the title is the first thing a
 * screen reader reads on a new page). With JavaScript the error summary sets it in the browser. Without, the form
 * posts natively and Next.js answers with the page rendered anew, and its metadata cannot see the action's result.
 * The only request state Next.js carries from an action into the render that follows it is the cookie jar
 * (cookies set in the action are visible to `cookies()` in that render), so the action leaves a marker there:
 * sent with Max-Age=0, the browser never keeps it, and the next page is clean again.
 */
const MARKER = "formular-fehler";

/** Called by the action wrappers when a form comes back with errors. */
export async function markFormErrorForTitle(): Promise<void> {
  // A JavaScript request (Next.js sends the action id as a header) gets its prefix in the browser, and a changed
  // cookie would make Next.js render the whole page again into the action's answer.
  if ((await headers()).has("next-action")) return;
  (await cookies()).set(MARKER, "1", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax" });
}

/** True while rendering the answer to a form post that came back with errors. */
export async function formCameBackWithErrors(): Promise<boolean> {
  return (await cookies()).get(MARKER)?.value === "1";
}

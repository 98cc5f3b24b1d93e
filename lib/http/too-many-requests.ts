import type { Language } from "@/lib/domain/enums";

const TEXT = {
  de: {
    title: "Bitte einen Moment Geduld",
    body: "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen. Damit die Terminvergabe für alle erreichbar bleibt, geht es in {minutes} weiter. Ihre Angaben bleiben erhalten.",
    minutes: (n: number) => (n <= 1 ? "einer Minute" : `${n} Minuten`),
    back: "Zur Startseite",
  },
  en: {
    title: "Please wait a moment",
    body: "A great many requests came from your connection in a short time. To keep the booking service available to everyone, you can continue in {minutes}. What you entered is kept.",
    minutes: (n: number) => (n <= 1 ? "one minute" : `${n} minutes`),
    back: "Go to the start page",
  },
} as const;

/**
 * The calm page a person sees when a page's request budget is used up (lib/services/rate-limit.ts): status 429 with
 * Retry-After for programs, plain words and a way back for people. Self-contained: no script, no style sheet.
 */
export function tooManyRequestsPage(language: Language, retryAfterSeconds: number): Response {
  const text = TEXT[language];
  const body = text.body.replace("{minutes}", text.minutes(Math.ceil(retryAfterSeconds / 60)));
  const html = `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${text.title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b">
<main><h1>${text.title}</h1><p>${body}</p><p><a href="/">${text.back}</a></p></main>
</body>
</html>`;
  return new Response(html, {
    status: 429,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(retryAfterSeconds),
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

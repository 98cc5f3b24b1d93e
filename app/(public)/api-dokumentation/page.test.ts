import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import apiDe from "@/lib/i18n/messages/api.de.json";
import apiEn from "@/lib/i18n/messages/api.en.json";
import { DOCUMENTED_ENDPOINTS } from "@/lib/api/documentation";
import { PROBLEM_CODES } from "@/lib/api/problem-types";

const language = vi.hoisted(() => ({ current: "de" as "de" | "en" }));

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) =>
    createTranslator({
      locale: language.current,
      messages: language.current === "de" ? apiDe : apiEn,
      namespace: namespace as "apiDocs",
      onError: (error) => {
        throw error;
      },
    }),
  getLocale: async () => language.current,
}));
vi.mock("@/lib/env", () => ({ getEnv: () => ({ publicUrl: "https://termine.musterstadt.example" }) }));

const { default: ApiDocumentationPage } = await import("./page");
const render = async () => renderToStaticMarkup(await ApiDocumentationPage());

beforeEach(() => {
  language.current = "de";
});

describe("/api-dokumentation", () => {
  it("has an anchor for every problem type, which the problem responses link to", async () => {
    const html = await render();
    if (process.env.PRINT_API_DOCS) console.log(html);
    for (const code of PROBLEM_CODES) expect(html).toContain(`id="problem-${code}"`);
  });

  it("shows every endpoint with its parameters table, example request and example response", async () => {
    const html = await render();
    for (const endpoint of DOCUMENTED_ENDPOINTS) {
      expect(html).toContain(`id="endpoint-${endpoint.id}"`);
      expect(html).toContain(`${endpoint.method}</span>/api/v1${endpoint.path}</code>`);
    }
    expect(html).toContain("https://termine.musterstadt.example/api/v1/openapi.json");
    expect(html).toContain("curl -X POST &quot;https://termine.musterstadt.example/api/v1/bookings&quot;");
    expect(html.match(/<pre[^>]*><code>/g)?.length).toBe(DOCUMENTED_ENDPOINTS.length * 2 + 1);
  });

  it("uses captions and header scopes on every table", async () => {
    const html = await render();
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBe(DOCUMENTED_ENDPOINTS.length + 2);
    for (const table of tables) {
      expect(table).toMatch(/^<table><caption>[^<]+/);
      expect(table).not.toMatch(/<th>/);
    }
  });

  it.each([
    ["de", "Programmierschnittstelle (API)", "10 Anfragen in 1 Stunde und 25 Anfragen in 24 Stunden"],
    ["en", "Application programming interface (API)", "10 requests in 1 hour and 25 requests in 24 hours"],
  ] as const)("is written in %s", async (lang, heading, limit) => {
    language.current = lang;
    const html = await render();
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(html).toContain(limit);
  });
});

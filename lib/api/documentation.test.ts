import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import apiDe from "@/lib/i18n/messages/api.de.json";
import apiEn from "@/lib/i18n/messages/api.en.json";
import { DOCUMENTED_ENDPOINTS } from "./documentation";
import { buildOpenApiDocument } from "./openapi";
import { PROBLEM_CODES } from "./problem-types";
import { API_RATE_LIMITS } from "./rate-limits";

const CATALOGUES = { de: apiDe, en: apiEn } as const;

function keysOf(value: unknown, prefix = ""): string[] {
  if (!value || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, inspected by path
const openApi: any = buildOpenApiDocument("https://example.org");

describe("the documentation page's texts", () => {
  it("has the same keys in German and English", () => {
    expect(keysOf(apiEn).sort()).toEqual(keysOf(apiDe).sort());
  });

  it.each(Object.keys(CATALOGUES) as (keyof typeof CATALOGUES)[])("has every text the page asks for, as valid messages (%s)", (language) => {
    const t = createTranslator({
      locale: language,
      messages: CATALOGUES[language],
      namespace: "apiDocs",
      onError: (error) => {
        throw error;
      },
    });
    const code = (chunks: unknown) => `[${String(chunks)}]`;
    const texts: string[] = [];
    for (const endpoint of DOCUMENTED_ENDPOINTS) {
      texts.push(t(`endpoints.items.${endpoint.id}.title` as never), t(`endpoints.items.${endpoint.id}.text` as never));
      for (const parameter of endpoint.parameters) texts.push(t(`params.${parameter.textKey}` as never), t(`endpoints.in.${parameter.in}` as never));
      for (const response of endpoint.responses) if (response.textKey) texts.push(t(`endpoints.responseText.${response.textKey}` as never));
    }
    for (const problem of PROBLEM_CODES) texts.push(t(`problems.items.${problem}` as never));
    for (const group of Object.keys(API_RATE_LIMITS)) texts.push(t(`limits.groups.${group}` as never));
    texts.push(t("limits.value", { max: 30, duration: "10 min" }), t("limits.and"), t("endpoints.limit", { limits: "300 / 1 min" }));
    texts.push(t("auth.read"), t("auth.noUrl"), t("auth.proofTitle"), t("auth.proofRules"), t("auth.idempotencyTitle"));
    for (const key of ["auth.token", "auth.proof", "auth.apiKeys", "auth.idempotency", "limits.exceeded", "problems.intro"]) {
      texts.push(String(t.rich(key as never, { code } as never)));
    }
    expect(texts.every((text) => text.length > 0 && !text.includes("apiDocs."))).toBe(true);
    expect(t("limits.value", { max: 30, duration: "10 min" })).toMatch(/^30 .+ 10 min$/);
    expect(t("endpoints.limit", { limits: "300 / 1 min" })).toContain("300 / 1 min");
    // The proof of work is explained where clients look for authentication: where to get a task, which header to send.
    const proof = String(t.rich("auth.proof" as never, { code } as never));
    expect(proof).toContain("[GET /api/v1/challenge]");
    expect(proof).toContain("[Altcha]");
    expect(String(t.rich("auth.apiKeys" as never, { code } as never))).toContain("[X-Api-Key]");
    expect(String(t.rich("problems.intro" as never, { code } as never))).toContain("[application/problem+json]");
  });
});

describe("the documented endpoints", () => {
  const operations = (Object.entries(openApi.paths) as [string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>][])
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })))
    .filter(({ key }) => key !== "GET /openapi.json");

  it("are exactly the operations of the OpenAPI document", () => {
    expect(DOCUMENTED_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(operations.map((o) => o.key).sort());
  });

  it.each(DOCUMENTED_ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))("%s lists the same statuses and query parameters as the document", (key, endpoint) => {
    const { operation } = operations.find((o) => o.key === key)!;
    // The page leaves out the 500 every endpoint can answer.
    expect([...endpoint.responses.map((r) => String(r.status)), "500"].sort()).toEqual(Object.keys(operation.responses).sort());
    const documentedQuery = endpoint.parameters.filter((p) => p.in === "query").map((p) => p.name);
    expect(documentedQuery).toEqual((operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
  });
});

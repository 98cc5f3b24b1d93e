import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.1 A and AA rules; a failing scan lists each violation with its elements. */
export async function expectNoAxeViolations(page: Page, context?: string) {
  // Next.js streams a dynamic page's metadata after its body, and re-inserts it when a server action refreshes the
  // page: scan the settled page, with its title, as a screen reader user meets it. After a click that navigates, wait
  // for something of the new page first: until it commits, the old page's title satisfies this poll, and for a moment
  // in between the document has none (seen 3 times in 10 client-side navigations to a manage page's cancel page).
  await expect.poll(() => page.title(), { message: `title${context ? ` on ${context}` : ""}` }).not.toBe("");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `axe violations${context ? ` on ${context}` : ""}`).toEqual([]);
}

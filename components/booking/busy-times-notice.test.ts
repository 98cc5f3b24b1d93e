import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import de from "@/lib/i18n/messages/de.json";

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "de", messages: de, namespace: namespace as "booking" }),
}));

const { BusyTimesNotice } = await import("./busy-times-notice");

describe("the notice when many people are looking for times", () => {
  it("says so in a status message and links to the same page again", async () => {
    const html = renderToStaticMarkup(await BusyTimesNotice({ retryHref: "/termin/tag?anliegen=personalausweis.1&standort=rathaus&monat=2026-12" }));
    expect(html).toContain('role="status"');
    expect(html).toContain("Gerade suchen sehr viele Menschen gleichzeitig nach freien Terminen.");
    expect(html).toContain('href="/termin/tag?anliegen=personalausweis.1&amp;standort=rathaus&amp;monat=2026-12"');
    expect(html).toContain(">Noch einmal versuchen</a>");
  });
});

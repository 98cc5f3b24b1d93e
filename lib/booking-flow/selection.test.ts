import { describe, expect, it } from "vitest";
import { parseSelection, selectionHref } from "./selection";

describe("wizard selection in the URL", () => {
  it("round-trips every part", () => {
    const selection = {
      items: [{ slug: "reisepass", quantity: 2 }, { slug: "personalausweis", quantity: 1 }],
      location: "rathaus",
      date: "2026-12-01",
      time: new Date("2026-12-01T08:30:00Z"),
    };
    const href = selectionHref("/termin/pruefen", selection);
    expect(href).toBe("/termin/pruefen?anliegen=reisepass.2_personalausweis.1&standort=rathaus&tag=2026-12-01&zeit=2026-12-01T0830Z");
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseSelection(params)).toEqual(selection);
  });

  it.each([
    { name: "bad slugs and quantities are dropped", params: { anliegen: "Reisepass.2_ok.0_good.3_good.4_../x.1" }, items: [{ slug: "good", quantity: 3 }] },
    { name: "a missing quantity means one", params: { anliegen: "anmeldung" }, items: [{ slug: "anmeldung", quantity: 1 }] },
    { name: "nothing chosen", params: {}, items: [] },
  ])("$name", ({ params, items }) => {
    expect(parseSelection(params).items).toEqual(items);
  });

  it.each([
    { params: { tag: "2026-02-30" }, date: null },
    { params: { tag: "2026-12-01" }, date: "2026-12-01" },
    { params: { tag: "9999-12-31" }, date: null },
    { params: { tag: "0000-01-01" }, date: null },
  ])("validates the day $params.tag", ({ params, date }) => {
    expect(parseSelection(params).date).toBe(date);
  });

  it.each([
    { zeit: "2026-12-01T0830Z", ok: true },
    { zeit: "2026-12-01T08:30:00.000Z", ok: false },
    { zeit: "2026-12-01T2599Z", ok: false },
    { zeit: "morgen", ok: false },
    { zeit: "9999-12-31T2350Z", ok: false },
    { zeit: "1970-01-01T0000Z", ok: false },
  ])("validates the time $zeit", ({ zeit, ok }) => {
    expect(parseSelection({ zeit }).time !== null).toBe(ok);
  });
});

import { describe, expect, it } from "vitest";
import { initiallyOpenGroups, matchingConcerns, normalizeForSearch } from "./concern-list";

const concern = (slug: string, name: string, description = "") => ({ slug, name, description });
const groups = [
  { slug: "ausweise", name: "Ausweisdokumente", concerns: [concern("personalausweis", "Personalausweis beantragen"), concern("reisepass", "Reisepass beantragen")] },
  { slug: "melde", name: "Meldewesen", concerns: [concern("anmeldung", "Anmeldung einer Wohnung (Zuzug)", "Wer nach Musterstadt zieht, meldet sich an.")] },
  { slug: "kfz", name: "Kfz-Zulassung", concerns: [concern("zulassung", "Fahrzeug zulassen")] },
  { slug: "weitere", name: "Weitere Anliegen", concerns: [concern("fuehrungszeugnis", "Führungszeugnis beantragen"), concern("strasse", "Sondernutzung Straße")] },
];

describe("normalizeForSearch", () => {
  it.each([
    ["Führungszeugnis", "fuhrungszeugnis"],
    ["  Straße  ", "strasse"],
    ["ÄRGER  im   Amt", "arger im amt"],
  ])("%s → %s", (text, expected) => expect(normalizeForSearch(text)).toBe(expected));
});

describe("matchingConcerns", () => {
  it.each([
    ["", ["personalausweis", "reisepass", "anmeldung", "zulassung", "fuehrungszeugnis", "strasse"]],
    ["   ", ["personalausweis", "reisepass", "anmeldung", "zulassung", "fuehrungszeugnis", "strasse"]],
    ["ausweis", ["personalausweis", "reisepass"]], // the category's name counts too
    ["Personalausweis", ["personalausweis"]],
    ["führung", ["fuehrungszeugnis"]],
    ["fuhrung", ["fuehrungszeugnis"]],
    ["strasse", ["strasse"]],
    ["straße", ["strasse"]],
    ["beantragen pass", ["reisepass"]], // every word must occur
    ["zieht", ["anmeldung"]], // the description counts
    ["kfz", ["zulassung"]],
    ["xyz", []],
  ])("%j finds %j", (query, expected) => {
    expect([...matchingConcerns(groups, query)].sort()).toEqual([...expected].sort());
  });
});

describe("initiallyOpenGroups", () => {
  it("opens the first two categories when nothing is chosen", () => {
    expect([...initiallyOpenGroups(groups, [])]).toEqual(["ausweise", "melde"]);
  });
  it("opens a later category that holds a chosen concern", () => {
    expect([...initiallyOpenGroups(groups, ["strasse"])]).toEqual(["ausweise", "melde", "weitere"]);
  });
  it("opens only the chosen one's category when asked for none by default", () => {
    expect([...initiallyOpenGroups(groups, ["zulassung"], 0)]).toEqual(["kfz"]);
  });
  it("opens all of a short catalogue", () => {
    expect([...initiallyOpenGroups(groups.slice(0, 1), [])]).toEqual(["ausweise"]);
  });
});

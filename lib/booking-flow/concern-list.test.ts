import { describe, expect, it } from "vitest";
import { initiallyOpenGroups, matchingConcerns, normalizeForSearch } from "./concern-list";

const concern = (slug: string, name: string, description = "") => ({ slug, name, description });
const groups = [
  { slug: "ausweise", name: "Ausweisdokumente", openByDefault: true, concerns: [concern("personalausweis", "Personalausweis beantragen"), concern("reisepass", "Reisepass beantragen")] },
  { slug: "melde", name: "Meldewesen", openByDefault: false, concerns: [concern("anmeldung", "Anmeldung einer Wohnung (Zuzug)", "Wer nach Musterstadt zieht, meldet sich an.")] },
  { slug: "kfz", name: "Kfz-Zulassung", openByDefault: true, concerns: [concern("zulassung", "Fahrzeug zulassen")] },
  { slug: "weitere", name: "Weitere Anliegen", openByDefault: false, concerns: [concern("fuehrungszeugnis", "Führungszeugnis beantragen"), concern("strasse", "Sondernutzung Straße")] },
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
  const folded = groups.map((group) => ({ ...group, openByDefault: false }));
  it.each([
    { name: "the categories marked as common, wherever they stand in the order", groups, chosen: [], open: ["ausweise", "kfz"] },
    { name: "a folded category that holds a chosen concern", groups, chosen: ["strasse"], open: ["ausweise", "kfz", "weitere"] },
    { name: "none marked: only the chosen one's category", groups: folded, chosen: ["anmeldung"], open: ["melde"] },
    { name: "none marked and nothing chosen: all folded", groups: folded, chosen: [], open: [] },
    { name: "a catalogue's only category, even unmarked", groups: folded.slice(1, 2), chosen: [], open: ["melde"] },
  ])("opens $name", ({ groups, chosen, open }) => {
    expect([...initiallyOpenGroups(groups, chosen)]).toEqual(open);
  });
});

/**
 * The concerns step for a catalogue of a few dozen: categories fold away, the common ones open, and a filter box
 * (with JavaScript) narrows the list while the citizen types. Pure: the form asks these two questions, nothing else.
 */

type Concern = { slug: string; name: string; description: string };
type Group = { slug: string; name: string; concerns: Concern[] };

/** How many categories, in the office's own order (most asked first), are open when the page is shown. */
export const OPEN_CATEGORIES = 2;

/** Lower case, without accents and with ß as ss: "Führungszeugnis" is found by "fuhrung" and by "führung". */
export function normalizeForSearch(text: string): string {
  return text
    .toLocaleLowerCase("de")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The concerns a typed query finds: every word of the query must occur in the concern's name, its description or its
 * category's name (word beginnings or inside words alike, since German compounds hide their parts: "ausweis" finds
 * "Personalausweis"). An empty query finds everything.
 */
export function matchingConcerns(groups: Group[], query: string): Set<string> {
  const words = normalizeForSearch(query).split(" ").filter(Boolean);
  const found = new Set<string>();
  for (const group of groups) {
    for (const concern of group.concerns) {
      const haystack = normalizeForSearch(`${concern.name} ${concern.description} ${group.name}`);
      if (words.every((word) => haystack.includes(word))) found.add(concern.slug);
    }
  }
  return found;
}

/** The categories open on arrival: the first few in the office's order, and every one holding a chosen concern. */
export function initiallyOpenGroups(groups: Group[], chosen: Iterable<string>, openCount = OPEN_CATEGORIES): Set<string> {
  const chosenSlugs = new Set(chosen);
  return new Set(groups.filter((group, index) => index < openCount || group.concerns.some((c) => chosenSlugs.has(c.slug))).map((g) => g.slug));
}

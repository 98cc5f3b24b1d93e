/**
 * The concerns step for a catalogue of a few dozen: categories fold away, the common ones (marked so by an
 * administrator, `concern_categories.open_by_default`) open, and a filter box
 * (with JavaScript) narrows the list while the citizen types. Pure: the form asks these two questions, nothing else.
 */

type Concern = { slug: string; name: string; description: string };
type Group = { slug: string; name: string; openByDefault: boolean; concerns: Concern[] };

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

/**
 * The categories open on arrival: those an administrator marked as common, every one holding a chosen concern, and a
 * catalogue's only category (folding the one list there is would just cost a click).
 */
export function initiallyOpenGroups(groups: Group[], chosen: Iterable<string>): Set<string> {
  const chosenSlugs = new Set(chosen);
  const isOpen = (group: Group) => group.openByDefault || groups.length === 1 || group.concerns.some((c) => chosenSlugs.has(c.slug));
  return new Set(groups.filter(isOpen).map((g) => g.slug));
}

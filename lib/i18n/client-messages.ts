/**
 * Which messages reach the browser. Server components translate on the server with the whole catalogue; only client
 * components need messages on the client, and whatever a `<NextIntlClientProvider>` is given is embedded in every
 * page's HTML. So each area passes only the namespaces its client components use (paths such as "booking" or
 * "hall.counter"): a citizen's page carries no staff, administration or hall texts.
 *
 * When a client component starts using another namespace, add it here for the areas that render it; a message
 * missing on the client shows its key instead of the text (the e2e specs read the texts).
 */
export const CLIENT_NAMESPACES = {
  /** The booking flow and manage pages (app/(public)/termin): the forms, the error summary, the action error texts. */
  public: ["common", "errors", "booking", "waitingList"],
  /** Staff and administration: their forms, the counter (hall.counter) and queue settings (hall.settings). */
  staff: ["common", "errors", "staff", "adminCatalogue", "adminPeople", "adminApiKeys", "hall.counter", "hall.settings"],
  /** The hall's screens: their client components (live refresh, call display) show no translated text. */
  hall: [],
} as const satisfies Record<string, readonly string[]>;

export type ClientArea = keyof typeof CLIENT_NAMESPACES;

type Messages = Record<string, unknown>;

const isMessages = (value: unknown): value is Messages => typeof value === "object" && value !== null && !Array.isArray(value);

/** The given namespaces of a catalogue, nested as in the catalogue; a path the catalogue does not have is left out. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {};
  for (const namespace of namespaces) {
    const keys = namespace.split(".");
    let source: unknown = messages;
    for (const key of keys) source = isMessages(source) ? source[key] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const key of keys.slice(0, -1)) {
      if (!isMessages(target[key])) target[key] = {};
      target = target[key] as Messages;
    }
    target[keys.at(-1)!] = source;
  }
  return picked;
}

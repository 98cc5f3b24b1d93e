import { createTranslator } from "use-intl/core";
import type { Language } from "@/lib/domain/enums";
import de from "./messages/de.json";
import en from "./messages/en.json";

/**
 * A translator outside any request (e-mails rendered in a transaction, the outbox worker, staff actions that write
 * to a citizen in the citizen's language).
 */
const CATALOGUES = { de, en } as const;

function createFor<N extends keyof typeof de>(language: Language, namespace: N) {
  return createTranslator({ locale: language, messages: CATALOGUES[language] as typeof de, namespace });
}

// A translator keeps its compiled messages; making one per e-mail compiled them anew inside the booking transaction.
const translators = new Map<string, unknown>();

export function translatorFor<N extends keyof typeof de>(language: Language, namespace: N): ReturnType<typeof createFor<N>> {
  const key = `${language}:${namespace}`;
  let translator = translators.get(key) as ReturnType<typeof createFor<N>> | undefined;
  if (!translator) translators.set(key, (translator = withPlainTextsKept(createFor(language, namespace))));
  return translator;
}

/**
 * A message without values is the same text every time, so it is formatted once: a booking's e-mail and calendar
 * file ask for about twenty labels and headings, and each call through use-intl resolves the key and runs the
 * message format again (about 5 % of a booking request's CPU). Calls with values, and the translator's methods
 * (`rich`, `markup`, `raw`, `has`), go to use-intl as before.
 */
function withPlainTextsKept<T extends object>(translate: T): T {
  const plain = new Map<string, string>();
  const call = translate as unknown as (key: string, ...rest: unknown[]) => string;
  const kept = (key: string, ...rest: unknown[]) => {
    if (rest.some((argument) => argument !== undefined)) return call(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = call(key)));
    return text;
  };
  return Object.assign(kept, translate) as unknown as T;
}

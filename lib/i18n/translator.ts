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
  if (!translator) translators.set(key, (translator = createFor(language, namespace)));
  return translator;
}

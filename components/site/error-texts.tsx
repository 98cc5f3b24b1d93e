"use client";

import { createContext, useContext } from "react";

export type ErrorTexts = { title: string; text: string; retry: string };

const ErrorTextsContext = createContext<ErrorTexts>({ title: "", text: "", retry: "" });

/**
 * The error page's texts, translated on the server by the layout: the error boundary (a client component) shows them
 * without bringing the translation code to every citizen page.
 */
export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts; children: React.ReactNode }) {
  return <ErrorTextsContext.Provider value={texts}>{children}</ErrorTextsContext.Provider>;
}

export function useErrorTexts(): ErrorTexts {
  return useContext(ErrorTextsContext);
}

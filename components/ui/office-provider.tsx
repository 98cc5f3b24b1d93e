"use client";

import { createContext, useContext } from "react";

type Office = { phone: string };
const OfficeContext = createContext<Office>({ phone: "" });

/**
 * Office facts client components need in messages (the phone number to call when something goes wrong). Apart from
 * office-context.tsx so that a page without translated client components loads no translation code for it.
 */
export function OfficeProvider({ phone, children }: { phone: string; children: React.ReactNode }) {
  return <OfficeContext.Provider value={{ phone }}>{children}</OfficeContext.Provider>;
}

export function useOffice(): Office {
  return useContext(OfficeContext);
}

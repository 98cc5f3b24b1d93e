import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { OfficeProvider, useActionErrorText } from "@/components/ui/office-context";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { ServiceBusyError } from "@/lib/errors";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import type { ActionState } from "./action-state";
import { publicAction } from "./public-action";
import { staffAction } from "./staff-action";

/**
 * A form whose write found the database busy (ServiceBusyError from the transaction helper) comes back with one calm,
 * form-level message and everything the person entered, through the wrappers alone: no action handles it itself.
 */
vi.mock("next/headers", () => ({
  // A JavaScript request: the wrapper leaves the title marker cookie alone (lib/actions/form-error-title.ts).
  headers: async () => new Headers({ "next-action": "test" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("@/lib/auth/staff", () => ({
  currentStaffAccess: async () => ({ user: { role: "staff" } }) as unknown as StaffAccess,
}));

let logged: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
}

const busyWrite = async (): Promise<void> => {
  throw new ServiceBusyError();
};

/** The form-level text a kit or booking form shows for a state, as useActionErrorText resolves it in the browser. */
function formMessage(state: ActionState, language: "de" | "en"): string {
  let text: string | undefined;
  function Probe() {
    text = useActionErrorText()(state);
    return null;
  }
  // Children as arguments (lint); the props' types ask for them in the props object too, hence the casts.
  const office = createElement(OfficeProvider, { phone: "0561 1234" } as ComponentProps<typeof OfficeProvider>, createElement(Probe));
  const intl = { locale: language, messages: language === "de" ? de : en } as unknown as ComponentProps<typeof NextIntlClientProvider>;
  renderToStaticMarkup(createElement(NextIntlClientProvider, intl, office));
  return text ?? "";
}

describe("a write the database was too busy for, through the action wrappers", () => {
  it("the citizen's form comes back with the busy message and what was entered (but not the nonce)", async () => {
    const action = publicAction(z.object({ name: z.string(), nonce: z.string() }), busyWrite);
    const state = await action({ status: "idle" }, form({ name: "Erika Mustermann", nonce: "abcdefghijklmnop" }));
    expect(state).toEqual({ status: "error", code: "busy", fieldErrors: {}, values: { name: "Erika Mustermann" }, details: { retryAfterSeconds: 5 } });
    // Expected under load: no "unexpected error" in the log.
    expect(logged).not.toHaveBeenCalled();
    expect(formMessage(state, "de")).toBe(de.errors.busy);
    expect(formMessage(state, "en")).toBe(en.errors.busy);
    expect(de.errors.busy).toMatch(/in einem Moment noch einmal/);
  });

  it("a staff form likewise", async () => {
    const action = staffAction("staff", z.object({ title: z.string() }), busyWrite);
    const state = await action({ status: "idle" }, form({ title: "Schließung Rathaus" }));
    expect(state).toMatchObject({ status: "error", code: "busy", values: { title: "Schließung Rathaus" } });
    expect(logged).not.toHaveBeenCalled();
    expect(formMessage(state, "de")).toBe(de.errors.busy);
  });

  it("a read that found no free database connection in time (outside any write transaction) is busy too, not unexpected", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const action = publicAction(z.object({ name: z.string() }), async () => {
      throw new Error("timeout exceeded when trying to connect");
    });
    const state = await action({ status: "idle" }, form({ name: "Erika Mustermann" }));
    expect(state).toMatchObject({ status: "error", code: "busy", values: { name: "Erika Mustermann" } });
    expect(logged).not.toHaveBeenCalled();
    // The reason for an operator, no request data.
    expect(warned.mock.calls.flat().join(" ")).toMatch(/connection/);
    expect(warned.mock.calls.flat().join(" ")).not.toContain("Erika");
  });

  it("an unexpected error still reads as unexpected (the busy text is for waits only)", async () => {
    const action = publicAction(z.object({}), async () => {
      throw new TypeError("a bug");
    });
    const state = await action({ status: "idle" }, form({}));
    expect(state).toMatchObject({ status: "error", code: "unexpected" });
    expect(formMessage(state, "de")).not.toBe(de.errors.busy);
  });
});

import { describe, expect, it } from "vitest";
import { renderBookingEmail, type BookingEmailData } from "./templates";

const data = (overrides: Partial<BookingEmailData> = {}): BookingEmailData => ({
  kind: "booking_confirmation",
  language: "de",
  officeName: "Bürgerbüro Musterstadt",
  officePhone: "05121 9876-0",
  citizenName: "Lukas Schmidt",
  referenceCode: "ACDE-3467",
  startsAt: new Date("2026-12-08T08:00:00Z"),
  endsAt: new Date("2026-12-08T08:20:00Z"),
  timeZone: "Europe/Berlin",
  location: { name: "Rathaus", street: "Rathausplatz 1", postalCode: "31134", city: "Musterstadt", directions: null },
  items: [{ name: "Personalausweis", quantity: 1 }],
  checklist: { required: [], conditional: [] },
  totalFeeCents: null,
  manageUrl: "https://termine.example/termin/verwalten/x",
  cancellationCutoffMinutes: 120,
  ...overrides,
});

describe("check-in at the kiosk in the confirmation", () => {
  it("explains it and carries the booking number as a QR code where a kiosk is in use", () => {
    const mail = renderBookingEmail(data({ kioskCheckIn: true }));
    expect(mail.text).toContain("Kiosk");
    expect(mail.text).toContain("Buchungsnummer: ACDE-3467");
    expect(mail.html).toMatch(/<table role="img" aria-label="QR-Code mit Ihrer Buchungsnummer ACDE-3467"/);
    // Version 1 (21 × 21 modules) plus the quiet zone: 25 rows of 25 cells.
    const qr = mail.html.slice(mail.html.indexOf('<table role="img"'));
    expect(qr.slice(0, qr.indexOf("</table>")).match(/<tr>/g)).toHaveLength(25);
  });

  it.each([
    ["no kiosk", data({ kioskCheckIn: false })],
    ["a cancellation", data({ kioskCheckIn: true, kind: "booking_cancelled", manageUrl: null })],
  ])("says nothing of it for %s", (_name, input) => {
    const mail = renderBookingEmail(input);
    expect(mail.html).not.toContain('role="img"');
    expect(mail.text).not.toContain("Kiosk");
  });
});

describe("the checklist in the confirmation", () => {
  const checklist: BookingEmailData["checklist"] = {
    required: [{ name: "Aktuelles biometrisches Passfoto", hint: null, quantity: 2 }],
    conditional: [{ name: "Geburtsurkunde", hint: "Bei Namensänderung auch die Eheurkunde.", quantity: 1, conditions: ["Nur beim ersten Ausweisdokument"] }],
  };

  it("lists documents needed only if … apart, each with its condition, in text and HTML", () => {
    const mail = renderBookingEmail(data({ checklist }));
    const text = mail.text.split("\n");
    const required = text.indexOf("Bitte mitbringen:");
    const conditional = text.indexOf("Nur in bestimmten Fällen mitbringen:");
    expect(text[required + 1]).toBe("[ ] 2 × Aktuelles biometrisches Passfoto");
    expect(conditional).toBeGreaterThan(required + 1);
    expect(text[conditional + 1]).toBe("[ ] 1 × Geburtsurkunde (Nur beim ersten Ausweisdokument) – Bei Namensänderung auch die Eheurkunde.");
    expect(text.slice(required, conditional).join("\n")).not.toContain("Geburtsurkunde");

    const [before, after] = mail.html.split("Nur in bestimmten Fällen mitbringen</h3>");
    expect(before).toContain("<strong>2 × Aktuelles biometrisches Passfoto</strong>");
    expect(before).not.toContain("Geburtsurkunde");
    expect(after).toContain("<strong>1 × Geburtsurkunde</strong><br>Nur beim ersten Ausweisdokument");
  });

  it("speaks English too", () => {
    const mail = renderBookingEmail(data({ language: "en", checklist: { required: [], conditional: [{ ...checklist.conditional[0]!, conditions: ["Only for a first ID document"] }] } }));
    expect(mail.text).toContain("Bring only in certain cases:");
    expect(mail.text).not.toContain("You do not need any particular documents");
    expect(mail.text).not.toContain("Please bring:");
  });

  it("says nothing is needed only when both lists are empty", () => {
    expect(renderBookingEmail(data()).text).toContain("Für dieses Anliegen brauchen Sie keine besonderen Unterlagen.");
  });
});

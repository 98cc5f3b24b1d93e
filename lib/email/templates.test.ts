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

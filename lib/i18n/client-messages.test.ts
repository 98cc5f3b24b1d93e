import { describe, expect, it } from "vitest";
import de from "./messages/de.json";
import hall from "./messages/hall.de.json";
import staff from "./messages/staff.de.json";
import { CLIENT_NAMESPACES, pickMessages } from "./client-messages";

const catalogue = { ...de, ...staff, ...hall };

describe("pickMessages", () => {
  it("keeps whole namespaces and nested paths, nested as in the catalogue", () => {
    const picked = pickMessages({ a: { x: "1", y: "2" }, b: { c: { d: "3" }, e: "4" }, f: "5" }, ["a", "b.c", "missing", "b.missing"]);
    expect(picked).toEqual({ a: { x: "1", y: "2" }, b: { c: { d: "3" } } });
  });

  it("gives citizen pages no staff, administration or hall texts", () => {
    const picked = pickMessages(catalogue, CLIENT_NAMESPACES.public);
    expect(Object.keys(picked).sort()).toEqual(["booking", "common", "errors"]);
    expect(JSON.stringify(picked)).not.toContain(staff.staff.login.title);
    expect(JSON.stringify(picked)).not.toContain(hall.hall.kiosk.withAppointment);
  });

  it("gives the staff area the counter's hall texts but not the kiosk's", () => {
    const picked = pickMessages(catalogue, CLIENT_NAMESPACES.staff) as { hall: Record<string, unknown> };
    expect(Object.keys(picked.hall).sort()).toEqual(["counter", "settings"]);
  });
});

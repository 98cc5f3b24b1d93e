import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forms } from "@/db/schema";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { seededContext } from "@/lib/testing/booking-fixtures";
import { auditEntriesOf, fieldErrorsOf } from "@/lib/testing/admin-forms";
import { signedInAccess } from "@/lib/testing/staff-access";
import { isAllowedFormHref } from "@/lib/validation/admin-catalogue";
import type { ServiceContext } from "../../context";
import { createForm, deleteForm, updateForm } from "./downloadable-forms";

let fixture: Awaited<ReturnType<typeof seededContext>>;
let context: ServiceContext;
let admin: StaffAccess;
beforeEach(async () => {
  fixture = await seededContext();
  context = fixture.context;
  admin = await signedInAccess(context, "admin");
});
afterEach(() => fixture.cleanup());

const auditEntries = async (action: string) => auditEntriesOf(context.db, action);

describe("downloadable forms", () => {
  it.each([
    ["/forms/vollmacht.pdf", true],
    ["/forms/meldewesen/anmeldung.pdf", true],
    ["https://www.musterstadt.example/formulare/antrag.pdf", true],
    ["http://www.musterstadt.example/antrag.pdf", false],
    ["javascript:alert(1)", false],
    ["/forms/../etc/passwd", false],
    ["/downloads/antrag.pdf", false],
    ["//evil.example/antrag.pdf", false],
    ["https://user:pw@musterstadt.example/a.pdf", false],
    ["", false],
  ])("judges the link %j as allowed: %j", async (href, allowed) => {
    expect(isAllowedFormHref(href)).toBe(allowed);
  });

  it("creates, updates and deletes an unused form, with audit entries", async () => {
    const form = await createForm(admin, { titleDe: "Antrag Hundesteuer", titleEn: "Dog tax application", key: "", href: "/forms/hundesteuer.pdf" });
    expect(form.key).toBe("antrag-hundesteuer");
    await updateForm(admin, form.id, { titleDe: "Antrag Hundesteuer", titleEn: "Dog tax application", key: form.key, href: "https://www.musterstadt.example/hundesteuer.pdf" });
    expect((await context.db.select().from(forms).where(eq(forms.id, form.id)))[0]!.href).toBe("https://www.musterstadt.example/hundesteuer.pdf");
    await deleteForm(admin, form.id);
    expect(await Promise.all(["form.create", "form.update", "form.delete"].map(async (action) => (await auditEntries(action)).length))).toEqual([1, 1, 1]);
  });

  it("refuses an unsafe link and a form in use", async () => {
    expect(await fieldErrorsOf(async () => createForm(admin, { titleDe: "A", titleEn: "A", href: "http://example.org/a.pdf" }))).toEqual({ href: ["href_invalid"] });
    const used = (await context.db.select().from(forms).where(eq(forms.key, "vollmacht")))[0]!;
    await expect((async () => deleteForm(admin, used.id))()).rejects.toThrow(expect.objectContaining({ code: "conflict" }));
  });
});

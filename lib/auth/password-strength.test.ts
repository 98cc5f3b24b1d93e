import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import adminPeopleDe from "@/lib/i18n/messages/admin-people.de.json";
import adminPeopleEn from "@/lib/i18n/messages/admin-people.en.json";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import { assertPasswordAcceptable, passwordProblem, type PasswordProblem } from "./password-strength";

const ACCOUNT = ["dana.chefin@musterstadt.example", "Dana Chefin"];

describe("password policy", () => {
  it.each([
    { password: "Gelbe Tulpen tanzen im Regen" },
    { password: "Tannenbaum-Schneeflocke" },
    { password: "Mein Hund heißt Bello" },
    { password: "kx7#Pm2qLw9z" },
    { password: "correct horse battery" },
    // Spaces at either end do not count towards the length, but are allowed.
    { password: "  Blaue Brücke am Fluss  " },
  ])("accepts $password", ({ password }) => {
    expect(passwordProblem(password, ACCOUNT)).toBeNull();
  });

  it.each<{ password: string; problem: PasswordProblem; userInputs?: string[] }>([
    { password: " ".repeat(12), problem: "password_blank" },
    { password: "\t \n ".repeat(4), problem: "password_blank" },
    { password: "   kurz  Zeit   ", problem: "password_too_short" },
    { password: "  abcdefghij  ", problem: "password_too_short" },
    { password: "elf-Zeichen", problem: "password_too_short" },
    { password: "x".repeat(201), problem: "password_too_long" },
    { password: "123456789012", problem: "password_common" },
    { password: "Administrator", problem: "password_common" },
    { password: "1qaz2wsx3edc", problem: "password_common" },
    { password: "qwertyuiopasdfgh", problem: "password_weak" },
    { password: "password1234", problem: "password_common" },
    { password: "passwort1234", problem: "password_weak" },
    { password: "Passwort2026!", problem: "password_weak" },
    { password: "Password123!", problem: "password_weak" },
    { password: "Musterstadt2026", problem: "password_weak" },
    { password: "Bürgerbüro2026", problem: "password_weak" },
    { password: "Sommer2026!!", problem: "password_weak" },
    { password: "Hallo1234567", problem: "password_weak" },
    { password: "aaaaaaaaaaaa", problem: "password_weak" },
    { password: "1q2w3e4r5t6z", problem: "password_weak" },
    { password: "Schalke04Schalke04", problem: "password_weak" },
    // Built from the account's own name: easy for anyone who knows whose account it is.
    { password: "DanaChefin2026!", problem: "password_weak", userInputs: ACCOUNT },
  ])("rejects $password as $problem", ({ password, problem, userInputs }) => {
    expect(passwordProblem(password, userInputs)).toBe(problem);
  });

  it("throws a ValidationError whose field error on the password is a message key", () => {
    const check = () => assertPasswordAcceptable("Passwort2026!");
    expect(check).toThrow(ValidationError);
    expect(check).toThrow(expect.objectContaining({ code: "validation", fieldErrors: { password: ["password_weak"] } }));
    expect(() => assertPasswordAcceptable("Gelbe Tulpen tanzen im Regen", { userInputs: ACCOUNT })).not.toThrow();
  });

  it.each([
    { language: "de", own: adminPeopleDe.adminPeople.fieldErrors, shared: de.errors.fields },
    { language: "en", own: adminPeopleEn.adminPeople.fieldErrors, shared: en.errors.fields },
  ])("has words for every problem in the account forms ($language)", ({ own, shared }) => {
    const problems: PasswordProblem[] = ["password_blank", "password_too_short", "password_too_long", "password_common", "password_weak"];
    const texts: Record<string, string> = { ...shared, ...own };
    for (const problem of problems) expect(texts[problem], problem).toMatch(/\p{L}{3,}/u);
  });
});

import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as germanDictionary } from "@zxcvbn-ts/language-de";
import { ValidationError } from "@/lib/errors";
import { passwordShapeProblem, type PasswordShapeProblem } from "./password-policy";

/**
 * Whether a new password is good enough: the shape rules (lib/auth/password-policy.ts), then zxcvbn-ts with the
 * common-password list (~49,000 passwords from breach corpora), the German dictionaries (common words, names,
 * Wikipedia) and the keyboard layouts (qwertz included). Server-only: the dictionaries are megabytes and must never
 * reach the browser; the forms show the problem the server action returns.
 *
 * The bar is zxcvbn's top score, 4 (an estimated 10^10 guesses or more, "strong protection from offline slow-hash
 * scenario"). Staff accounts open citizens' personal data, and the case to withstand is a stolen database attacked
 * offline, where Argon2id slows but does not stop guessing. Score 3 still lets through the shapes that top every
 * German breach list – a word with a year and a mark ("Passwort2026!", "Sommer2026!!", "Kaffeemaschine2026") – while
 * a sentence of three or four words, or twelve random characters, reaches 4 easily.
 */
export const MIN_PASSWORD_SCORE = 4;

export type PasswordProblem = PasswordShapeProblem | "password_common" | "password_weak";

/** Words anyone guessing a password for this office tries first; the caller adds the account's and the office's. */
const APP_WORDS = ["terminvergabe", "termin", "bürgerbüro", "buergerbuero", "buergerbüro", "rathaus", "stadtverwaltung", "verwaltung", "musterstadt"];

let estimator: ZxcvbnFactory | undefined;
let listedPasswords: Set<string> | undefined;

/** Built on first use (~0.1 s to rank the dictionaries), since only account changes and the CLI need it. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...germanDictionary },
    graphs: adjacencyGraphs,
  });
  return estimator;
}

/**
 * The whole password, in any letter case, is on the common-password list. Asked of the list itself: zxcvbn reports
 * the cheapest way to guess, which may split a listed password into words ("Admin" + "istrator").
 */
function isListedPassword(password: string): boolean {
  listedPasswords ??= new Set(commonDictionary["passwords-common"].map((entry) => String(entry).toLowerCase()));
  return listedPasswords.has(password.trim().toLowerCase());
}

/**
 * The first problem of a new password, or null. `userInputs` are things about this account and office (e-mail,
 * name, office name, town): a password built from them is easy to guess for anyone who knows whose it is.
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): PasswordProblem | null {
  const shape = passwordShapeProblem(password);
  if (shape) return shape;
  if (isListedPassword(password)) return "password_common";
  const result = zxcvbn().check(password, [...APP_WORDS, ...userInputs.flatMap(wordsOf)]);
  return result.score < MIN_PASSWORD_SCORE ? "password_weak" : null;
}

/**
 * For the services that set a password (account creation, reset) and the CLI: throws a ValidationError whose field
 * error on `password` is a message key (password_blank, password_too_short, password_too_long, password_common,
 * password_weak) that the forms show in words.
 */
export function assertPasswordAcceptable(password: string, options: { userInputs?: readonly string[] } = {}): void {
  const problem = passwordProblem(password, options.userInputs);
  if (problem) throw new ValidationError("password not acceptable", { password: [problem] });
}

/** "dana.chefin@stadt.de" → the whole and its parts, so "Chefin2026…" counts as built from the account. */
function wordsOf(input: string): string[] {
  const whole = input.trim().toLowerCase();
  if (whole.length === 0) return [];
  const parts = whole.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3);
  return [whole, ...parts];
}

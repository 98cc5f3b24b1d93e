/**
 * The rules a password's shape must meet, shared by forms in the browser and the server; kept apart from the hashing
 * module and from the dictionary check (lib/auth/password-strength.ts), which are server-only. Problems are message
 * keys the forms show in words (adminPeople.fieldErrors, errors.fields).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordShapeProblem = "password_blank" | "password_too_short" | "password_too_long";

/**
 * Length is counted in characters (an emoji is one), without the spaces at either end: twelve spaces, or a short
 * password padded with them, are not twelve characters of secret. The password itself is kept as typed.
 */
export function passwordShapeProblem(password: string): PasswordShapeProblem | null {
  const trimmed = password.trim();
  if (trimmed.length === 0) return "password_blank";
  if ([...trimmed].length < MIN_PASSWORD_LENGTH) return "password_too_short";
  if ([...password].length > MAX_PASSWORD_LENGTH) return "password_too_long";
  return null;
}

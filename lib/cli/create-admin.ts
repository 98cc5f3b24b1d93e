/**
 * Creates a staff or admin account on a fresh production database:
 *   npm run admin:create -- --email chefin@stadt.de --name "Dana Chefin" [--role staff]
 * The password is asked for twice without echo, or read from standard input when it is not a terminal:
 *   printf '%s\n' "$ADMIN_PASSWORD" | npm run admin:create -- --email … --name …
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { closeAppDatabase, migrateAppDatabase, openAppDatabase } from "@/db/client";
import { databasePathFrom } from "@/lib/env";
import type { AppDatabase } from "@/db/client";
import { assertPasswordAcceptable } from "@/lib/auth/password-strength";
import { isAppError, ValidationError } from "@/lib/errors";
import { createStaffAccountFromCli } from "@/lib/services/staff-accounts";

const MESSAGES: Record<string, string> = {
  email_invalid: "That is not a valid e-mail address.",
  password_blank: "The password must not consist of spaces only.",
  password_too_short: "The password must have at least 12 characters (not counting spaces at either end).",
  password_too_long: "The password must have at most 200 characters.",
  password_common: "This password is on lists of commonly used or stolen passwords. Please choose another one.",
  password_weak:
    "This password is too easy to guess (a known word with a year, a run of digits, a keyboard pattern, or the name or e-mail of the account). Several words that do not belong together work better.",
  name_required: "Please give a name (--name).",
};

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return "";
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    let muted = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!muted) write(s);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
  });
  if (!values.email || !values.name) {
    console.error('Usage: npm run admin:create -- --email someone@example.org --name "Full Name" [--role admin|staff]');
    process.exit(2);
  }
  const password = await readPassword("Password (at least 12 characters): ");
  if (process.stdin.isTTY && (await readPassword("Repeat the password: ")) !== password) {
    console.error("The passwords do not match.");
    process.exit(1);
  }
  const target = { databasePath: databasePathFrom(process.env), databaseUrl: process.env.DATABASE_URL?.trim() || null };
  await migrateAppDatabase(target);
  const db: AppDatabase = openAppDatabase(target);
  try {
    // Checked here as well as in the service: the operator sets the first admin's password, the most valuable one.
    assertPasswordAcceptable(password, { userInputs: [values.email, values.name] });
    const user = await createStaffAccountFromCli(db, {
      email: values.email,
      name: values.name,
      role: values.role === "staff" ? "staff" : "admin",
      password,
    });
    console.log(`Created ${user.role} account ${user.email} (id ${user.id}).`);
  } catch (error) {
    if (error instanceof ValidationError) {
      printFieldErrors(error);
      process.exit(1);
    }
    if (isAppError(error) && error.code === "email_taken") {
      console.error(`An account with the e-mail ${values.email} already exists.`);
      process.exit(1);
    }
    throw error;
  } finally {
    await closeAppDatabase(db);
  }
}

function printFieldErrors(error: ValidationError): void {
  for (const [field, codes] of Object.entries(error.fieldErrors)) {
    for (const code of codes) console.error(`${field}: ${MESSAGES[code] ?? code}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { staffUsers, type StaffUser } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError, ValidationError } from "@/lib/errors";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import { staffAccountSchema, type StaffAccountInput } from "@/lib/validation/staff";
import { recordAudit, type Actor } from "./audit";

export type PublicStaffUser = Omit<StaffUser, "passwordHash">;

export function withoutSecrets(user: StaffUser): PublicStaffUser {
  const { passwordHash: _omitted, ...rest } = user;
  return rest;
}

export async function createStaffAccount(db: AppDatabase, actor: Actor, input: StaffAccountInput): Promise<PublicStaffUser> {
  const parsed = staffAccountSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError("invalid staff account", fieldErrorsFrom(parsed.error));
  }
  const { password, ...account } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction(
    (tx) => {
      const existing = tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, account.email)).get();
      if (existing) throw new AppError("email_taken", "an account with this e-mail exists");
      const user = tx.insert(staffUsers).values({ ...account, passwordHash }).returning().get();
      recordAudit(tx, actor, { action: "staff.create", entityType: "staff_user", entityId: user.id, after: withoutSecrets(user) });
      return withoutSecrets(user);
    },
    { behavior: "immediate" },
  );
}

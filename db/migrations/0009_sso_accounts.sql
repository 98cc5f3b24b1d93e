-- Written by hand instead of drizzle-kit's table rebuild. db/migrate.ts runs every migration in one transaction with
-- foreign keys on, where `PRAGMA foreign_keys=OFF` does nothing: `DROP TABLE staff_users` would then empty the table
-- first and fire its ON DELETE actions, deleting all sessions and clearing the account of every audit entry, booking
-- and API key. Adding, copying, dropping and renaming columns changes the table in place, so nothing cascades.
-- The password hash becomes nullable (accounts that sign in only through single sign-on have none).
ALTER TABLE `staff_users` ADD `password_hash_nullable` text;--> statement-breakpoint
UPDATE `staff_users` SET `password_hash_nullable` = `password_hash`;--> statement-breakpoint
ALTER TABLE `staff_users` DROP COLUMN `password_hash`;--> statement-breakpoint
ALTER TABLE `staff_users` RENAME COLUMN `password_hash_nullable` TO `password_hash`;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `sso_issuer` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `sso_subject` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `sso_access` text;--> statement-breakpoint
DROP INDEX `staff_users_email_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_sso_identity_unique` ON `staff_users` (`sso_issuer`,`sso_subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_local_email_unique` ON `staff_users` (`email`) WHERE sso_subject is null;

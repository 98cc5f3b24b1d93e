-- Sign-in throttling counts failures per (account, client address) pair and per client address, under keyed hashes
-- (lib/auth/throttle.ts). The old rows (plain e-mail keys, unkeyed address hashes, fixed 15-minute locks) mean nothing
-- under the new rules and hold personal data, so the table starts empty. Hand-written (drizzle-kit would ask whether
-- the columns were renamed); the snapshot beside it matches db/schema/staff-users.ts.
DROP TABLE `login_throttle`;
--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_throttle_last_failure_idx` ON `login_throttle` (`last_failure_at`);

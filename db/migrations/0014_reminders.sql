ALTER TABLE `locations` ADD `reminders_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `locations` ADD `reminder_days_before` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `locations` ADD `reminder_hour` integer DEFAULT 9 NOT NULL;--> statement-breakpoint
ALTER TABLE `bookings` ADD `link_nonce` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `rescheduled_at` integer;
CREATE TABLE `no_show_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer,
	`mailbox_hash` text NOT NULL,
	`occurred_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `no_show_marks_bookingId_unique` ON `no_show_marks` (`booking_id`);--> statement-breakpoint
CREATE INDEX `no_show_marks_mailbox_idx` ON `no_show_marks` (`mailbox_hash`,`occurred_at`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `reminder_sent_at` integer;--> statement-breakpoint
ALTER TABLE `settings` ADD `no_show_limit` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `no_show_window_months` integer DEFAULT 6 NOT NULL;
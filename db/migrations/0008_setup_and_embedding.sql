ALTER TABLE `concerns` ADD `review_pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `frame_ancestors` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `mail_tested_at` integer;
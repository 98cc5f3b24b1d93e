CREATE TABLE `locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Berlin' NOT NULL,
	`federal_state` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL,
	`directions_de` text,
	`directions_en` text,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `locations_slug_unique` ON `locations` (`slug`);--> statement-breakpoint
CREATE TABLE `opening_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`location_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "opening_hours_weekday" CHECK("opening_hours"."weekday" between 1 and 7),
	CONSTRAINT "opening_hours_range" CHECK("opening_hours"."start_minute" >= 0 and "opening_hours"."end_minute" <= 1440 and "opening_hours"."start_minute" < "opening_hours"."end_minute")
);
--> statement-breakpoint
CREATE INDEX `opening_hours_location_idx` ON `opening_hours` (`location_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `concern_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_de` text NOT NULL,
	`name_en` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `concern_categories_slug_unique` ON `concern_categories` (`slug`);--> statement-breakpoint
CREATE TABLE `concerns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`category_id` integer NOT NULL,
	`name_de` text NOT NULL,
	`name_en` text NOT NULL,
	`description_de` text NOT NULL,
	`description_en` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`fee_cents` integer,
	`fee_note_de` text,
	`fee_note_en` text,
	`max_quantity` integer DEFAULT 1 NOT NULL,
	`leika_key` text,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `concern_categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "concerns_duration" CHECK("concerns"."duration_minutes" between 1 and 480),
	CONSTRAINT "concerns_max_quantity" CHECK("concerns"."max_quantity" between 1 and 20),
	CONSTRAINT "concerns_fee" CHECK("concerns"."fee_cents" is null or "concerns"."fee_cents" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `concerns_slug_unique` ON `concerns` (`slug`);--> statement-breakpoint
CREATE TABLE `concern_locations` (
	`concern_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	PRIMARY KEY(`concern_id`, `location_id`),
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `concern_documents` (
	`concern_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`per_item` integer DEFAULT false NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`concern_id`, `document_id`),
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "concern_documents_count" CHECK("concern_documents"."count" >= 1)
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_de` text NOT NULL,
	`name_en` text NOT NULL,
	`hint_de` text,
	`hint_en` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_key_unique` ON `documents` (`key`);--> statement-breakpoint
CREATE TABLE `concern_forms` (
	`concern_id` integer NOT NULL,
	`form_id` integer NOT NULL,
	PRIMARY KEY(`concern_id`, `form_id`),
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`title_de` text NOT NULL,
	`title_en` text NOT NULL,
	`href` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forms_key_unique` ON `forms` (`key`);--> statement-breakpoint
CREATE TABLE `capacity_window_concerns` (
	`window_id` integer NOT NULL,
	`concern_id` integer NOT NULL,
	PRIMARY KEY(`window_id`, `concern_id`),
	FOREIGN KEY (`window_id`) REFERENCES `capacity_windows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `capacity_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`location_id` integer NOT NULL,
	`weekday` integer,
	`valid_from` text,
	`valid_until` text,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`online_counters` integer NOT NULL,
	`staff_counters` integer DEFAULT 0 NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "capacity_windows_weekday" CHECK("capacity_windows"."weekday" is null or "capacity_windows"."weekday" between 1 and 7),
	CONSTRAINT "capacity_windows_range" CHECK("capacity_windows"."start_minute" >= 0 and "capacity_windows"."end_minute" <= 1440 and "capacity_windows"."start_minute" < "capacity_windows"."end_minute"),
	CONSTRAINT "capacity_windows_counters" CHECK("capacity_windows"."online_counters" >= 0 and "capacity_windows"."staff_counters" >= 0)
);
--> statement-breakpoint
CREATE INDEX `capacity_windows_location_idx` ON `capacity_windows` (`location_id`);--> statement-breakpoint
CREATE TABLE `closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`location_id` integer,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "closures_range" CHECK("closures"."starts_at" < "closures"."ends_at")
);
--> statement-breakpoint
CREATE INDEX `closures_range_idx` ON `closures` (`starts_at`,`ends_at`);--> statement-breakpoint
CREATE TABLE `walk_in_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`location_id` integer NOT NULL,
	`weekday` integer,
	`valid_from` text,
	`valid_until` text,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`counters` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "walk_in_blocks_weekday" CHECK("walk_in_blocks"."weekday" is null or "walk_in_blocks"."weekday" between 1 and 7),
	CONSTRAINT "walk_in_blocks_range" CHECK("walk_in_blocks"."start_minute" >= 0 and "walk_in_blocks"."end_minute" <= 1440 and "walk_in_blocks"."start_minute" < "walk_in_blocks"."end_minute"),
	CONSTRAINT "walk_in_blocks_counters" CHECK("walk_in_blocks"."counters" >= 1)
);
--> statement-breakpoint
CREATE INDEX `walk_in_blocks_location_idx` ON `walk_in_blocks` (`location_id`);--> statement-breakpoint
CREATE TABLE `booking_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer NOT NULL,
	`concern_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`fee_cents` integer,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "booking_items_quantity" CHECK("booking_items"."quantity" >= 1)
);
--> statement-breakpoint
CREATE INDEX `booking_items_booking_idx` ON `booking_items` (`booking_id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference_code` text NOT NULL,
	`manage_token_hash` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`channel` text NOT NULL,
	`location_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`counter` integer,
	`citizen_name` text NOT NULL,
	`email` text,
	`phone` text,
	`note` text,
	`language` text DEFAULT 'de' NOT NULL,
	`created_by_user_id` integer,
	`checked_in_at` integer,
	`finished_at` integer,
	`cancelled_at` integer,
	`anonymized_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "bookings_range" CHECK("bookings"."starts_at" < "bookings"."ends_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_referenceCode_unique` ON `bookings` (`reference_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_manageTokenHash_unique` ON `bookings` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `bookings_location_start_idx` ON `bookings` (`location_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_email_idx` ON `bookings` (`email`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_starts_at_idx` ON `bookings` (`starts_at`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'staff' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sessions_valid_from` integer NOT NULL,
	`last_login_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_email_unique` ON `staff_users` (`email`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`lead_time_minutes` integer DEFAULT 120 NOT NULL,
	`horizon_days` integer DEFAULT 56 NOT NULL,
	`slot_grid_minutes` integer DEFAULT 10 NOT NULL,
	`cancellation_cutoff_minutes` integer DEFAULT 120 NOT NULL,
	`max_active_bookings_per_email` integer DEFAULT 3 NOT NULL,
	`retention_days` integer DEFAULT 14 NOT NULL,
	`office_name` text DEFAULT 'Bürgerbüro' NOT NULL,
	`operator_name` text DEFAULT '' NOT NULL,
	`operator_street` text DEFAULT '' NOT NULL,
	`operator_postal_code` text DEFAULT '' NOT NULL,
	`operator_city` text DEFAULT '' NOT NULL,
	`operator_representative` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`accessibility_contact_email` text DEFAULT '' NOT NULL,
	`data_protection_officer` text DEFAULT '' NOT NULL,
	`supervisory_authority` text DEFAULT '' NOT NULL,
	`vat_id` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "settings_singleton" CHECK("settings"."id" = 1),
	CONSTRAINT "settings_positive" CHECK("settings"."lead_time_minutes" >= 0 and "settings"."horizon_days" >= 1 and "settings"."cancellation_cutoff_minutes" >= 0 and "settings"."max_active_bookings_per_email" >= 1 and "settings"."retention_days" >= 1),
	CONSTRAINT "settings_grid" CHECK("settings"."slot_grid_minutes" in (5, 10, 15, 20, 30))
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`booking_id` integer,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`attachments` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`provider_message_id` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_booking_idx` ON `email_outbox` (`booking_id`);
CREATE TABLE `waiting_list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text DEFAULT 'unconfirmed' NOT NULL,
	`citizen_name` text NOT NULL,
	`email` text NOT NULL,
	`mailbox` text NOT NULL,
	`language` text DEFAULT 'de' NOT NULL,
	`concern_key` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`expires_at` integer NOT NULL,
	`token_hash` text NOT NULL,
	`confirmed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "waiting_list_entries_range" CHECK("waiting_list_entries"."from_date" <= "waiting_list_entries"."to_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_list_entries_tokenHash_unique` ON `waiting_list_entries` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_list_entries_mailbox_concerns_idx` ON `waiting_list_entries` (`mailbox`,`concern_key`);--> statement-breakpoint
CREATE INDEX `waiting_list_entries_order_idx` ON `waiting_list_entries` (`status`,`confirmed_at`);--> statement-breakpoint
CREATE TABLE `waiting_list_items` (
	`entry_id` integer NOT NULL,
	`concern_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `concern_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `waiting_list_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "waiting_list_items_quantity" CHECK("waiting_list_items"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE `waiting_list_locations` (
	`entry_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `location_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `waiting_list_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `waiting_list_locations_location_idx` ON `waiting_list_locations` (`location_id`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `held_until` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `hold_purpose` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `waiting_list_entry_id` integer REFERENCES waiting_list_entries(id);--> statement-breakpoint
CREATE INDEX `bookings_held_until_idx` ON `bookings` (`status`,`held_until`);--> statement-breakpoint
CREATE INDEX `bookings_waiting_list_entry_idx` ON `bookings` (`waiting_list_entry_id`);--> statement-breakpoint
ALTER TABLE `settings` ADD `offer_hold_hours` integer DEFAULT 12 NOT NULL;
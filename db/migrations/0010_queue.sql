CREATE TABLE `counter_concerns` (
	`location_id` integer NOT NULL,
	`counter` integer NOT NULL,
	`concern_id` integer NOT NULL,
	PRIMARY KEY(`location_id`, `counter`, `concern_id`),
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "counter_concerns_counter" CHECK("counter_concerns"."counter" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE `queue_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`location_id` integer NOT NULL,
	`service_date` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`booking_id` integer,
	`concern_id` integer,
	`status_token_hash` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`counter` integer,
	`language` text DEFAULT 'de' NOT NULL,
	`arrived_at` integer NOT NULL,
	`called_at` integer,
	`last_called_at` integer,
	`service_started_at` integer,
	`finished_at` integer,
	`call_count` integer DEFAULT 0 NOT NULL,
	`called_by_user_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`called_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "queue_entries_kind" CHECK(("queue_entries"."kind" = 'appointment') = ("queue_entries"."booking_id" is not null)),
	CONSTRAINT "queue_entries_counter" CHECK("queue_entries"."counter" is null or "queue_entries"."counter" between 1 and 99)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queue_entries_statusTokenHash_unique` ON `queue_entries` (`status_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `queue_entries_number_unique` ON `queue_entries` (`location_id`,`service_date`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `queue_entries_booking_unique` ON `queue_entries` (`booking_id`);--> statement-breakpoint
CREATE INDEX `queue_entries_day_status_idx` ON `queue_entries` (`location_id`,`service_date`,`status`);--> statement-breakpoint
ALTER TABLE `locations` ADD `walk_in_tickets_per_day` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `locations` ADD `appointment_priority_minutes` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `locations` ADD `kiosk_generation` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `locations` ADD `kiosk_in_use` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TRIGGER `queue_entries_insert_revision` AFTER INSERT ON `queue_entries` BEGIN INSERT INTO data_revisions (key, value) VALUES ('queue:' || NEW.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `queue_entries_update_revision` AFTER UPDATE ON `queue_entries` BEGIN INSERT INTO data_revisions (key, value) VALUES ('queue:' || NEW.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `queue_entries_delete_revision` AFTER DELETE ON `queue_entries` BEGIN INSERT INTO data_revisions (key, value) VALUES ('queue:' || OLD.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;

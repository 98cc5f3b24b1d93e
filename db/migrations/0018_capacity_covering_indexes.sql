DROP INDEX `booking_items_booking_idx`;--> statement-breakpoint
CREATE INDEX `booking_items_booking_idx` ON `booking_items` (`booking_id`,`concern_id`);--> statement-breakpoint
DROP INDEX `bookings_location_start_idx`;--> statement-breakpoint
CREATE INDEX `bookings_location_start_idx` ON `bookings` (`location_id`,`starts_at`,`ends_at`,`status`,`channel`);
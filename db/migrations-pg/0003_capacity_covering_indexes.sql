DROP INDEX "booking_items_booking_idx";--> statement-breakpoint
DROP INDEX "bookings_location_start_idx";--> statement-breakpoint
CREATE INDEX "booking_items_booking_idx" ON "booking_items" USING btree ("booking_id","concern_id");--> statement-breakpoint
CREATE INDEX "bookings_location_start_idx" ON "bookings" USING btree ("location_id","starts_at","ends_at","status","channel");
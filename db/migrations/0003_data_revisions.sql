CREATE TABLE `data_revisions` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `concerns_insert_revision` AFTER INSERT ON `concerns` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concerns_update_revision` AFTER UPDATE ON `concerns` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concerns_delete_revision` AFTER DELETE ON `concerns` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_categories_insert_revision` AFTER INSERT ON `concern_categories` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_categories_update_revision` AFTER UPDATE ON `concern_categories` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_categories_delete_revision` AFTER DELETE ON `concern_categories` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `documents_insert_revision` AFTER INSERT ON `documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `documents_update_revision` AFTER UPDATE ON `documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `documents_delete_revision` AFTER DELETE ON `documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_documents_insert_revision` AFTER INSERT ON `concern_documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_documents_update_revision` AFTER UPDATE ON `concern_documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_documents_delete_revision` AFTER DELETE ON `concern_documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `forms_insert_revision` AFTER INSERT ON `forms` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `forms_update_revision` AFTER UPDATE ON `forms` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `forms_delete_revision` AFTER DELETE ON `forms` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_forms_insert_revision` AFTER INSERT ON `concern_forms` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_forms_update_revision` AFTER UPDATE ON `concern_forms` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_forms_delete_revision` AFTER DELETE ON `concern_forms` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_locations_insert_revision` AFTER INSERT ON `concern_locations` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_locations_update_revision` AFTER UPDATE ON `concern_locations` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_locations_delete_revision` AFTER DELETE ON `concern_locations` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `locations_insert_revision` AFTER INSERT ON `locations` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `locations_update_revision` AFTER UPDATE ON `locations` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `locations_delete_revision` AFTER DELETE ON `locations` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `opening_hours_insert_revision` AFTER INSERT ON `opening_hours` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `opening_hours_update_revision` AFTER UPDATE ON `opening_hours` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `opening_hours_delete_revision` AFTER DELETE ON `opening_hours` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `capacity_windows_insert_revision` AFTER INSERT ON `capacity_windows` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `capacity_windows_update_revision` AFTER UPDATE ON `capacity_windows` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `capacity_windows_delete_revision` AFTER DELETE ON `capacity_windows` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `capacity_window_concerns_insert_revision` AFTER INSERT ON `capacity_window_concerns` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `capacity_window_concerns_update_revision` AFTER UPDATE ON `capacity_window_concerns` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `capacity_window_concerns_delete_revision` AFTER DELETE ON `capacity_window_concerns` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `walk_in_blocks_insert_revision` AFTER INSERT ON `walk_in_blocks` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `walk_in_blocks_update_revision` AFTER UPDATE ON `walk_in_blocks` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `walk_in_blocks_delete_revision` AFTER DELETE ON `walk_in_blocks` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `closures_insert_revision` AFTER INSERT ON `closures` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `closures_update_revision` AFTER UPDATE ON `closures` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `closures_delete_revision` AFTER DELETE ON `closures` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `settings_insert_revision` AFTER INSERT ON `settings` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `settings_update_revision` AFTER UPDATE ON `settings` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `settings_delete_revision` AFTER DELETE ON `settings` BEGIN INSERT INTO data_revisions (key, value) VALUES ('capacity', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bookings_insert_revision` AFTER INSERT ON `bookings` BEGIN INSERT INTO data_revisions (key, value) VALUES ('bookings:' || NEW.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bookings_update_revision` AFTER UPDATE ON `bookings` BEGIN INSERT INTO data_revisions (key, value) VALUES ('bookings:' || OLD.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; INSERT INTO data_revisions (key, value) VALUES ('bookings:' || NEW.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bookings_delete_revision` AFTER DELETE ON `bookings` BEGIN INSERT INTO data_revisions (key, value) VALUES ('bookings:' || OLD.location_id, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;

CREATE TABLE `document_alternatives` (
	`document_id` integer NOT NULL,
	`alternative_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `alternative_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`alternative_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "document_alternatives_distinct" CHECK("document_alternatives"."document_id" <> "document_alternatives"."alternative_id")
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_concern_documents` (
	`concern_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`scope` text DEFAULT 'once_per_visit' NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`condition_de` text,
	`condition_en` text,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`concern_id`, `document_id`),
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "concern_documents_count" CHECK("__new_concern_documents"."count" >= 1),
	CONSTRAINT "concern_documents_scope" CHECK("__new_concern_documents"."scope" in ('per_person', 'per_application', 'once_per_visit')),
	CONSTRAINT "concern_documents_condition" CHECK(("__new_concern_documents"."condition_de" is null) = ("__new_concern_documents"."condition_en" is null))
);
--> statement-breakpoint
INSERT INTO `__new_concern_documents`("concern_id", "document_id", "scope", "count", "condition_de", "condition_en", "position") SELECT "concern_id", "document_id", CASE WHEN "per_item" THEN 'per_application' ELSE 'once_per_visit' END, "count", NULL, NULL, "position" FROM `concern_documents`;--> statement-breakpoint
DROP TABLE `concern_documents`;--> statement-breakpoint
ALTER TABLE `__new_concern_documents` RENAME TO `concern_documents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
-- The rebuild dropped the table's change-counter triggers (0003_data_revisions): the catalogue cache needs them back.
CREATE TRIGGER `concern_documents_insert_revision` AFTER INSERT ON `concern_documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_documents_update_revision` AFTER UPDATE ON `concern_documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `concern_documents_delete_revision` AFTER DELETE ON `concern_documents` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `document_alternatives_insert_revision` AFTER INSERT ON `document_alternatives` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `document_alternatives_update_revision` AFTER UPDATE ON `document_alternatives` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
--> statement-breakpoint
CREATE TRIGGER `document_alternatives_delete_revision` AFTER DELETE ON `document_alternatives` BEGIN INSERT INTO data_revisions (key, value) VALUES ('catalogue', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1; END;

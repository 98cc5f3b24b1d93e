ALTER TABLE `concern_categories` ADD `open_by_default` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written (keep when regenerating): existing installations keep what the concerns step showed before the flag,
-- the first two categories in the office's order open.
UPDATE `concern_categories` SET `open_by_default` = 1 WHERE `id` IN (SELECT `id` FROM `concern_categories` ORDER BY `position`, `id` LIMIT 2);

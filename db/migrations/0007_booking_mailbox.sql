ALTER TABLE `bookings` ADD `mailbox` text;--> statement-breakpoint
CREATE INDEX `bookings_mailbox_idx` ON `bookings` (`mailbox`,`status`);--> statement-breakpoint
-- Existing bookings get their mailbox by the rule of lib/domain/mailbox.ts: lower case, "+tag" removed, dots ignored
-- at Gmail (googlemail.com counts as gmail.com).
UPDATE `bookings` SET `mailbox` = (
  SELECT CASE
    WHEN domain IN ('gmail.com', 'googlemail.com') THEN replace(local, '.', '') || '@gmail.com'
    ELSE local || '@' || domain
  END
  FROM (
    SELECT
      CASE WHEN instr(substr(e, 1, instr(e, '@') - 1), '+') > 1
        THEN substr(e, 1, instr(substr(e, 1, instr(e, '@') - 1), '+') - 1)
        ELSE substr(e, 1, instr(e, '@') - 1)
      END AS local,
      substr(e, instr(e, '@') + 1) AS domain
    FROM (SELECT lower(trim(`bookings`.`email`)) AS e)
  )
) WHERE `email` IS NOT NULL AND instr(`email`, '@') > 1;

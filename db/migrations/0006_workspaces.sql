ALTER TABLE `workspaces` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `invite_sets_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `invite_name` text;--> statement-breakpoint
-- Pending invites from before: the oldest open invite of an account without a password is the one that created it.
UPDATE `members` SET `invite_sets_password` = 1
WHERE `status` = 'invited'
  AND `user_id` IN (SELECT `id` FROM `users` WHERE `password_hash` IS NULL)
  AND `id` = (SELECT m2.`id` FROM `members` m2 WHERE m2.`user_id` = `members`.`user_id` ORDER BY m2.`created_at`, m2.`id` LIMIT 1);

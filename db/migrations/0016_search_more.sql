-- Search over insights and comments too (issue 14), same pattern as 0013: triggers on the source tables keep
-- `search_docs` (and through it the FTS5 index) in step with every writer. A comment's hit links to the record
-- it discusses, carried as parent_type / parent_id (null for every other kind).
ALTER TABLE `search_docs` ADD `parent_type` text;
--> statement-breakpoint
ALTER TABLE `search_docs` ADD `parent_id` text;
--> statement-breakpoint
-- Insights: title; claim and tags as the body.
CREATE TRIGGER `insights_search_ai` AFTER INSERT ON `insights` BEGIN
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('insight', NEW.`id`, NEW.`workspace_id`, NEW.`title`,
		coalesce(NEW.`claim`, '') || char(10) || coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.`tags`)), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `insights_search_au` AFTER UPDATE OF `title`, `claim`, `tags`, `workspace_id` ON `insights` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'insight' AND `id` = OLD.`id`;
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('insight', NEW.`id`, NEW.`workspace_id`, NEW.`title`,
		coalesce(NEW.`claim`, '') || char(10) || coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.`tags`)), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `insights_search_ad` AFTER DELETE ON `insights` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'insight' AND `id` = OLD.`id`;
END;
--> statement-breakpoint
-- Comments: titled after what they discuss (its title when written); the text as the body. A soft-deleted
-- comment leaves the index.
CREATE TRIGGER `comments_search_ai` AFTER INSERT ON `comments` WHEN NEW.`deleted_at` IS NULL BEGIN
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`, `parent_type`, `parent_id`) VALUES ('comment', NEW.`id`, NEW.`workspace_id`,
		'Comment on ' || coalesce(CASE NEW.`target_type`
			WHEN 'hypothesis' THEN (SELECT `title` FROM `hypotheses` WHERE `id` = NEW.`target_id`)
			WHEN 'cycle' THEN (SELECT `name` FROM `cycles` WHERE `id` = NEW.`target_id`)
			WHEN 'insight' THEN (SELECT `title` FROM `insights` WHERE `id` = NEW.`target_id`) END, 'a ' || NEW.`target_type`),
		NEW.`body`, NEW.`target_type`, NEW.`target_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `comments_search_au` AFTER UPDATE OF `body`, `deleted_at`, `workspace_id` ON `comments` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'comment' AND `id` = OLD.`id`;
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`, `parent_type`, `parent_id`) SELECT 'comment', NEW.`id`, NEW.`workspace_id`,
		'Comment on ' || coalesce(CASE NEW.`target_type`
			WHEN 'hypothesis' THEN (SELECT `title` FROM `hypotheses` WHERE `id` = NEW.`target_id`)
			WHEN 'cycle' THEN (SELECT `name` FROM `cycles` WHERE `id` = NEW.`target_id`)
			WHEN 'insight' THEN (SELECT `title` FROM `insights` WHERE `id` = NEW.`target_id`) END, 'a ' || NEW.`target_type`),
		NEW.`body`, NEW.`target_type`, NEW.`target_id`
	WHERE NEW.`deleted_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `comments_search_ad` AFTER DELETE ON `comments` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'comment' AND `id` = OLD.`id`;
END;
--> statement-breakpoint
-- Backfill what exists (the insert trigger on search_docs fills search_index).
INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`)
	SELECT 'insight', `id`, `workspace_id`, `title`,
		coalesce(`claim`, '') || char(10) || coalesce((SELECT group_concat(value, ' ') FROM json_each(`tags`)), '')
	FROM `insights`;
--> statement-breakpoint
INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`, `parent_type`, `parent_id`)
	SELECT 'comment', c.`id`, c.`workspace_id`,
		'Comment on ' || coalesce(CASE c.`target_type`
			WHEN 'hypothesis' THEN (SELECT `title` FROM `hypotheses` WHERE `id` = c.`target_id`)
			WHEN 'cycle' THEN (SELECT `name` FROM `cycles` WHERE `id` = c.`target_id`)
			WHEN 'insight' THEN (SELECT `title` FROM `insights` WHERE `id` = c.`target_id`) END, 'a ' || c.`target_type`),
		c.`body`, c.`target_type`, c.`target_id`
	FROM `comments` c WHERE c.`deleted_at` IS NULL;
--> statement-breakpoint
-- Share links to one insight (issue 14), like learning_shares: read-only, expiring, revocable, token stored hashed.
CREATE TABLE `insight_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`insight_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`insight_id`) REFERENCES `insights`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insight_shares_token_hash_unique` ON `insight_shares` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `insight_shares_insight` ON `insight_shares` (`workspace_id`, `insight_id`);

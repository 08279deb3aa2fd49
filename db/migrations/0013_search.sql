-- Full-text search (issue 14). `search_docs` holds one row per searchable record of any kind (type, id,
-- workspace_id, title, body); `search_index` is an FTS5 index over it (external content). Triggers on the
-- source tables keep it in step with every writer; new kinds (insights, comments) add their own triggers.
-- Derived data: not backed up (worker/backup/tables.ts), rebuilt by the triggers when a backup is restored.
CREATE TABLE `search_docs` (
	`doc_id` integer PRIMARY KEY,
	`type` text NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_record` ON `search_docs` (`type`, `id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	title, body, content='search_docs', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `search_docs_ai` AFTER INSERT ON `search_docs` BEGIN
	INSERT INTO `search_index` (rowid, title, body) VALUES (NEW.`doc_id`, NEW.`title`, NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_ad` AFTER DELETE ON `search_docs` BEGIN
	INSERT INTO `search_index` (`search_index`, rowid, title, body) VALUES ('delete', OLD.`doc_id`, OLD.`title`, OLD.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_au` AFTER UPDATE ON `search_docs` BEGIN
	INSERT INTO `search_index` (`search_index`, rowid, title, body) VALUES ('delete', OLD.`doc_id`, OLD.`title`, OLD.`body`);
	INSERT INTO `search_index` (rowid, title, body) VALUES (NEW.`doc_id`, NEW.`title`, NEW.`body`);
END;
--> statement-breakpoint
-- Hypotheses: title; change, audience, rationale and tags as the body. A deleted hypothesis leaves the index.
CREATE TRIGGER `hypotheses_search_ai` AFTER INSERT ON `hypotheses` WHEN NEW.`deleted_at` IS NULL BEGIN
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('hypothesis', NEW.`id`, NEW.`workspace_id`, NEW.`title`,
		coalesce(NEW.`change`, '') || char(10) || coalesce(NEW.`audience`, '') || char(10) || coalesce(NEW.`rationale`, '') || char(10) ||
		coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.`tags`)), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `hypotheses_search_au` AFTER UPDATE OF `title`, `change`, `audience`, `rationale`, `tags`, `deleted_at`, `workspace_id` ON `hypotheses` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'hypothesis' AND `id` = OLD.`id`;
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) SELECT 'hypothesis', NEW.`id`, NEW.`workspace_id`, NEW.`title`,
		coalesce(NEW.`change`, '') || char(10) || coalesce(NEW.`audience`, '') || char(10) || coalesce(NEW.`rationale`, '') || char(10) ||
		coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.`tags`)), '')
	WHERE NEW.`deleted_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `hypotheses_search_ad` AFTER DELETE ON `hypotheses` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'hypothesis' AND `id` = OLD.`id`;
END;
--> statement-breakpoint
-- Cycles: name; change as the body.
CREATE TRIGGER `cycles_search_ai` AFTER INSERT ON `cycles` BEGIN
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('cycle', NEW.`id`, NEW.`workspace_id`, NEW.`name`, coalesce(NEW.`change`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_search_au` AFTER UPDATE OF `name`, `change`, `workspace_id` ON `cycles` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'cycle' AND `id` = OLD.`id`;
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('cycle', NEW.`id`, NEW.`workspace_id`, NEW.`name`, coalesce(NEW.`change`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_search_ad` AFTER DELETE ON `cycles` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'cycle' AND `id` = OLD.`id`;
END;
--> statement-breakpoint
-- Learnings: title; summary and next steps as the body.
CREATE TRIGGER `learnings_search_ai` AFTER INSERT ON `learnings` BEGIN
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('learning', NEW.`id`, NEW.`workspace_id`, NEW.`title`,
		NEW.`summary` || char(10) || coalesce(NEW.`next_steps`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_search_au` AFTER UPDATE OF `title`, `summary`, `next_steps`, `workspace_id` ON `learnings` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'learning' AND `id` = OLD.`id`;
	INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`) VALUES ('learning', NEW.`id`, NEW.`workspace_id`, NEW.`title`,
		NEW.`summary` || char(10) || coalesce(NEW.`next_steps`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_search_ad` AFTER DELETE ON `learnings` BEGIN
	DELETE FROM `search_docs` WHERE `type` = 'learning' AND `id` = OLD.`id`;
END;
--> statement-breakpoint
-- Backfill what exists (the insert trigger on search_docs fills search_index).
INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`)
	SELECT 'hypothesis', `id`, `workspace_id`, `title`,
		coalesce(`change`, '') || char(10) || coalesce(`audience`, '') || char(10) || coalesce(`rationale`, '') || char(10) ||
		coalesce((SELECT group_concat(value, ' ') FROM json_each(`tags`)), '')
	FROM `hypotheses` WHERE `deleted_at` IS NULL;
--> statement-breakpoint
INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`)
	SELECT 'cycle', `id`, `workspace_id`, `name`, coalesce(`change`, '') FROM `cycles`;
--> statement-breakpoint
INSERT INTO `search_docs` (`type`, `id`, `workspace_id`, `title`, `body`)
	SELECT 'learning', `id`, `workspace_id`, `title`, `summary` || char(10) || coalesce(`next_steps`, '') FROM `learnings`;
--> statement-breakpoint
-- Share links (issue 14): one learning, read-only, expiring, revocable; the token is stored only as its SHA-256.
CREATE TABLE `learning_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`learning_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`learning_id`) REFERENCES `learnings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learning_shares_token_hash_unique` ON `learning_shares` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `learning_shares_learning` ON `learning_shares` (`workspace_id`, `learning_id`);

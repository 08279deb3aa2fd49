-- The program view, computed once per change of the workspace's data (issue 13). Every writer of a table the
-- view reads bumps the workspace's revision (triggers, so no writer can forget); a stored view holds while its
-- revision is current. Derived data: not backed up (worker/backup/tables.ts).
CREATE TABLE `workspace_revisions` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `program_views` (
	`workspace_id` text NOT NULL,
	`view_key` text NOT NULL,
	`revision` integer NOT NULL,
	`view` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `view_key`)
);
--> statement-breakpoint
CREATE TRIGGER `hypotheses_insert_workspace_revision` AFTER INSERT ON `hypotheses` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `hypotheses_update_workspace_revision` AFTER UPDATE ON `hypotheses` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `hypotheses_delete_workspace_revision` AFTER DELETE ON `hypotheses` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_insert_workspace_revision` AFTER INSERT ON `cycles` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_update_workspace_revision` AFTER UPDATE ON `cycles` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_delete_workspace_revision` AFTER DELETE ON `cycles` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_insert_workspace_revision` AFTER INSERT ON `snapshots` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_update_workspace_revision` AFTER UPDATE ON `snapshots` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_delete_workspace_revision` AFTER DELETE ON `snapshots` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_insert_workspace_revision` AFTER INSERT ON `learnings` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_update_workspace_revision` AFTER UPDATE ON `learnings` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_delete_workspace_revision` AFTER DELETE ON `learnings` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `objectives_insert_workspace_revision` AFTER INSERT ON `objectives` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `objectives_update_workspace_revision` AFTER UPDATE ON `objectives` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `objectives_delete_workspace_revision` AFTER DELETE ON `objectives` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `metrics_insert_workspace_revision` AFTER INSERT ON `metrics` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `metrics_update_workspace_revision` AFTER UPDATE ON `metrics` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `metrics_delete_workspace_revision` AFTER DELETE ON `metrics` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `channels_insert_workspace_revision` AFTER INSERT ON `channels` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `channels_update_workspace_revision` AFTER UPDATE ON `channels` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (NEW.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `channels_delete_workspace_revision` AFTER DELETE ON `channels` BEGIN
	INSERT INTO `workspace_revisions` (`workspace_id`, `revision`) VALUES (OLD.`workspace_id`, 1)
	ON CONFLICT (`workspace_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
-- A deleted workspace leaves no derived rows behind.
CREATE TRIGGER `workspaces_delete_program_views` AFTER DELETE ON `workspaces` BEGIN
	DELETE FROM `workspace_revisions` WHERE `workspace_id` = OLD.`id`;
	DELETE FROM `program_views` WHERE `workspace_id` = OLD.`id`;
END;

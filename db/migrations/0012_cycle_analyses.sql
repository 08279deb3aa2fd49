CREATE TABLE `cycle_analyses` (
	`cycle_id` text PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`analysis` text,
	`analysis_key` text
);
--> statement-breakpoint
CREATE TRIGGER `snapshots_insert_revision` AFTER INSERT ON `snapshots` BEGIN
	INSERT INTO `cycle_analyses` (`cycle_id`, `revision`) VALUES (NEW.`cycle_id`, 1)
	ON CONFLICT (`cycle_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_update_revision` AFTER UPDATE ON `snapshots` BEGIN
	INSERT INTO `cycle_analyses` (`cycle_id`, `revision`) VALUES (NEW.`cycle_id`, 1)
	ON CONFLICT (`cycle_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_delete_revision` AFTER DELETE ON `snapshots` BEGIN
	INSERT INTO `cycle_analyses` (`cycle_id`, `revision`) VALUES (OLD.`cycle_id`, 1)
	ON CONFLICT (`cycle_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_delete_analysis` AFTER DELETE ON `cycles` BEGIN
	DELETE FROM `cycle_analyses` WHERE `cycle_id` = OLD.`id`;
END;

CREATE TABLE `insights` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`title` text NOT NULL,
	`claim` text,
	`channel_id` text,
	`lever` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`method` text DEFAULT 'random' NOT NULL,
	`created_by` text NOT NULL,
	`published_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `insights_workspace` ON `insights` (`workspace_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `insight_citations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`insight_id` text NOT NULL,
	`cycle_id` text NOT NULL,
	`stance` text NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`insight_id`) REFERENCES `insights`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insight_citations_pair` ON `insight_citations` (`insight_id`,`cycle_id`);--> statement-breakpoint
CREATE INDEX `insight_citations_cycle` ON `insight_citations` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`week_start` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`figures` text NOT NULL,
	`narrative` text DEFAULT '' NOT NULL,
	`built_by` text NOT NULL,
	`built_at` text NOT NULL,
	`published_at` text,
	`published_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_week` ON `reviews` (`workspace_id`,`week_start`);--> statement-breakpoint
CREATE INDEX `cycles_workspace_closed` ON `cycles` (`workspace_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `cycles_workspace_launched` ON `cycles` (`workspace_id`,`launched_at`);

-- Snapshots get a version so a correction (replace a day's numbers, delete a wrong one) is a compare-and-swap.
ALTER TABLE `snapshots` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- A learning carries its hypothesis's funnel stage, like its channel and lever.
ALTER TABLE `learnings` ADD `funnel_stage` text;--> statement-breakpoint
-- Existing learnings (the demo published them without a channel) take channel, lever and funnel stage from their hypothesis.
UPDATE `learnings` SET
  `channel_id` = coalesce((SELECT `channel_id` FROM `hypotheses` h WHERE h.`id` = `learnings`.`hypothesis_id`), `channel_id`),
  `lever` = coalesce((SELECT `lever` FROM `hypotheses` h WHERE h.`id` = `learnings`.`hypothesis_id`), `lever`),
  `funnel_stage` = (SELECT `funnel_stage` FROM `hypotheses` h WHERE h.`id` = `learnings`.`hypothesis_id`);

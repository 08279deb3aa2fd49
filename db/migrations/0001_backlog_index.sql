-- The ranked backlog (listHypotheses, sort=score): live ideas of one workspace by ICE, unscored last.
-- The expressions match the query's WHERE and ORDER BY exactly, so SQLite walks this index and stops
-- after one page instead of sorting the workspace's whole backlog.
CREATE INDEX `hypotheses_backlog` ON `hypotheses` (`workspace_id`, coalesce(`ice_score`, -1) DESC, `id` DESC) WHERE `deleted_at` IS NULL;

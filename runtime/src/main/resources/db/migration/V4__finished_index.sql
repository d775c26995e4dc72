-- what the per-workflow activity summary (success rate over a window) scans
CREATE INDEX executions_finished ON executions (finished_at) WHERE finished_at IS NOT NULL;

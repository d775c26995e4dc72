-- The tick a scheduled execution was started for
ALTER TABLE executions ADD COLUMN scheduled_at TIMESTAMPTZ;

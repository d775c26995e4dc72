-- A step attempt is recorded as 'running' before it acts on the outside world, so a re-run after a crash counts
ALTER TABLE step_runs DROP CONSTRAINT step_runs_status_check;
ALTER TABLE step_runs ADD CONSTRAINT step_runs_status_check
    CHECK (status IN ('running', 'waiting', 'succeeded', 'failed', 'skipped'));

-- Every revision an execution began on, so any replica finishes it on that revision after restarts and rollouts
CREATE TABLE workflow_revisions (
    workflow    TEXT        NOT NULL,
    revision    TEXT        NOT NULL,
    definition  TEXT        NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow, revision)
);

-- the executions list of a workflow, newest first, by status
CREATE INDEX executions_by_workflow_status ON executions (workflow, status, created_at DESC);

-- the order steps started in (a step's row is written when it first starts; timestamps of one instant tie)
ALTER TABLE step_runs ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;

-- the execution's first step when it acts on the outside world: the first claim records its start in its statement
ALTER TABLE executions ADD COLUMN first_attempt TEXT;

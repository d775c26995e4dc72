-- Executions and their step checkpoints. Inputs and outputs are sealed (AES-256-GCM) before they are stored.
CREATE TABLE executions (
    id              UUID PRIMARY KEY,
    workflow        TEXT        NOT NULL,
    revision        TEXT        NOT NULL,
    trigger         TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out')),
    input           BYTEA,
    output          BYTEA,
    error           TEXT,
    idempotency_key TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    deadline        TIMESTAMPTZ NOT NULL,
    next_run_at     TIMESTAMPTZ NOT NULL,
    lease_owner     TEXT,
    lease_until     TIMESTAMPTZ,
    UNIQUE (workflow, idempotency_key)
);

-- what the claim query scans: unfinished work by due time
CREATE INDEX executions_due ON executions (next_run_at) WHERE status IN ('pending', 'running');
CREATE INDEX executions_by_workflow ON executions (workflow, created_at DESC);

CREATE TABLE step_runs (
    execution_id    UUID        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    step            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('waiting', 'succeeded', 'failed', 'skipped')),
    attempts        INT         NOT NULL,
    output          BYTEA,
    error           TEXT,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ,
    PRIMARY KEY (execution_id, step)
);

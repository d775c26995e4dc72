-- Signatures of accepted webhook requests within the replay window, shared by all replicas
CREATE TABLE webhook_deliveries (
    signature   TEXT PRIMARY KEY,
    workflow    TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_deliveries_age ON webhook_deliveries (received_at);

-- Grain state written many grains to a statement (PostgresStateStore): feeds, webhook outboxes and rollup
-- snapshots. Orleans' own table took one transaction per write, which at a plenary peak outnumbered the
-- ledger's commits ten to one. The key is the state's name and the grain's id; version is the ETag.
CREATE TABLE IF NOT EXISTS cg_grain_state (
    key        text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

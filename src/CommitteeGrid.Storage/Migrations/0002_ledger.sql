-- The ledger: one row per accepted change, and one row per count it credits to a member.
-- Paths and codes use the "C" collation so that a subtree (path prefix) is an index range scan.

CREATE TABLE IF NOT EXISTS cg_ledger (
    seq          bigserial PRIMARY KEY,
    stream       text COLLATE "C" NOT NULL,
    version      bigint NOT NULL,
    kind         text NOT NULL,
    payload      json NOT NULL,            -- json, not jsonb: replay needs the text exactly as written
    idem_key     text NOT NULL,
    request_hash text NOT NULL,
    actor_id     text NOT NULL,
    actor_role   text NOT NULL,
    actor_scope  text,
    actor_addr   text,
    occurred_at  timestamptz NOT NULL,
    subject      text COLLATE "C",
    CONSTRAINT cg_ledger_idem_key UNIQUE (idem_key),
    CONSTRAINT cg_ledger_stream_version UNIQUE (stream, version)
);

CREATE INDEX IF NOT EXISTS cg_ledger_subject ON cg_ledger (subject) WHERE subject IS NOT NULL;

CREATE TABLE IF NOT EXISTS cg_ledger_tally (
    seq     bigint NOT NULL REFERENCES cg_ledger (seq),
    stream  text COLLATE "C" NOT NULL,
    version bigint NOT NULL,
    member  text COLLATE "C" NOT NULL,
    path    text COLLATE "C" NOT NULL,
    year    int NOT NULL,
    counter text NOT NULL,
    delta   bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS cg_ledger_tally_seq ON cg_ledger_tally (seq);
CREATE INDEX IF NOT EXISTS cg_ledger_tally_member ON cg_ledger_tally (member, stream);
CREATE INDEX IF NOT EXISTS cg_ledger_tally_year_path ON cg_ledger_tally (year, path);

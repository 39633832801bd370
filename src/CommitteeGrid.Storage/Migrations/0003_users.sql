-- Users who can sign in, and the index the audit trail reads a subtree's entries through.

CREATE TABLE IF NOT EXISTS cg_users (
    name          text COLLATE "C" PRIMARY KEY,
    role          text NOT NULL,
    scope         text COLLATE "C" NOT NULL,
    password_hash text NOT NULL,               -- ASP.NET Core PasswordHasher (PBKDF2, salted, versioned)
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- GET /api/units/{code}/audit: entries crediting a member under a path prefix, newest first.
CREATE INDEX IF NOT EXISTS cg_ledger_tally_path ON cg_ledger_tally (path, seq);

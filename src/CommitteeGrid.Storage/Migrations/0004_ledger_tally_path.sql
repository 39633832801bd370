-- A subtree's counts of every year (an activity group's heal reads its members' tallies by path prefix,
-- any year) cannot use (year, path) as a range: at a million rows each such read walked the whole index.
-- (path, year) serves the group's read and, as a range plus a filter, the year-bound aggregations too.
CREATE INDEX IF NOT EXISTS cg_ledger_tally_path_year ON cg_ledger_tally (path, year);
DROP INDEX IF EXISTS cg_ledger_tally_year_path;

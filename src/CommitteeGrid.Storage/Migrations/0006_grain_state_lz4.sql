-- Grain-state payloads compressed with lz4 instead of pglz. A busy committee's notification feed is
-- tens of kilobytes and is written again every few seconds at a plenary peak; pglz compressing those
-- values took 9% of PostgreSQL's CPU. Values already stored stay as they are until next written.
-- A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE cg_grain_state ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; cg_grain_state keeps pglz';
END
$$;

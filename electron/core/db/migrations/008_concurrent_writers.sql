-- Schema 8 changes how the shared registry's PostgreSQL database stores and derives rows so that
-- concurrent writers collide less (../postgresql/008_concurrent_writers.sql). SQLite has one writer
-- at a time and no predicate locks, so there is nothing to change here; the version moves with it
-- so both engines keep one numbering.
SELECT 1;

-- Recomputes every standing profile from the assessments; run by migration 4 over existing data
-- and after a JSON restore, which inserts finalized assessments directly (no UPDATE fires).
DELETE FROM standing_profiles;
INSERT INTO standing_profiles SELECT * FROM standing_profile_source;

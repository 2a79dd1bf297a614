-- Recomputes every standing profile from the assessments; run by migrations 4 and 6 over existing data
-- and after a JSON restore, which inserts finalized assessments directly (no UPDATE fires).
DELETE FROM standing_profiles;
INSERT INTO standing_profiles SELECT * FROM standing_profile_source;

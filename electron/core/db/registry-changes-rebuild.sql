-- Every entity once, in a stable order: facilities by id, then people by id. Runs after a
-- migration creates the feed and after a restore (which renews the feed id), so no desktop
-- mistakes these numbers for a continuation of the ones it saw before.
DELETE FROM registry_changes;
INSERT INTO registry_changes (entity_type, entity_id, seq)
SELECT 'facility', id, ROW_NUMBER() OVER (ORDER BY id) FROM facilities;
INSERT INTO registry_changes (entity_type, entity_id, seq)
SELECT 'person', id, (SELECT count(*) FROM facilities) + ROW_NUMBER() OVER (ORDER BY id) FROM users;

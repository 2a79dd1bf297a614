-- PostgreSQL twin of ../migrations/009_change_feed.sql: the change feed desktops replicate from.
CREATE TABLE registry_changes (
  entity_type text NOT NULL CHECK (entity_type IN ('facility', 'person')),
  entity_id   integer NOT NULL,
  seq         bigint NOT NULL UNIQUE,
  PRIMARY KEY (entity_type, entity_id)
);

-- The registry's id is the one transferready_registry has held since the first migration.
CREATE TABLE registry_feed (
  singleton   integer PRIMARY KEY CHECK (singleton = 1),
  registry_id text NOT NULL,
  feed_id     text NOT NULL
);
INSERT INTO registry_feed (singleton, registry_id, feed_id)
SELECT 1, coalesce((SELECT registry_id FROM transferready_registry), gen_random_uuid()::text), replace(gen_random_uuid()::text, '-', '');

-- Kept only on a desktop; here so both engines have the same tables.
CREATE TABLE replica_link (
  singleton      integer PRIMARY KEY CHECK (singleton = 1),
  server_url     text NOT NULL,
  registry_id    text,
  feed_id        text,
  cursor         bigint NOT NULL DEFAULT 0,
  connected_at   text NOT NULL,
  last_pulled_at text,
  last_problem   text
);
CREATE TABLE replica_people (
  id           integer PRIMARY KEY,
  email        text NOT NULL,
  display_name text NOT NULL,
  grants_json  text NOT NULL
);

CREATE SEQUENCE registry_change_seq;

-- Many servers write at once here. A sequence number taken early but committed late would let a
-- desktop move its cursor past it and never see that change, so the number is taken under a
-- lock held until commit: numbers become visible in the order they were handed out. Drafts and
-- answer saves never reach this, so only finalize, amend, facility edits and role changes queue.
CREATE FUNCTION note_registry_change(kind text, id integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('transferready.registry_changes'));
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  VALUES (kind, id, nextval('registry_change_seq'))
  ON CONFLICT (entity_type, entity_id) DO UPDATE SET seq = EXCLUDED.seq;
END
$$;

CREATE FUNCTION registry_changes_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'facilities' THEN
    PERFORM note_registry_change('facility', NEW.id);
  ELSIF TG_TABLE_NAME = 'assessments' THEN
    IF NEW.state <> 'draft' AND (TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state) THEN
      PERFORM note_registry_change('facility', NEW.facility_id);
    END IF;
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM note_registry_change('person', NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM note_registry_change('person', OLD.user_id);
  ELSE
    PERFORM note_registry_change('person', NEW.user_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER registry_changes_facility AFTER INSERT OR UPDATE ON facilities
  FOR EACH ROW EXECUTE FUNCTION registry_changes_follow();
CREATE TRIGGER registry_changes_assessment AFTER INSERT OR UPDATE OF state ON assessments
  FOR EACH ROW EXECUTE FUNCTION registry_changes_follow();
CREATE TRIGGER registry_changes_person AFTER INSERT OR UPDATE OF email, display_name ON users
  FOR EACH ROW EXECUTE FUNCTION registry_changes_follow();
CREATE TRIGGER registry_changes_role AFTER INSERT OR DELETE ON role_grants
  FOR EACH ROW EXECUTE FUNCTION registry_changes_follow();

CREATE TABLE assessment_submissions (
  client_id     text PRIMARY KEY,
  assessment_id integer NOT NULL UNIQUE REFERENCES assessments (id),
  submitted_at  text NOT NULL
);

-- Kept only on a desktop; here so both engines have the same tables.
CREATE TABLE replica_outbox (
  client_id            text PRIMARY KEY,
  local_assessment_id  integer NOT NULL,
  facility_id          integer NOT NULL,
  submission_json      text NOT NULL,
  state                text NOT NULL CHECK (state IN ('pending', 'delivered', 'conflict', 'refused', 'withdrawn')),
  queued_at            text NOT NULL,
  attempted_at         text,
  delivered_at         text,
  server_assessment_id integer,
  server_message       text
);

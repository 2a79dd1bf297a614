-- The change feed desktops replicate from (issue 16). Every change to a facility (its record,
-- archive, a finalize or a supersession of its assessments) or to a person's roles moves that
-- entity to the next sequence number. One row per entity: a desktop that pulls from sequence N
-- gets each entity changed since then once, as it stands now, and a first pull reads one row
-- per facility rather than the registry's whole history.
CREATE TABLE registry_changes (
  entity_type TEXT NOT NULL CHECK (entity_type IN ('facility', 'person')),
  entity_id   INTEGER NOT NULL,
  seq         INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (entity_type, entity_id)
);

-- Which registry this is (never changes), and which run of its feed. A restore renews the feed
-- id, so a desktop whose cursor came from the registry as it was before starts again rather
-- than trust sequence numbers.
CREATE TABLE registry_feed (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  registry_id TEXT NOT NULL,
  feed_id     TEXT NOT NULL
);
INSERT INTO registry_feed (singleton, registry_id, feed_id) VALUES (1, lower(hex(randomblob(16))), lower(hex(randomblob(16))));

-- SQLite runs one writer at a time, so the next number is simply one more than the last. (Not
-- INSERT OR REPLACE: inside a trigger, the conflict clause of the statement that fired it wins.
-- And max(seq) on its own in its subquery: only then does SQLite read it from the index's end
-- instead of scanning the table, which made a 6,000-row import fifteen times slower.)
CREATE TRIGGER registry_changes_facility_added AFTER INSERT ON facilities
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'facility' AND entity_id = NEW.id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'facility', NEW.id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'facility' AND entity_id = NEW.id);
END;
CREATE TRIGGER registry_changes_facility_changed AFTER UPDATE ON facilities
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'facility' AND entity_id = NEW.id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'facility', NEW.id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'facility' AND entity_id = NEW.id);
END;
-- Drafts stay with their assessor; only finalize and supersession reach the feed.
CREATE TRIGGER registry_changes_assessment_state AFTER UPDATE OF state ON assessments
WHEN NEW.state <> 'draft' AND NEW.state IS NOT OLD.state
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'facility' AND entity_id = NEW.facility_id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'facility', NEW.facility_id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'facility' AND entity_id = NEW.facility_id);
END;
CREATE TRIGGER registry_changes_assessment_added AFTER INSERT ON assessments
WHEN NEW.state <> 'draft'
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'facility' AND entity_id = NEW.facility_id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'facility', NEW.facility_id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'facility' AND entity_id = NEW.facility_id);
END;
CREATE TRIGGER registry_changes_person_added AFTER INSERT ON users
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'person' AND entity_id = NEW.id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'person', NEW.id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'person' AND entity_id = NEW.id);
END;
CREATE TRIGGER registry_changes_person_changed AFTER UPDATE OF email, display_name ON users
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'person' AND entity_id = NEW.id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'person', NEW.id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'person' AND entity_id = NEW.id);
END;
CREATE TRIGGER registry_changes_role_granted AFTER INSERT ON role_grants
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'person' AND entity_id = NEW.user_id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'person', NEW.user_id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'person' AND entity_id = NEW.user_id);
END;
CREATE TRIGGER registry_changes_role_revoked AFTER DELETE ON role_grants
BEGIN
  UPDATE registry_changes SET seq = (SELECT max(seq) FROM registry_changes) + 1 WHERE entity_type = 'person' AND entity_id = OLD.user_id;
  INSERT INTO registry_changes (entity_type, entity_id, seq)
  SELECT 'person', OLD.user_id, coalesce((SELECT max(seq) FROM registry_changes), 0) + 1
   WHERE NOT EXISTS (SELECT 1 FROM registry_changes WHERE entity_type = 'person' AND entity_id = OLD.user_id);
END;

-- A desktop connected to a shared registry: where it pulls from and how far it has come.
-- Only a desktop fills it; on a server it stays empty.
CREATE TABLE replica_link (
  singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
  server_url     TEXT NOT NULL,
  registry_id    TEXT,
  feed_id        TEXT,
  cursor         INTEGER NOT NULL DEFAULT 0,
  connected_at   TEXT NOT NULL,
  last_pulled_at TEXT,
  last_problem   TEXT
);

-- The people and roles of the shared registry as the feed last said; a desktop's own users
-- and role_grants tables stay its own.
CREATE TABLE replica_people (
  id           INTEGER PRIMARY KEY,
  email        TEXT NOT NULL,
  display_name TEXT NOT NULL,
  grants_json  TEXT NOT NULL
);

-- Assessments submitted from desktops (issue 16), by the id the desktop gave the submission: a
-- desktop that sends one again (it never heard the answer) gets the same receipt, and the
-- registry stores it once.
CREATE TABLE assessment_submissions (
  client_id     TEXT PRIMARY KEY,
  assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id),
  submitted_at  TEXT NOT NULL
);

-- A desktop's outbox: assessments finalized here, offline or not, waiting for the shared
-- registry to accept them. An entry is never dropped without a person deciding so.
CREATE TABLE replica_outbox (
  client_id            TEXT PRIMARY KEY,
  local_assessment_id  INTEGER NOT NULL,
  facility_id          INTEGER NOT NULL,
  submission_json      TEXT NOT NULL,
  state                TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'conflict', 'refused', 'withdrawn')),
  queued_at            TEXT NOT NULL,
  attempted_at         TEXT,
  delivered_at         TEXT,
  server_assessment_id INTEGER,
  server_message       TEXT
);

-- Desktops signed in to this shared registry (RFC 8252 loopback sign-in): each holds a random
-- token, kept here only as its SHA-256, so every server behind a load balancer accepts it, a
-- restart keeps it, and a copy of this table signs nobody in.
CREATE TABLE desktop_sessions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT
);
CREATE INDEX desktop_sessions_by_user ON desktop_sessions (user_id);

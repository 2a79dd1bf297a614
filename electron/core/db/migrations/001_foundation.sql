-- Settings are small JSON values keyed by name (the user profile, the expiry period, ...).
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);

CREATE TABLE facilities (
  id            INTEGER PRIMARY KEY,
  -- CMS Certification Number, kept as text: leading zeros are part of it.
  ccn           TEXT UNIQUE,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  facility_type TEXT NOT NULL DEFAULT '',
  ownership     TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  city          TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT '',
  zip           TEXT NOT NULL DEFAULT '',
  county        TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  latitude      REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude     REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  notes         TEXT NOT NULL DEFAULT '',
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX facilities_by_name ON facilities (name COLLATE NOCASE);
CREATE INDEX facilities_by_state_city ON facilities (state, city);

-- Append-only record of every change: who, when, what, before and after.
CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  occurred_at TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_events_by_entity ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_by_time ON audit_events (occurred_at);

-- The trail must hold even against a careless hand with a SQL console.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- People of a shared registry, known by the identity provider's issuer and subject once they
-- have signed in; before that, a grant waits for them under their email address.
CREATE TABLE users (
  id                INTEGER PRIMARY KEY,
  issuer            TEXT,
  subject           TEXT,
  email             TEXT NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name      TEXT NOT NULL DEFAULT '',
  -- Raised whenever a grant is removed: a session signed in under an older version ends.
  roles_version     INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  last_signed_in_at TEXT,
  CHECK ((issuer IS NULL) = (subject IS NULL))
);
CREATE UNIQUE INDEX users_by_identity ON users (issuer, subject) WHERE issuer IS NOT NULL;
CREATE UNIQUE INDEX users_by_email ON users (email);

CREATE TABLE role_grants (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  role        TEXT NOT NULL CHECK (role IN ('registry_admin', 'assessor', 'physician', 'quality_analyst')),
  facility_id INTEGER REFERENCES facilities (id),
  granted_at  TEXT NOT NULL,
  granted_by  TEXT NOT NULL,
  CHECK (role <> 'assessor' OR facility_id IS NOT NULL),
  CHECK (role IN ('assessor', 'physician') OR facility_id IS NULL)
);
CREATE UNIQUE INDEX role_grants_once ON role_grants (user_id, role, coalesce(facility_id, 0));
CREATE INDEX role_grants_by_facility ON role_grants (facility_id);

-- The verified identity behind an audit event on a shared host; null for a desktop's profile.
ALTER TABLE audit_events ADD COLUMN actor_issuer TEXT;
ALTER TABLE audit_events ADD COLUMN actor_subject TEXT;
ALTER TABLE audit_events ADD COLUMN actor_email TEXT;

-- Who may read a case: its author (issuer#subject on a shared host; null on a desktop).
ALTER TABLE transfer_cases ADD COLUMN created_by_identity TEXT;
CREATE INDEX transfer_cases_by_author ON transfer_cases (created_by_identity);
CREATE INDEX transfer_cases_by_referring ON transfer_cases (referring_facility_id);

-- Patient data (PHI) lives in details_json here and in letters, and nowhere else.
CREATE TABLE transfer_cases (
  id                    INTEGER PRIMARY KEY,
  referring_facility_id INTEGER NOT NULL REFERENCES facilities (id),
  receiving_facility_id INTEGER REFERENCES facilities (id),
  details_json          TEXT NOT NULL,
  created_by_name       TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX transfer_cases_by_update ON transfer_cases (updated_at);

-- A draft is recomposed from live data with the physician's paragraph edits; issuing freezes
-- the content, the data it was built from and their SHA-256 for good.
CREATE TABLE letters (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES transfer_cases (id),
  audience       TEXT NOT NULL CHECK (audience IN ('family', 'insurer')),
  state          TEXT NOT NULL CHECK (state IN ('draft', 'issued')),
  edits_json     TEXT NOT NULL DEFAULT '{}',
  content_json   TEXT,
  source_json    TEXT,
  sha256         TEXT,
  issued_at      TEXT,
  issued_by_name TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (state = 'draft' OR (content_json IS NOT NULL AND source_json IS NOT NULL AND sha256 IS NOT NULL AND issued_at IS NOT NULL))
);
CREATE UNIQUE INDEX letters_one_draft ON letters (case_id, audience) WHERE state = 'draft';
CREATE INDEX letters_by_case ON letters (case_id, created_at);

CREATE TRIGGER letters_issued_no_update BEFORE UPDATE ON letters
WHEN OLD.state = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued letters are immutable');
END;
CREATE TRIGGER letters_issued_no_delete BEFORE DELETE ON letters
WHEN OLD.state = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued letters are immutable');
END;

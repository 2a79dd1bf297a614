-- One assessment of one facility under one questionnaire version. A draft is edited in place;
-- finalizing freezes it; an amendment is a new row that supersedes the one it amends.
CREATE TABLE assessments (
  id                    INTEGER PRIMARY KEY,
  facility_id           INTEGER NOT NULL REFERENCES facilities (id),
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  state                 TEXT NOT NULL CHECK (state IN ('draft', 'finalized', 'superseded')),
  revision              INTEGER NOT NULL CHECK (revision >= 1),
  amends_id             INTEGER REFERENCES assessments (id),
  amendment_reason      TEXT,
  assessor_name         TEXT NOT NULL,
  assessor_role         TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  finalized_at          TEXT,
  superseded_at         TEXT,
  CHECK (amends_id IS NULL OR amendment_reason IS NOT NULL)
);
-- At most one draft per facility, and at most one standing finalized assessment (the profile).
CREATE UNIQUE INDEX assessments_one_draft ON assessments (facility_id) WHERE state = 'draft';
CREATE UNIQUE INDEX assessments_one_profile ON assessments (facility_id) WHERE state = 'finalized';
CREATE INDEX assessments_by_facility ON assessments (facility_id, revision);

CREATE TABLE assessment_answers (
  assessment_id       INTEGER NOT NULL REFERENCES assessments (id),
  capability_id       TEXT NOT NULL,
  status              TEXT CHECK (status IS NULL OR status IN ('on_site', 'via_partner', 'not_available', 'unknown')),
  details_json        TEXT NOT NULL DEFAULT '{}',
  evidence            TEXT NOT NULL DEFAULT '',
  verified_by_name    TEXT NOT NULL DEFAULT '',
  verified_by_role    TEXT NOT NULL DEFAULT '',
  verification_method TEXT,
  verified_on         TEXT,
  updated_at          TEXT NOT NULL,
  PRIMARY KEY (assessment_id, capability_id)
);

-- A finalized assessment is evidence: its answers never change, whoever holds the SQL console.
CREATE TRIGGER assessment_answers_frozen_update BEFORE UPDATE ON assessment_answers
WHEN (SELECT state FROM assessments WHERE id = OLD.assessment_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'answers of a finalized assessment are read-only');
END;
CREATE TRIGGER assessment_answers_frozen_insert BEFORE INSERT ON assessment_answers
WHEN (SELECT state FROM assessments WHERE id = NEW.assessment_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'answers of a finalized assessment are read-only');
END;
CREATE TRIGGER assessment_answers_frozen_delete BEFORE DELETE ON assessment_answers
WHEN (SELECT state FROM assessments WHERE id = OLD.assessment_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'answers of a finalized assessment are read-only');
END;

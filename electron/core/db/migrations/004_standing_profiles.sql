-- The standing profile of each facility, one row with its six cells, kept by triggers from
-- assessments and their answers. The matrix and the map read 6,000 rows from here instead of
-- gathering 36,000 answer rows scattered across a table of millions (see npm run bench).
-- Derived data: not in the JSON backup; rebuilt after a restore (standing-profiles-rebuild.sql).
CREATE TABLE standing_profiles (
  facility_id   INTEGER PRIMARY KEY REFERENCES facilities (id),
  assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id),
  finalized_at  TEXT NOT NULL,
  plasmapheresis_status      TEXT,
  plasmapheresis_verified_on TEXT,
  ivig_status      TEXT,
  ivig_verified_on TEXT,
  rehab_therapy_status      TEXT,
  rehab_therapy_verified_on TEXT,
  psychiatry_status      TEXT,
  psychiatry_verified_on TEXT,
  neuro_icu_status      TEXT,
  neuro_icu_verified_on TEXT,
  rehab_center_status      TEXT,
  rehab_center_verified_on TEXT
);

-- Finalizing an assessment makes it the standing profile (answers are frozen by then).
CREATE TRIGGER standing_profiles_on_finalize AFTER UPDATE OF state ON assessments
WHEN NEW.state = 'finalized' AND OLD.state <> 'finalized'
BEGIN
INSERT OR REPLACE INTO standing_profiles (facility_id, assessment_id, finalized_at, plasmapheresis_status, plasmapheresis_verified_on, ivig_status, ivig_verified_on, rehab_therapy_status, rehab_therapy_verified_on, psychiatry_status, psychiatry_verified_on, neuro_icu_status, neuro_icu_verified_on, rehab_center_status, rehab_center_verified_on)
SELECT a.facility_id, a.id, a.finalized_at,
       MAX(CASE WHEN aa.capability_id = 'plasmapheresis' THEN aa.status END), MAX(CASE WHEN aa.capability_id = 'plasmapheresis' THEN aa.verified_on END),
       MAX(CASE WHEN aa.capability_id = 'ivig' THEN aa.status END), MAX(CASE WHEN aa.capability_id = 'ivig' THEN aa.verified_on END),
       MAX(CASE WHEN aa.capability_id = 'rehab_therapy' THEN aa.status END), MAX(CASE WHEN aa.capability_id = 'rehab_therapy' THEN aa.verified_on END),
       MAX(CASE WHEN aa.capability_id = 'psychiatry' THEN aa.status END), MAX(CASE WHEN aa.capability_id = 'psychiatry' THEN aa.verified_on END),
       MAX(CASE WHEN aa.capability_id = 'neuro_icu' THEN aa.status END), MAX(CASE WHEN aa.capability_id = 'neuro_icu' THEN aa.verified_on END),
       MAX(CASE WHEN aa.capability_id = 'rehab_center' THEN aa.status END), MAX(CASE WHEN aa.capability_id = 'rehab_center' THEN aa.verified_on END)
  FROM assessments a
  LEFT JOIN assessment_answers aa ON aa.assessment_id = a.id
 WHERE a.id = NEW.id
 GROUP BY a.id;
END;

-- An amendment's supersession removes the old row; its own finalize puts the new one in.
CREATE TRIGGER standing_profiles_on_supersede AFTER UPDATE OF state ON assessments
WHEN OLD.state = 'finalized' AND NEW.state <> 'finalized'
BEGIN
  DELETE FROM standing_profiles WHERE assessment_id = OLD.id;
END;

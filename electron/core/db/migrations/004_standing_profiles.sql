-- The standing profile of each facility, one row with its six cells, kept by triggers from
-- assessments and their answers. The matrix and the map read 6,000 rows from here instead of
-- gathering 36,000 answer rows scattered across a table of millions (see npm run bench).
-- Derived data: not in the JSON backup; rebuilt after a restore (standing-profiles-rebuild.sql).
CREATE TABLE standing_profiles (
  facility_id   INTEGER PRIMARY KEY REFERENCES facilities (id),
  assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id),
  finalized_at  TEXT NOT NULL,
  plasmapheresis_status TEXT,
  plasmapheresis_verified_on TEXT,
  ivig_status TEXT,
  ivig_verified_on TEXT,
  rehab_therapy_status TEXT,
  rehab_therapy_verified_on TEXT,
  psychiatry_status TEXT,
  psychiatry_verified_on TEXT,
  neuro_icu_status TEXT,
  neuro_icu_verified_on TEXT,
  rehab_center_status TEXT,
  rehab_center_verified_on TEXT
);

-- What standing_profiles must hold, worked out from the finalized assessments: the one
-- definition the triggers and the rebuild both use.
CREATE VIEW standing_profile_source AS
SELECT a.facility_id, a.id AS assessment_id, a.finalized_at,
       MAX(CASE WHEN aa.capability_id = 'plasmapheresis' THEN aa.status END) AS plasmapheresis_status,
       MAX(CASE WHEN aa.capability_id = 'plasmapheresis' THEN aa.verified_on END) AS plasmapheresis_verified_on,
       MAX(CASE WHEN aa.capability_id = 'ivig' THEN aa.status END) AS ivig_status,
       MAX(CASE WHEN aa.capability_id = 'ivig' THEN aa.verified_on END) AS ivig_verified_on,
       MAX(CASE WHEN aa.capability_id = 'rehab_therapy' THEN aa.status END) AS rehab_therapy_status,
       MAX(CASE WHEN aa.capability_id = 'rehab_therapy' THEN aa.verified_on END) AS rehab_therapy_verified_on,
       MAX(CASE WHEN aa.capability_id = 'psychiatry' THEN aa.status END) AS psychiatry_status,
       MAX(CASE WHEN aa.capability_id = 'psychiatry' THEN aa.verified_on END) AS psychiatry_verified_on,
       MAX(CASE WHEN aa.capability_id = 'neuro_icu' THEN aa.status END) AS neuro_icu_status,
       MAX(CASE WHEN aa.capability_id = 'neuro_icu' THEN aa.verified_on END) AS neuro_icu_verified_on,
       MAX(CASE WHEN aa.capability_id = 'rehab_center' THEN aa.status END) AS rehab_center_status,
       MAX(CASE WHEN aa.capability_id = 'rehab_center' THEN aa.verified_on END) AS rehab_center_verified_on
  FROM assessments a
  LEFT JOIN assessment_answers aa ON aa.assessment_id = a.id
 WHERE a.state = 'finalized'
 GROUP BY a.id;

-- Finalizing an assessment makes it the standing profile (answers are frozen by then).
CREATE TRIGGER standing_profiles_on_finalize AFTER UPDATE OF state ON assessments
WHEN NEW.state = 'finalized' AND OLD.state <> 'finalized'
BEGIN
  INSERT OR REPLACE INTO standing_profiles SELECT * FROM standing_profile_source WHERE assessment_id = NEW.id;
END;

-- An amendment's supersession removes the old row; its own finalize puts the new one in.
CREATE TRIGGER standing_profiles_on_supersede AFTER UPDATE OF state ON assessments
WHEN OLD.state = 'finalized' AND NEW.state <> 'finalized'
BEGIN
  DELETE FROM standing_profiles WHERE assessment_id = OLD.id;
END;

-- PostgreSQL twin of ../migrations/004_standing_profiles.sql: the standing profile of each
-- facility, kept by a trigger from assessments. The view is the one in the SQLite migration.
CREATE TABLE standing_profiles (
  facility_id   integer PRIMARY KEY REFERENCES facilities (id),
  assessment_id integer NOT NULL UNIQUE REFERENCES assessments (id),
  finalized_at  text NOT NULL,
  plasmapheresis_status text,
  plasmapheresis_verified_on text,
  ivig_status text,
  ivig_verified_on text,
  rehab_therapy_status text,
  rehab_therapy_verified_on text,
  psychiatry_status text,
  psychiatry_verified_on text,
  neuro_icu_status text,
  neuro_icu_verified_on text,
  rehab_center_status text,
  rehab_center_verified_on text
);

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

-- Finalizing makes an assessment the standing profile; superseding removes it. Both happen in
-- the finalize or amend transaction itself, so nobody ever reads a profile out of step.
CREATE FUNCTION standing_profiles_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'finalized' AND NEW.state <> 'finalized' THEN
    DELETE FROM standing_profiles WHERE assessment_id = OLD.id;
  END IF;
  IF NEW.state = 'finalized' AND OLD.state <> 'finalized' THEN
    DELETE FROM standing_profiles WHERE facility_id = NEW.facility_id OR assessment_id = NEW.id;
    INSERT INTO standing_profiles SELECT * FROM standing_profile_source WHERE assessment_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER standing_profiles_follow AFTER UPDATE OF state ON assessments
  FOR EACH ROW EXECUTE FUNCTION standing_profiles_follow();

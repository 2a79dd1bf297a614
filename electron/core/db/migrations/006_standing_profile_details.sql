-- Each standing cell also carries its structured details and the questionnaire version they were
-- answered under, so the matrix, the map and the coverage summary can judge a capability by the
-- details every patient needs (shared/capability-judgement.ts) while still reading one row per
-- facility. SQL only carries the answers; the judgement stays in TypeScript, in one place.
ALTER TABLE standing_profiles ADD COLUMN questionnaire_version INTEGER;
ALTER TABLE standing_profiles ADD COLUMN plasmapheresis_details_json TEXT;
ALTER TABLE standing_profiles ADD COLUMN ivig_details_json TEXT;
ALTER TABLE standing_profiles ADD COLUMN rehab_therapy_details_json TEXT;
ALTER TABLE standing_profiles ADD COLUMN psychiatry_details_json TEXT;
ALTER TABLE standing_profiles ADD COLUMN neuro_icu_details_json TEXT;
ALTER TABLE standing_profiles ADD COLUMN rehab_center_details_json TEXT;

-- The triggers and the rebuild copy this view with SELECT *, so its columns keep the table's
-- order: migration 4's fifteen, then the seven added above.
DROP VIEW standing_profile_source;
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
       MAX(CASE WHEN aa.capability_id = 'rehab_center' THEN aa.verified_on END) AS rehab_center_verified_on,
       a.questionnaire_version,
       MAX(CASE WHEN aa.capability_id = 'plasmapheresis' THEN aa.details_json END) AS plasmapheresis_details_json,
       MAX(CASE WHEN aa.capability_id = 'ivig' THEN aa.details_json END) AS ivig_details_json,
       MAX(CASE WHEN aa.capability_id = 'rehab_therapy' THEN aa.details_json END) AS rehab_therapy_details_json,
       MAX(CASE WHEN aa.capability_id = 'psychiatry' THEN aa.details_json END) AS psychiatry_details_json,
       MAX(CASE WHEN aa.capability_id = 'neuro_icu' THEN aa.details_json END) AS neuro_icu_details_json,
       MAX(CASE WHEN aa.capability_id = 'rehab_center' THEN aa.details_json END) AS rehab_center_details_json
  FROM assessments a
  LEFT JOIN assessment_answers aa ON aa.assessment_id = a.id
 WHERE a.state = 'finalized'
 GROUP BY a.id;

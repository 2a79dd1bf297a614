-- Recomputes every standing profile from the assessments; run by migration 4 over existing data
-- and after a JSON restore, which inserts finalized assessments directly (no UPDATE fires).
DELETE FROM standing_profiles;
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
 WHERE a.state = 'finalized'
 GROUP BY a.id;

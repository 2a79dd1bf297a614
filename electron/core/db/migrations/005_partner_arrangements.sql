-- "Through a partner" names the partner: which facility (in the registry or typed), the kind of
-- arrangement and how soon it delivers, as JSON beside the other details of the answer.
ALTER TABLE assessment_answers ADD COLUMN partner_json TEXT;

-- Fewer serialization failures between people working on different facilities at once. Under
-- SERIALIZABLE, PostgreSQL tracks what each transaction read by index page, and the drafts being
-- worked on are the newest rows, so their index entries share a few pages: every write that adds
-- index entries there collides with every transaction that looked a draft up (issue 14's load:
-- 50 people saving, finalizing and amending; an amend lost eight retries in a row).

-- Room on each page for a new version of a row, so saving an answer (which changes no indexed
-- column of the answer or its assessment) is a heap-only update that adds no index entries.
-- Applies to pages filled from now on, which is where drafts and their answers are written.
ALTER TABLE assessments SET (fillfactor = 80);
ALTER TABLE assessment_answers SET (fillfactor = 80);

-- Finalizing no longer looks standing_profiles up before adding the facility's row. Nothing could
-- be found: the facility's previous standing assessment is superseded first, in the same
-- transaction, which removes its row, and assessments_one_profile allows only one finalized
-- assessment per facility. The lookup only locked index pages that every other finalize writes
-- to. Should a row be there all the same, the primary key refuses the insert and nothing is saved.
CREATE OR REPLACE FUNCTION standing_profiles_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'finalized' AND NEW.state <> 'finalized' THEN
    DELETE FROM standing_profiles WHERE assessment_id = OLD.id;
  END IF;
  IF NEW.state = 'finalized' AND OLD.state <> 'finalized' THEN
    INSERT INTO standing_profiles SELECT * FROM standing_profile_source WHERE assessment_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

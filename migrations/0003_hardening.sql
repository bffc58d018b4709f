-- Hardening (issue 10). Two writes adding overlapping new words at once inserted them into
-- search_terms in different orders and could deadlock each other (40P01, seen seeding a real
-- Postgres with parallel batches): inserted in one order, the second simply waits for the first.
CREATE OR REPLACE FUNCTION crm_collect_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_terms (word)
  SELECT w FROM (
    SELECT DISTINCT w FROM changed_rows, unnest(tsvector_to_array(changed_rows.search_vector)) AS w
    WHERE w ~ '^[[:alpha:]]{3,40}$'
  ) words
  ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

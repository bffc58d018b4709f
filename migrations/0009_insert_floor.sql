-- The organisations INSERT floor (issue 11, docs/decisions/005-imports.md): an import writes
-- 1,000 organisations per statement, and every index and statement trigger of the table is paid
-- on each of them. What no query needs, or needs in full, goes; behaviour is unchanged.
-- No query compares or sorts the raw city: the city filter is a prefix of lower(city), served by
-- organisations_city_prefix_idx (0008).
DROP INDEX IF EXISTS organisations_city_idx;
--> statement-breakpoint
-- Every team-scoped read is of live records, which organisations_live_team_stage_idx (0008, same
-- keys, WHERE deleted_at IS NULL) serves. Left without an index: deleting a team, allowed only once
-- it has no records, counts them with a scan (an administrator's rare action).
DROP INDEX IF EXISTS organisations_team_stage_idx;
--> statement-breakpoint
-- deleted_at is only ever searched by the bin and its purge, always with "deleted_at IS NOT NULL":
-- live records (all those an import writes) no longer enter the index at all.
DROP INDEX IF EXISTS organisations_deleted_idx;
--> statement-breakpoint
CREATE INDEX organisations_deleted_idx ON organisations (deleted_at) WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
-- Name beginnings (0002) without ON CONFLICT: a record's tails are distinct (crm_name_tails is a
-- UNION), inserted rows are new records and updated ones had theirs deleted just before, so no
-- conflict can occur, and the speculative insertion cost an index probe and a token per tail
-- (about three tails per organisation).
CREATE OR REPLACE FUNCTION crm_collect_name_tails() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_name_tails t USING old_rows o WHERE t.kind = TG_TABLE_NAME AND t.record_id = o.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF TG_TABLE_NAME = 'people' THEN
      SELECT array_agg(n.id) INTO changed FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.first_name, n.last_name) IS DISTINCT FROM (o.first_name, o.last_name);
    ELSIF TG_TABLE_NAME = 'products' THEN
      SELECT array_agg(n.id) INTO changed FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.search_name, n.isin) IS DISTINCT FROM (o.search_name, o.isin);
    ELSE
      SELECT array_agg(n.id) INTO changed FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.search_name IS DISTINCT FROM o.search_name;
    END IF;
    IF changed IS NULL THEN
      RETURN NULL;
    END IF;
    DELETE FROM search_name_tails WHERE kind = TG_TABLE_NAME AND record_id = ANY (changed);
  END IF;
  IF TG_TABLE_NAME = 'people' THEN
    INSERT INTO search_name_tails (kind, record_id, tail)
    SELECT 'people', n.id, t FROM new_rows n, crm_name_tails(n.search_name, crm_search_name(n.last_name || ' ' || n.first_name)) t
    WHERE changed IS NULL OR n.id = ANY (changed);
  ELSIF TG_TABLE_NAME = 'products' THEN
    INSERT INTO search_name_tails (kind, record_id, tail)
    SELECT 'products', n.id, t FROM new_rows n, crm_name_tails(n.search_name, lower(n.isin)) t
    WHERE changed IS NULL OR n.id = ANY (changed);
  ELSE
    INSERT INTO search_name_tails (kind, record_id, tail)
    SELECT TG_TABLE_NAME, n.id, t FROM new_rows n, crm_name_tails(n.search_name, NULL) t
    WHERE changed IS NULL OR n.id = ANY (changed);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Dictionary words (0001, ordered in 0003 against deadlocks): the regular expression runs on the
-- distinct words only, and words already known (nearly all, once a team has its records) are
-- dropped by one index probe before the sort and the speculative insert. ON CONFLICT stays for
-- a word another transaction adds meanwhile.
CREATE OR REPLACE FUNCTION crm_collect_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_terms (word)
  SELECT w FROM (
    SELECT DISTINCT w FROM changed_rows, unnest(tsvector_to_array(changed_rows.search_vector)) AS w
  ) words
  WHERE w ~ '^[[:alpha:]]{3,40}$' AND NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.word = words.w COLLATE "C")
  ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

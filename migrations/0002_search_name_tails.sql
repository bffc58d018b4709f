-- Names as you type them (docs/decisions/003-search.md): every record name from each of its words
-- to its end ("credit atlantique finance 12", "atlantique finance 12", "finance 12", "12"), in a
-- btree. A prefix typed in the palette, whole words or not ("atl", "atlantique fin"), is then one
-- index range read only as far as the few names shown: its cost does not grow with how many names
-- share a common beginning, as a GIN prefix scan's does ("co": 11,000 names, all collected first).
-- Kept by statement-level triggers, like search_terms: no write path can forget it.
CREATE TABLE search_name_tails (
  kind text NOT NULL CHECK (kind IN ('organisations', 'people', 'mandates', 'products')),
  record_id uuid NOT NULL,
  tail text COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, tail, record_id)
);
--> statement-breakpoint
CREATE INDEX search_name_tails_record_idx ON search_name_tails (record_id);
--> statement-breakpoint
-- The folded name (crm_search_name) from each word on; 80 characters are more than anyone types.
-- `alias` is a second way to type the record's name whole: a person's "last first", an ISIN.
CREATE OR REPLACE FUNCTION crm_name_tails(name text, alias text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT left(array_to_string(w.words[s.i:], ' '), 80)
    FROM (SELECT string_to_array(coalesce(name, ''), ' ') AS words) w, generate_subscripts(w.words, 1) AS s(i)
    UNION
    SELECT left(alias, 80) WHERE coalesce(alias, '') <> ''
  $$;
--> statement-breakpoint
-- Only rows whose name changed are rewritten: a stage change on 500 organisations touches nothing.
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
    WHERE changed IS NULL OR n.id = ANY (changed)
    ON CONFLICT DO NOTHING;
  ELSIF TG_TABLE_NAME = 'products' THEN
    INSERT INTO search_name_tails (kind, record_id, tail)
    SELECT 'products', n.id, t FROM new_rows n, crm_name_tails(n.search_name, lower(n.isin)) t
    WHERE changed IS NULL OR n.id = ANY (changed)
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_name_tails (kind, record_id, tail)
    SELECT TG_TABLE_NAME, n.id, t FROM new_rows n, crm_name_tails(n.search_name, NULL) t
    WHERE changed IS NULL OR n.id = ANY (changed)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_name_tails_ins AFTER INSERT ON organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER organisations_name_tails_upd AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER organisations_name_tails_del AFTER DELETE ON organisations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER people_name_tails_ins AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER people_name_tails_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER people_name_tails_del AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER mandates_name_tails_ins AFTER INSERT ON mandates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER mandates_name_tails_upd AFTER UPDATE ON mandates REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER mandates_name_tails_del AFTER DELETE ON mandates REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER products_name_tails_ins AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER products_name_tails_upd AFTER UPDATE ON products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
CREATE TRIGGER products_name_tails_del AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_name_tails();
--> statement-breakpoint
-- Whole-name prefixes in the order they are shown: a "C" collation btree gives LIKE 'ma%' its
-- range and ORDER BY its order, so a LIMIT stops early (text_pattern_ops gave the range only, and
-- sorting 15,000 people named "ma…" took 40 ms).
DROP INDEX IF EXISTS organisations_search_name_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS people_search_name_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS products_search_name_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS mandates_search_name_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS interactions_search_name_idx;
--> statement-breakpoint
CREATE INDEX organisations_search_name_idx ON organisations ((search_name COLLATE "C"));
--> statement-breakpoint
CREATE INDEX people_search_name_idx ON people ((search_name COLLATE "C"));
--> statement-breakpoint
CREATE INDEX products_search_name_idx ON products ((search_name COLLATE "C"));
--> statement-breakpoint
CREATE INDEX mandates_search_name_idx ON mandates ((search_name COLLATE "C"));
--> statement-breakpoint
CREATE INDEX interactions_search_name_idx ON interactions ((search_name COLLATE "C"));
--> statement-breakpoint
-- Rows that existed before this migration.
INSERT INTO search_name_tails (kind, record_id, tail)
SELECT 'organisations', r.id, t FROM organisations r, crm_name_tails(r.search_name, NULL) t
UNION ALL SELECT 'people', r.id, t FROM people r, crm_name_tails(r.search_name, crm_search_name(r.last_name || ' ' || r.first_name)) t
UNION ALL SELECT 'mandates', r.id, t FROM mandates r, crm_name_tails(r.search_name, NULL) t
UNION ALL SELECT 'products', r.id, t FROM products r, crm_name_tails(r.search_name, lower(r.isin)) t
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Planner statistics now (PGlite runs no autovacuum): without them a range of this table is
-- estimated at a few rows and read as a bitmap, all of it, instead of stopping at the LIMIT.
ANALYZE search_name_tails;

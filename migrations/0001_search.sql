-- Global search (docs/decisions/003-search.md). Hand-written: drizzle-kit cannot express text
-- search configurations, generated tsvector columns, trigram indexes or statement triggers.
-- Everything here is maintained by the database itself, so no write path can forget it.
-- Runs on any Postgres 15+ with the contrib extensions (Neon, Debian's postgresql, PGlite).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); generated columns and indexes need
-- IMMUTABLE. Pinning the dictionary makes it safe to declare so (the usual, documented wrapper).
CREATE OR REPLACE FUNCTION crm_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- A name as the search compares it whole: accents folded, lower case, punctuation as one space
-- ("L’Étoile-Capital" -> "l etoile capital"), as worker/search/search-text.ts folds what is typed.
CREATE OR REPLACE FUNCTION crm_search_name(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT btrim(regexp_replace(lower(crm_unaccent($1)), '[[:space:][:punct:]’‘«»–—·…]+', ' ', 'g')) $$;
--> statement-breakpoint
-- Names, e-mails and cities are proper nouns: no stemming (a half-typed "lyonnai" must still be a
-- prefix of "lyonnaise"), accents folded. Free text (notes) uses French stemming, accents folded.
CREATE TEXT SEARCH CONFIGURATION crm_simple (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION crm_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION crm_french (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION crm_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
--> statement-breakpoint
-- Weights: A the record's name, B how people look it up (e-mail, city, phone), C notes, D address.
-- E-mails and web sites are also split on punctuation so "alforis" finds contact@alforis.fr.
ALTER TABLE organisations
  ADD COLUMN search_name text GENERATED ALWAYS AS (crm_search_name(name)) STORED,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('crm_simple', name), 'A') ||
    setweight(to_tsvector('crm_simple',
      coalesce(email, '') || ' ' || translate(coalesce(email, ''), '@.-_+', '     ') || ' ' ||
      coalesce(city, '') || ' ' || coalesce(postal_code, '') || ' ' ||
      translate(coalesce(website, ''), '/:.-_?=&', '        ') || ' ' ||
      regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')), 'B') ||
    setweight(to_tsvector('crm_french', coalesce(notes, '')), 'C') ||
    setweight(to_tsvector('crm_simple', coalesce(address, '')), 'D')
  ) STORED;
--> statement-breakpoint
ALTER TABLE people
  ADD COLUMN search_name text GENERATED ALWAYS AS (crm_search_name(first_name || ' ' || last_name)) STORED,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('crm_simple', first_name || ' ' || last_name), 'A') ||
    setweight(to_tsvector('crm_simple',
      coalesce(personal_email, '') || ' ' || translate(coalesce(personal_email, ''), '@.-_+', '     ') || ' ' ||
      regexp_replace(coalesce(personal_phone, ''), '[^0-9]', '', 'g')), 'B') ||
    setweight(to_tsvector('crm_simple', coalesce(job_title, '')), 'C') ||
    setweight(to_tsvector('crm_french', coalesce(notes, '')), 'C')
  ) STORED;
--> statement-breakpoint
ALTER TABLE products
  ADD COLUMN search_name text GENERATED ALWAYS AS (crm_search_name(name)) STORED,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('crm_simple', name || ' ' || isin), 'A') ||
    setweight(to_tsvector('crm_french', coalesce(description, '')), 'C')
  ) STORED;
--> statement-breakpoint
-- "M-2026-014" is also indexed as "m 2026 014" so any part of the number finds it.
ALTER TABLE mandates
  ADD COLUMN search_name text GENERATED ALWAYS AS (crm_search_name(number)) STORED,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('crm_simple', number || ' ' || translate(number, '-/', '  ')), 'A') ||
    setweight(to_tsvector('crm_french', coalesce(notes, '')), 'C')
  ) STORED;
--> statement-breakpoint
ALTER TABLE interactions
  ADD COLUMN search_name text GENERATED ALWAYS AS (crm_search_name(subject)) STORED,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('crm_simple', subject), 'A') ||
    setweight(to_tsvector('crm_french', coalesce(summary, '')), 'C')
  ) STORED;
--> statement-breakpoint
CREATE INDEX organisations_search_idx ON organisations USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX people_search_idx ON people USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX products_search_idx ON products USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX mandates_search_idx ON mandates USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX interactions_search_idx ON interactions USING gin (search_vector);
--> statement-breakpoint
-- Names alone (no weights, so no recheck): autocomplete, and the name matches of a query so
-- common that ranking all its matches would be slow. Queries repeat these exact expressions.
CREATE INDEX organisations_name_search_idx ON organisations USING gin (to_tsvector('crm_simple', name));
--> statement-breakpoint
CREATE INDEX people_name_search_idx ON people USING gin (to_tsvector('crm_simple', first_name || ' ' || last_name));
--> statement-breakpoint
CREATE INDEX products_name_search_idx ON products USING gin (to_tsvector('crm_simple', name || ' ' || isin));
--> statement-breakpoint
CREATE INDEX mandates_name_search_idx ON mandates USING gin (to_tsvector('crm_simple', number || ' ' || translate(number, '-/', '  ')));
--> statement-breakpoint
CREATE INDEX interactions_name_search_idx ON interactions USING gin (to_tsvector('crm_simple', subject));
--> statement-breakpoint
-- Whole-name prefixes (LIKE 'q%' in any collation): the exact-name and starts-with matches.
CREATE INDEX organisations_search_name_idx ON organisations (search_name text_pattern_ops);
--> statement-breakpoint
CREATE INDEX people_search_name_idx ON people (search_name text_pattern_ops);
--> statement-breakpoint
CREATE INDEX products_search_name_idx ON products (search_name text_pattern_ops);
--> statement-breakpoint
CREATE INDEX mandates_search_name_idx ON mandates (search_name text_pattern_ops);
--> statement-breakpoint
CREATE INDEX interactions_search_name_idx ON interactions (search_name text_pattern_ops);
--> statement-breakpoint
-- Typo tolerance: every distinct word of the indexed text, once. A misspelt word is corrected
-- against this small table (trigram distance, GiST nearest-neighbour) and the corrected words
-- are added to the full-text query: the big tables are never scanned by similarity.
-- Rows are only added (a stale word merely widens a query that then matches nothing more).
CREATE TABLE search_terms (word text COLLATE "C" PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX search_terms_trgm_idx ON search_terms USING gist (word gist_trgm_ops);
--> statement-breakpoint
-- One statement-level trigger per table: a bulk insert of 100,000 rows collects its words in one
-- INSERT, not 100,000.
CREATE OR REPLACE FUNCTION crm_collect_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_terms (word)
  SELECT DISTINCT w FROM changed_rows, unnest(tsvector_to_array(changed_rows.search_vector)) AS w
  WHERE w ~ '^[[:alpha:]]{3,40}$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_search_terms_ins AFTER INSERT ON organisations REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER organisations_search_terms_upd AFTER UPDATE ON organisations REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER people_search_terms_ins AFTER INSERT ON people REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER people_search_terms_upd AFTER UPDATE ON people REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER products_search_terms_ins AFTER INSERT ON products REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER products_search_terms_upd AFTER UPDATE ON products REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER mandates_search_terms_ins AFTER INSERT ON mandates REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER mandates_search_terms_upd AFTER UPDATE ON mandates REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER interactions_search_terms_ins AFTER INSERT ON interactions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
CREATE TRIGGER interactions_search_terms_upd AFTER UPDATE ON interactions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_collect_search_terms();
--> statement-breakpoint
-- Rows that existed before this migration.
INSERT INTO search_terms (word)
SELECT DISTINCT w FROM (
  SELECT search_vector FROM organisations UNION ALL SELECT search_vector FROM people
  UNION ALL SELECT search_vector FROM products UNION ALL SELECT search_vector FROM mandates
  UNION ALL SELECT search_vector FROM interactions
) v, unnest(tsvector_to_array(v.search_vector)) AS w
WHERE w ~ '^[[:alpha:]]{3,40}$'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- JIT off for this database: on large tables the search statement's estimated cost is above
-- jit_above_cost, and Postgres 15 then spends ~450 ms compiling a query that runs in 10 (measured
-- with bench/search.bench.ts). JIT pays off for long analytical queries, which a CRM's requests
-- are not. Left as is where the role may not change it (the statement still works, only slower).
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jit not changed: %', SQLERRM;
END $$;

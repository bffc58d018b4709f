-- Speed (issue 16, decision 009): indexes and database-kept columns that let the hot reads
-- touch only the rows they show.
-- City filter: a case-insensitive prefix is a range of lower(city) (text_pattern_ops gives LIKE
-- 'par%' its range whatever the collation); ILIKE could not use the plain btree.
CREATE INDEX organisations_city_prefix_idx ON organisations (lower(city) text_pattern_ops) WHERE deleted_at IS NULL;
--> statement-breakpoint
-- Sales scope of people: a person is visible to the owners of the live organisations they work
-- for. Kept on the person, by the database, so the scope is a per-row test of the row already
-- read (or a GIN bitmap when it is selective): the correlated EXISTS it replaces was planned as a
-- hash of all of the user's ~50,000 links, 45-53 ms on the 200,000-people seed.
ALTER TABLE people ADD COLUMN org_owner_ids uuid[] NOT NULL DEFAULT '{}';
--> statement-breakpoint
CREATE INDEX people_org_owner_ids_idx ON people USING gin (org_owner_ids);
--> statement-breakpoint
-- Index probes per person, whatever the statistics say: inside the statement that bulk-inserts
-- 200,000 links (the large seed), the tables' statistics still describe the few rows they held
-- before; a first version, planned on them, ran for over 12 minutes of CPU without finishing.
CREATE OR REPLACE FUNCTION crm_refresh_org_owner_ids(person_ids uuid[]) RETURNS void LANGUAGE sql
SET enable_seqscan = off AS $$
  UPDATE people p SET org_owner_ids = v.owners
  FROM (SELECT DISTINCT unnest(person_ids) AS id) x
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT o.owner_id ORDER BY o.owner_id), '{}') AS owners
    FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id
    WHERE po.person_id = x.id AND o.deleted_at IS NULL AND o.owner_id IS NOT NULL
  ) v
  WHERE p.id = x.id AND p.org_owner_ids IS DISTINCT FROM v.owners
$$;
--> statement-breakpoint
-- Statement-level, like the search triggers: a 200,000-link insert refreshes people once.
CREATE OR REPLACE FUNCTION crm_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM crm_refresh_org_owner_ids(array(SELECT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM crm_refresh_org_owner_ids(array(SELECT person_id FROM old_rows));
  ELSE
    PERFORM crm_refresh_org_owner_ids(array(SELECT person_id FROM new_rows UNION SELECT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER person_organisations_owners_ins AFTER INSERT ON person_organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_links_changed();
--> statement-breakpoint
CREATE TRIGGER person_organisations_owners_del AFTER DELETE ON person_organisations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_links_changed();
--> statement-breakpoint
CREATE TRIGGER person_organisations_owners_upd AFTER UPDATE ON person_organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_links_changed();
--> statement-breakpoint
-- An organisation changing owner, moving to the bin or coming back changes who sees its people.
CREATE OR REPLACE FUNCTION crm_organisation_owner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crm_refresh_org_owner_ids(array(
    SELECT po.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN person_organisations po ON po.organisation_id = n.id
    WHERE (n.owner_id, n.deleted_at IS NULL) IS DISTINCT FROM (o.owner_id, o.deleted_at IS NULL)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_owner_ids_upd AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_owner_changed();
--> statement-breakpoint
-- People that existed before this migration.
SELECT crm_refresh_org_owner_ids(array(SELECT DISTINCT person_id FROM person_organisations));
--> statement-breakpoint
-- Dashboard and pipeline totals: stage counts and amounts per team read from the index alone.
CREATE INDEX organisations_live_team_stage_idx ON organisations (team_id, pipeline_stage) INCLUDE (amount, owner_id, stage_changed_at) WHERE deleted_at IS NULL;
--> statement-breakpoint
-- Dashboard and pipeline totals kept by the database: organisations and amounts per team, owner,
-- stage and day of the last stage change (UTC). A dashboard sums a few thousand rows instead of
-- reading 100,000 organisations (68-110 ms of SQL on the large seed); the day lets the stale
-- count (no stage change for 30 days) be exact: whole days from here, the boundary day from the
-- organisations themselves.
CREATE TABLE organisation_stage_totals (
  team_id uuid,
  owner_id uuid,
  pipeline_stage pipeline_stage NOT NULL,
  stage_day date NOT NULL,
  organisations integer NOT NULL,
  amount numeric NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX organisation_stage_totals_key ON organisation_stage_totals (team_id, owner_id, pipeline_stage, stage_day) NULLS NOT DISTINCT;
--> statement-breakpoint
-- An update moves its rows from their old bucket to their new one; an edit that changes none of
-- team, owner, stage, day or amount cancels out and writes nothing.
CREATE OR REPLACE FUNCTION crm_organisation_totals_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_stage_totals AS t (team_id, owner_id, pipeline_stage, stage_day, organisations, amount)
  SELECT team_id, owner_id, pipeline_stage, day, sum(n), sum(a) FROM (
    SELECT team_id, owner_id, pipeline_stage, (stage_changed_at AT TIME ZONE 'UTC')::date AS day, 1 AS n, coalesce(amount, 0) AS a
    FROM new_rows WHERE deleted_at IS NULL
    UNION ALL
    SELECT team_id, owner_id, pipeline_stage, (stage_changed_at AT TIME ZONE 'UTC')::date, -1, -coalesce(amount, 0)
    FROM old_rows WHERE deleted_at IS NULL
  ) d
  GROUP BY 1, 2, 3, 4
  HAVING sum(n) <> 0 OR sum(a) <> 0
  ON CONFLICT (team_id, owner_id, pipeline_stage, stage_day)
  DO UPDATE SET organisations = t.organisations + excluded.organisations, amount = t.amount + excluded.amount;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_organisation_totals_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_stage_totals AS t (team_id, owner_id, pipeline_stage, stage_day, organisations, amount)
  SELECT team_id, owner_id, pipeline_stage, (stage_changed_at AT TIME ZONE 'UTC')::date, count(*), sum(coalesce(amount, 0))
  FROM new_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (team_id, owner_id, pipeline_stage, stage_day)
  DO UPDATE SET organisations = t.organisations + excluded.organisations, amount = t.amount + excluded.amount;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_organisation_totals_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_stage_totals AS t (team_id, owner_id, pipeline_stage, stage_day, organisations, amount)
  SELECT team_id, owner_id, pipeline_stage, (stage_changed_at AT TIME ZONE 'UTC')::date, -count(*), -sum(coalesce(amount, 0))
  FROM old_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (team_id, owner_id, pipeline_stage, stage_day)
  DO UPDATE SET organisations = t.organisations + excluded.organisations, amount = t.amount + excluded.amount;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_totals_ins AFTER INSERT ON organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_totals_ins();
--> statement-breakpoint
CREATE TRIGGER organisations_totals_upd AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_totals_upd();
--> statement-breakpoint
CREATE TRIGGER organisations_totals_del AFTER DELETE ON organisations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_totals_del();
--> statement-breakpoint
-- Organisations that existed before this migration.
INSERT INTO organisation_stage_totals (team_id, owner_id, pipeline_stage, stage_day, organisations, amount)
SELECT team_id, owner_id, pipeline_stage, (stage_changed_at AT TIME ZONE 'UTC')::date, count(*), sum(coalesce(amount, 0))
FROM organisations WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- The stale count's boundary day: open organisations by last stage change.
CREATE INDEX organisations_open_stage_changed_idx ON organisations (stage_changed_at) INCLUDE (team_id, owner_id) WHERE deleted_at IS NULL AND pipeline_stage <> 'SIGNE';

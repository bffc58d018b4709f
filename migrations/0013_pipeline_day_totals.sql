-- Pipeline analytics from figures the database keeps (issue 16, decision 009). In one pass over
-- the stage history the analytics still took 220-990 ms on the large seed (175,000 moves): each
-- call sorted every move in scope to find, per move, the next move, the previous move into the
-- same stage and the first later move to a further stage. Those three are kept on the move, and
-- the figures they give are kept per organisation team, owner, stage and day (UTC):
--   entries:  first moves into the stage (no earlier move of the organisation into it), by day of the move;
--   advanced: of those, the ones followed later by a move to a further stage (at any time);
--   stays, stay_seconds: stays in the stage, by the day they ended (the organisation's next move).
-- The analytics sum the window's whole days from here and read the moves themselves only for the
-- two partial days at its ends, re-entries, conversions that came after the window's end, and a
-- sales user's organisations seen through their tasks (worker/pipeline/stage-history.ts).
ALTER TABLE stage_changes
  ADD COLUMN org_in_bin boolean NOT NULL DEFAULT false,
  ADD COLUMN left_at timestamptz,
  ADD COLUMN previous_same_at timestamptz,
  ADD COLUMN advanced_at timestamptz;
--> statement-breakpoint
-- The move's organisation: owner and team (0012), and now whether it is in the bin.
CREATE OR REPLACE FUNCTION crm_stage_change_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT owner_id, team_id, deleted_at IS NOT NULL INTO NEW.org_owner_id, NEW.org_team_id, NEW.org_in_bin
  FROM organisations WHERE id = NEW.organisation_id;
  -- No such organisation: the foreign key refuses the row, with its own message.
  NEW.org_in_bin := coalesce(NEW.org_in_bin, false);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_organisation_owner_to_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE mandates m SET org_owner_id = n.owner_id
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE m.organisation_id = n.id AND n.owner_id IS DISTINCT FROM o.owner_id;
  UPDATE stage_changes s SET org_owner_id = n.owner_id, org_team_id = n.team_id, org_in_bin = n.deleted_at IS NOT NULL
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE s.organisation_id = n.id
    AND (n.owner_id, n.team_id, n.deleted_at IS NULL) IS DISTINCT FROM (o.owner_id, o.team_id, o.deleted_at IS NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The kept history of these organisations' moves, computed again from all of their moves (a few
-- each): an insert, a delete or a move placed earlier changes its neighbours' too. The order is
-- the analytics' (time, then id); "further" is the stage enum's order, which is the pipeline's;
-- a later move is strictly later in time. The moves are reached through their organisations: the
-- planner sizes that join from the foreign key, where it guessed 186 moves per organisation
-- from a table it had no statistics for.
CREATE OR REPLACE FUNCTION crm_refresh_stage_history(orgs uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE stage_changes s SET left_at = h.left_at, previous_same_at = h.previous_same_at, advanced_at = h.advanced_at
  FROM (
    SELECT id, left_at, previous_same_at,
      CASE to_stage WHEN 'PROSPECT' THEN least(to_qualification, to_proposition, to_signe)
        WHEN 'QUALIFICATION' THEN least(to_proposition, to_signe) WHEN 'PROPOSITION' THEN to_signe END AS advanced_at
    FROM (
      SELECT m.id, m.to_stage,
        lead(m.changed_at) OVER (PARTITION BY m.organisation_id ORDER BY m.changed_at, m.id) AS left_at,
        lag(m.changed_at) OVER (PARTITION BY m.organisation_id, m.to_stage ORDER BY m.changed_at, m.id) AS previous_same_at,
        min(m.changed_at) FILTER (WHERE m.to_stage = 'QUALIFICATION') OVER later AS to_qualification,
        min(m.changed_at) FILTER (WHERE m.to_stage = 'PROPOSITION') OVER later AS to_proposition,
        min(m.changed_at) FILTER (WHERE m.to_stage = 'SIGNE') OVER later AS to_signe
      FROM organisations o JOIN stage_changes m ON m.organisation_id = o.id WHERE o.id = ANY (orgs)
      WINDOW later AS (PARTITION BY m.organisation_id ORDER BY m.changed_at
        RANGE BETWEEN '1 microsecond'::interval FOLLOWING AND UNBOUNDED FOLLOWING)
    ) w
  ) h
  WHERE s.id = h.id
    AND (s.left_at, s.previous_same_at, s.advanced_at) IS DISTINCT FROM (h.left_at, h.previous_same_at, h.advanced_at);
$$;
--> statement-breakpoint
UPDATE stage_changes s SET org_in_bin = true FROM organisations o WHERE o.id = s.organisation_id AND o.deleted_at IS NOT NULL;
--> statement-breakpoint
SELECT crm_refresh_stage_history(array(SELECT DISTINCT organisation_id FROM stage_changes));
--> statement-breakpoint
CREATE TABLE pipeline_day_totals (
  team_id uuid,
  owner_id uuid,
  stage pipeline_stage NOT NULL,
  day date NOT NULL,
  entries integer NOT NULL,
  advanced integer NOT NULL,
  stays integer NOT NULL,
  stay_seconds numeric NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX pipeline_day_totals_key ON pipeline_day_totals (team_id, owner_id, stage, day) NULLS NOT DISTINCT;
--> statement-breakpoint
-- What one move adds to the totals (sign 1) or takes away (-1). A move of an organisation in the
-- bin adds nothing; one that is gone (deleted, or its organisation's delete cascading) takes away
-- what it added.
CREATE OR REPLACE FUNCTION crm_pipeline_contributions(m stage_changes, sign integer)
RETURNS SETOF pipeline_day_totals LANGUAGE sql STABLE AS $$
  SELECT m.org_team_id, m.org_owner_id, m.to_stage, (m.changed_at AT TIME ZONE 'UTC')::date,
    sign, CASE WHEN m.advanced_at IS NULL THEN 0 ELSE sign END, 0, 0::numeric
  WHERE NOT m.org_in_bin AND m.previous_same_at IS NULL
  UNION ALL
  SELECT m.org_team_id, m.org_owner_id, m.to_stage, (m.left_at AT TIME ZONE 'UTC')::date,
    0, 0, sign, sign * extract(epoch FROM m.left_at - m.changed_at)
  WHERE NOT m.org_in_bin AND m.left_at IS NOT NULL
$$;
--> statement-breakpoint
-- One upsert per key; changes that cancel out (an edit that moves nothing) write nothing.
CREATE OR REPLACE FUNCTION crm_add_pipeline_totals(changes pipeline_day_totals[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO pipeline_day_totals AS t (team_id, owner_id, stage, day, entries, advanced, stays, stay_seconds)
  SELECT team_id, owner_id, stage, day, sum(entries), sum(advanced), sum(stays), sum(stay_seconds)
  FROM unnest(changes) GROUP BY 1, 2, 3, 4
  HAVING sum(entries) <> 0 OR sum(advanced) <> 0 OR sum(stays) <> 0 OR sum(stay_seconds) <> 0
  ON CONFLICT (team_id, owner_id, stage, day) DO UPDATE SET entries = t.entries + excluded.entries,
    advanced = t.advanced + excluded.advanced, stays = t.stays + excluded.stays,
    stay_seconds = t.stay_seconds + excluded.stay_seconds;
$$;
--> statement-breakpoint
-- One statement-level trigger for both, like the other kept figures (a bulk insert runs it once):
-- the written moves' contributions to the totals, then the kept history of the organisations
-- whose moves were placed anew (inserted, deleted, or moved in time or to another stage or
-- organisation). The refresh's own update comes back here: it places nothing, so it only moves
-- the totals from the moves' old history to the new.
CREATE OR REPLACE FUNCTION crm_stage_changes_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs uuid[]; owners uuid[]; owner_key integer;
BEGIN
  -- Moves of one owner are written one transaction at a time, before any of their totals rows is
  -- locked. A move adds to the totals in two statements (its entry here, then the previous move's
  -- stay through the refresh), so two moves of one owner's organisations in opposite directions
  -- would lock the same two rows in opposite orders: a deadlock. The owners are locked in one
  -- order (advisory locks, released at commit; 13 names this migration's locks).
  IF TG_OP = 'INSERT' THEN
    owners := array(SELECT DISTINCT org_owner_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    owners := array(SELECT DISTINCT org_owner_id FROM old_rows);
  ELSE
    owners := array(SELECT org_owner_id FROM new_rows UNION SELECT org_owner_id FROM old_rows);
  END IF;
  FOR owner_key IN SELECT DISTINCT hashtext(coalesce(o::text, '')) FROM unnest(owners) o ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(13, owner_key);
  END LOOP;
  IF TG_OP = 'INSERT' THEN
    PERFORM crm_add_pipeline_totals(array(SELECT c FROM new_rows n, crm_pipeline_contributions(n, 1) c));
    orgs := array(SELECT DISTINCT organisation_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM crm_add_pipeline_totals(array(SELECT c FROM old_rows o, crm_pipeline_contributions(o, -1) c));
    orgs := array(SELECT DISTINCT organisation_id FROM old_rows);
  ELSE
    PERFORM crm_add_pipeline_totals(array(SELECT c FROM new_rows n, crm_pipeline_contributions(n, 1) c
      UNION ALL SELECT c FROM old_rows o, crm_pipeline_contributions(o, -1) c));
    orgs := array(SELECT DISTINCT x FROM new_rows n JOIN old_rows o ON o.id = n.id,
      LATERAL (VALUES (n.organisation_id), (o.organisation_id)) v(x)
      WHERE (n.organisation_id, n.to_stage, n.changed_at) IS DISTINCT FROM (o.organisation_id, o.to_stage, o.changed_at));
  END IF;
  IF cardinality(orgs) > 0 THEN
    PERFORM crm_refresh_stage_history(orgs);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The moves that existed before this migration (their kept history is filled above).
SELECT crm_add_pipeline_totals(array(SELECT c FROM stage_changes m, crm_pipeline_contributions(m, 1) c));
--> statement-breakpoint
CREATE TRIGGER stage_changes_kept_ins AFTER INSERT ON stage_changes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_stage_changes_kept();
--> statement-breakpoint
CREATE TRIGGER stage_changes_kept_upd AFTER UPDATE ON stage_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_stage_changes_kept();
--> statement-breakpoint
CREATE TRIGGER stage_changes_kept_del AFTER DELETE ON stage_changes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_stage_changes_kept();
--> statement-breakpoint
-- The moves the analytics read themselves: stays that ended on a partial day, re-entries, and
-- first entries whose conversion came after the window's end (none when it ends now).
CREATE INDEX stage_changes_left_idx ON stage_changes (left_at) WHERE left_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX stage_changes_reentry_idx ON stage_changes (changed_at) WHERE previous_same_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX stage_changes_advanced_idx ON stage_changes (advanced_at) WHERE previous_same_at IS NULL;

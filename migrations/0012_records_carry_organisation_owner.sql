-- Scope columns kept on records (issue 16, decision 009): a mandate carries its organisation's
-- owner, a stage change its organisation's owner and team. The dashboard then counts a quarter's
-- and six months' signatures and signed organisations within a sales user's or a team's scope
-- from its indexes alone, where it looked up each record's organisation (4,100 and 2,300 look-ups
-- on the large seed with its activity, 25-45 ms of a sales user's dashboard). Kept by the
-- database: set from the organisation when a record is written, followed when the organisation
-- changes owner or team.
ALTER TABLE mandates ADD COLUMN org_owner_id uuid;
--> statement-breakpoint
ALTER TABLE stage_changes ADD COLUMN org_owner_id uuid, ADD COLUMN org_team_id uuid;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_mandate_org_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.org_owner_id := (SELECT owner_id FROM organisations WHERE id = NEW.organisation_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER mandates_org_owner BEFORE INSERT OR UPDATE OF organisation_id ON mandates FOR EACH ROW EXECUTE FUNCTION crm_mandate_org_owner();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_stage_change_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT owner_id, team_id INTO NEW.org_owner_id, NEW.org_team_id FROM organisations WHERE id = NEW.organisation_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER stage_changes_org BEFORE INSERT OR UPDATE OF organisation_id ON stage_changes FOR EACH ROW EXECUTE FUNCTION crm_stage_change_org();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_organisation_owner_to_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE mandates m SET org_owner_id = n.owner_id
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE m.organisation_id = n.id AND n.owner_id IS DISTINCT FROM o.owner_id;
  UPDATE stage_changes s SET org_owner_id = n.owner_id, org_team_id = n.team_id
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE s.organisation_id = n.id AND (n.owner_id, n.team_id) IS DISTINCT FROM (o.owner_id, o.team_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_owner_to_records AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_owner_to_records();
--> statement-breakpoint
UPDATE mandates m SET org_owner_id = o.owner_id FROM organisations o WHERE o.id = m.organisation_id;
--> statement-breakpoint
UPDATE stage_changes s SET org_owner_id = o.owner_id, org_team_id = o.team_id FROM organisations o WHERE o.id = s.organisation_id;
--> statement-breakpoint
-- The signature indexes of 0010 with the scope columns, so the counts read no table row.
DROP INDEX IF EXISTS mandates_signed_idx;
--> statement-breakpoint
CREATE INDEX mandates_signed_idx ON mandates (signed_at) INCLUDE (amount, owner_id, team_id, organisation_id, org_owner_id)
  WHERE deleted_at IS NULL AND signed_at IS NOT NULL;
--> statement-breakpoint
DROP INDEX IF EXISTS stage_changes_signed_idx;
--> statement-breakpoint
CREATE INDEX stage_changes_signed_idx ON stage_changes (changed_at) INCLUDE (organisation_id, org_owner_id, org_team_id)
  WHERE to_stage = 'SIGNE';

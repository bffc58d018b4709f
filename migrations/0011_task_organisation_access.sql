-- Sales scope of organisations (issue 16, decision 009): a sales user sees the organisations they
-- own and those of the tasks assigned to them. The second part was a sub-select of all of the
-- user's tasks (12,500 on the large seed with its activity), hashed by every statement that
-- scoped organisations: 12 ms per statement, and 117 ms for the dashboard's stage totals, which
-- then read the 75,000 organisations owned by others. Kept here by the database: the pairs of an
-- organisation and a user assigned a live task on it who does not own it (ownership is the
-- scope's first part), usually none or a few per user.
CREATE TABLE organisation_task_users (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, organisation_id)
);
--> statement-breakpoint
CREATE INDEX organisation_task_users_org_idx ON organisation_task_users (organisation_id);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_refresh_task_users(org_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM organisation_task_users WHERE organisation_id = ANY (org_ids);
  INSERT INTO organisation_task_users (user_id, organisation_id)
  SELECT DISTINCT t.assignee_id, t.organisation_id FROM tasks t JOIN organisations o ON o.id = t.organisation_id
  WHERE t.organisation_id = ANY (org_ids) AND t.deleted_at IS NULL AND t.assignee_id IS NOT NULL
    AND t.assignee_id IS DISTINCT FROM o.owner_id;
$$;
--> statement-breakpoint
-- Statement-level, like the other kept columns: a bulk insert of tasks refreshes once.
CREATE OR REPLACE FUNCTION crm_tasks_changed_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM crm_refresh_task_users(array(SELECT DISTINCT organisation_id FROM new_rows
      WHERE organisation_id IS NOT NULL AND assignee_id IS NOT NULL AND deleted_at IS NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM crm_refresh_task_users(array(SELECT DISTINCT organisation_id FROM old_rows
      WHERE organisation_id IS NOT NULL AND assignee_id IS NOT NULL AND deleted_at IS NULL));
  ELSE
    PERFORM crm_refresh_task_users(array(
      SELECT n.organisation_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.organisation_id, n.assignee_id, n.deleted_at IS NULL)
        IS DISTINCT FROM (o.organisation_id, o.assignee_id, o.deleted_at IS NULL) AND n.organisation_id IS NOT NULL
      UNION
      SELECT o.organisation_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.organisation_id, n.assignee_id, n.deleted_at IS NULL)
        IS DISTINCT FROM (o.organisation_id, o.assignee_id, o.deleted_at IS NULL) AND o.organisation_id IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tasks_access_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_tasks_changed_access();
--> statement-breakpoint
CREATE TRIGGER tasks_access_upd AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_tasks_changed_access();
--> statement-breakpoint
CREATE TRIGGER tasks_access_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_tasks_changed_access();
--> statement-breakpoint
-- A new owner may be one of the assignees (who then sees it as its owner) or leave one (who then
-- sees it through the task).
CREATE OR REPLACE FUNCTION crm_organisation_owner_changed_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crm_refresh_task_users(array(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.owner_id IS DISTINCT FROM o.owner_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_task_access_upd AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_owner_changed_access();
--> statement-breakpoint
-- The tasks that existed before this migration.
SELECT crm_refresh_task_users(array(SELECT DISTINCT organisation_id FROM tasks WHERE organisation_id IS NOT NULL));

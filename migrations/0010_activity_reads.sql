-- Dashboard reads that grow with the activity (issue 16, decision 009): measured on the large
-- seed once it held activity in proportion (200,000 interactions, 50,000 tasks, 175,000 stage
-- changes, 25,000 mandates), the dashboard's statements took about 1 s. Each index below lets one
-- of them read only the rows it shows or counts.
-- The latest interactions: a backward scan stops at the tenth visible one, where the sort read them all.
CREATE INDEX interactions_live_time_idx ON interactions (occurred_at) WHERE deleted_at IS NULL;
--> statement-breakpoint
-- Signatures of a quarter, of the last six months and the latest ten: a range of signing dates,
-- with what the counts and the scope read.
CREATE INDEX mandates_signed_idx ON mandates (signed_at) INCLUDE (amount, owner_id, team_id, organisation_id)
  WHERE deleted_at IS NULL AND signed_at IS NOT NULL;
--> statement-breakpoint
-- Organisations signed this quarter: the moves to SIGNE only, not every move of the quarter.
CREATE INDEX stage_changes_signed_idx ON stage_changes (changed_at) INCLUDE (organisation_id) WHERE to_stage = 'SIGNE';
--> statement-breakpoint
-- Open and overdue tasks: counted from the open tasks alone (about 40 % of them), with the
-- columns of every role's scope.
CREATE INDEX tasks_open_due_idx ON tasks (due_at) INCLUDE (organisation_id, team_id, assignee_id, created_by)
  WHERE deleted_at IS NULL AND status IN ('TODO', 'IN_PROGRESS');
--> statement-breakpoint
-- Open tasks kept counted by the database, per team, assignee, author and due day (UTC): the
-- dashboard sums a few thousand rows where it counted every open task (about 20,000 on the large
-- seed, over 20 ms alone on the embedded database). Counted: a live, open task whose organisation,
-- if any, is not in the bin. The due day makes "overdue" exact: whole days from here, today's
-- tasks from the tasks themselves.
CREATE TABLE open_task_totals (
  team_id uuid,
  assignee_id uuid,
  created_by uuid,
  due_day date,
  tasks integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX open_task_totals_key ON open_task_totals (team_id, assignee_id, created_by, due_day) NULLS NOT DISTINCT;
--> statement-breakpoint
-- An organisation that is gone (purged, or its delete cascading) counts as in the bin: its tasks
-- were subtracted when it went to the bin, or just before it was deleted (below).
CREATE OR REPLACE FUNCTION crm_task_counted(deleted_at timestamptz, status task_status, organisation_id uuid)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT deleted_at IS NULL AND status IN ('TODO', 'IN_PROGRESS') AND (organisation_id IS NULL OR EXISTS (
    SELECT 1 FROM organisations o WHERE o.id = organisation_id AND o.deleted_at IS NULL))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_open_task_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO open_task_totals AS t (team_id, assignee_id, created_by, due_day, tasks)
    SELECT team_id, assignee_id, created_by, (due_at AT TIME ZONE 'UTC')::date, count(*) FROM new_rows
    WHERE crm_task_counted(deleted_at, status, organisation_id) GROUP BY 1, 2, 3, 4
    ON CONFLICT (team_id, assignee_id, created_by, due_day) DO UPDATE SET tasks = t.tasks + excluded.tasks;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO open_task_totals AS t (team_id, assignee_id, created_by, due_day, tasks)
    SELECT team_id, assignee_id, created_by, (due_at AT TIME ZONE 'UTC')::date, -count(*) FROM old_rows
    WHERE crm_task_counted(deleted_at, status, organisation_id) GROUP BY 1, 2, 3, 4
    ON CONFLICT (team_id, assignee_id, created_by, due_day) DO UPDATE SET tasks = t.tasks + excluded.tasks;
  ELSE
    -- An edit that changes none of the counted fields cancels out and writes nothing.
    INSERT INTO open_task_totals AS t (team_id, assignee_id, created_by, due_day, tasks)
    SELECT team_id, assignee_id, created_by, day, sum(n) FROM (
      SELECT team_id, assignee_id, created_by, (due_at AT TIME ZONE 'UTC')::date AS day, 1 AS n FROM new_rows
      WHERE crm_task_counted(deleted_at, status, organisation_id)
      UNION ALL
      SELECT team_id, assignee_id, created_by, (due_at AT TIME ZONE 'UTC')::date, -1 FROM old_rows
      WHERE crm_task_counted(deleted_at, status, organisation_id)
    ) d GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ON CONFLICT (team_id, assignee_id, created_by, due_day) DO UPDATE SET tasks = t.tasks + excluded.tasks;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tasks_open_totals_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_open_task_totals();
--> statement-breakpoint
CREATE TRIGGER tasks_open_totals_upd AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_open_task_totals();
--> statement-breakpoint
CREATE TRIGGER tasks_open_totals_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_open_task_totals();
--> statement-breakpoint
-- An organisation going to the bin or coming back takes its open tasks out of the counts or back.
CREATE OR REPLACE FUNCTION crm_organisation_open_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO open_task_totals AS t (team_id, assignee_id, created_by, due_day, tasks)
  SELECT k.team_id, k.assignee_id, k.created_by, (k.due_at AT TIME ZONE 'UTC')::date,
    sum(CASE WHEN n.deleted_at IS NULL THEN 1 ELSE -1 END)
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  JOIN tasks k ON k.organisation_id = n.id AND k.deleted_at IS NULL AND k.status IN ('TODO', 'IN_PROGRESS')
  WHERE (n.deleted_at IS NULL) <> (o.deleted_at IS NULL)
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (team_id, assignee_id, created_by, due_day) DO UPDATE SET tasks = t.tasks + excluded.tasks;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_open_tasks_upd AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_organisation_open_tasks();
--> statement-breakpoint
-- A live organisation deleted outright: its tasks leave the counts before the cascade deletes them
-- (by then the organisation is gone, and the tasks' trigger counts them as in the bin).
CREATE OR REPLACE FUNCTION crm_organisation_deleted_open_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.deleted_at IS NULL THEN
    INSERT INTO open_task_totals AS t (team_id, assignee_id, created_by, due_day, tasks)
    SELECT team_id, assignee_id, created_by, (due_at AT TIME ZONE 'UTC')::date, -count(*) FROM tasks
    WHERE organisation_id = OLD.id AND deleted_at IS NULL AND status IN ('TODO', 'IN_PROGRESS')
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (team_id, assignee_id, created_by, due_day) DO UPDATE SET tasks = t.tasks + excluded.tasks;
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_open_tasks_del BEFORE DELETE ON organisations FOR EACH ROW EXECUTE FUNCTION crm_organisation_deleted_open_tasks();
--> statement-breakpoint
-- The tasks that existed before this migration.
INSERT INTO open_task_totals (team_id, assignee_id, created_by, due_day, tasks)
SELECT team_id, assignee_id, created_by, (due_at AT TIME ZONE 'UTC')::date, count(*) FROM tasks
WHERE crm_task_counted(deleted_at, status, organisation_id) GROUP BY 1, 2, 3, 4;

-- Lists read in their own order along an index (issue 16, decision 009). On the large seed with
-- its activity, a first page that the list cache did not hold sorted every row in scope: the
-- interactions 0.9-1.2 s, the tasks 0.25-0.95 s, each column of the pipeline board 35-60 ms. Each
-- index below holds a list's keyset as the app writes it (worker/shared/cursor.ts `ms`: a
-- timestamp truncated to the millisecond in UTC, which unlike the session-zone form Postgres can
-- index: `date_trunc` on a timestamptz is stable, its UTC timestamp form immutable), so a page
-- reads its rows in order and stops when it has them.
-- Interactions, newest first (the list, its CSV export and the dashboard's latest ones).
CREATE INDEX interactions_live_order_idx ON interactions ((date_trunc('milliseconds', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
DROP INDEX IF EXISTS interactions_live_time_idx;
--> statement-breakpoint
-- Tasks by due date, undated last: the open ones (the overdue part of the list, read apart) and all.
CREATE INDEX tasks_open_due_order_idx ON tasks (coalesce((date_trunc('milliseconds', due_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 'infinity'::timestamptz), id)
  WHERE deleted_at IS NULL AND status IN ('TODO', 'IN_PROGRESS');
--> statement-breakpoint
CREATE INDEX tasks_live_due_order_idx ON tasks (coalesce((date_trunc('milliseconds', due_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 'infinity'::timestamptz), id)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
-- Tasks and people by creation, either way.
CREATE INDEX tasks_live_created_order_idx ON tasks ((date_trunc('milliseconds', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), id)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX people_live_created_order_idx ON people ((date_trunc('milliseconds', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), id)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
-- A board column: its stage's organisations, largest amount first.
CREATE INDEX organisations_live_stage_amount_idx ON organisations (pipeline_stage, coalesce(amount, -1) DESC, id DESC)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
-- The organisations by amount (the pipeline table's default, 110-270 ms), by time in stage and by
-- creation (their keysets now at the millisecond too: an import's rows share one instant).
CREATE INDEX organisations_live_amount_idx ON organisations (coalesce(amount, -1), id) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX organisations_live_stage_changed_idx ON organisations ((date_trunc('milliseconds', stage_changed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), id)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX organisations_live_created_order_idx ON organisations ((date_trunc('milliseconds', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), id)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
-- The inactive organisations (a few), taken away from the kept stage totals for the kanban's
-- active-only board (worker/organisations/stage-totals.ts).
CREATE INDEX organisations_live_inactive_idx ON organisations (owner_id) INCLUDE (team_id, pipeline_stage, amount, stage_changed_at)
  WHERE deleted_at IS NULL AND NOT is_active;
--> statement-breakpoint
-- The lists' text filters (`q`, a case-insensitive substring): trigram indexes (pg_trgm, already
-- there for the search's dictionary, migration 0001). Without them a rare word read every row in
-- name order looking for a page (organisations 145-185 ms, people 0.26-0.9 s on the large seed).
CREATE INDEX organisations_live_name_trgm_idx ON organisations USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX people_live_name_trgm_idx ON people USING gin ((first_name || ' ' || last_name) gin_trgm_ops)
  WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX people_live_email_trgm_idx ON people USING gin (personal_email gin_trgm_ops) WHERE deleted_at IS NULL;

-- The bin read in its own order along an index (issue 16, decision 009). Its page scanned all six
-- tables for their few deleted rows (0.1 s on the 100,000-organisation seed with an empty bin),
-- then sorted them all (45 ms more for a bin of 15,000 rows after a bulk delete). Each index holds
-- only the binned rows of its table, in the bin's keyset (worker/shared/cursor.ts `ms`), so each
-- kind reads its first page and stops; the purge reads the same small indexes.
DROP INDEX IF EXISTS organisations_deleted_idx;
--> statement-breakpoint
CREATE INDEX organisations_binned_idx ON organisations ((date_trunc('milliseconds', deleted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX people_binned_idx ON people ((date_trunc('milliseconds', deleted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX products_binned_idx ON products ((date_trunc('milliseconds', deleted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX mandates_binned_idx ON mandates ((date_trunc('milliseconds', deleted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX interactions_binned_idx ON interactions ((date_trunc('milliseconds', deleted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX tasks_binned_idx ON tasks ((date_trunc('milliseconds', deleted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC)
  WHERE deleted_at IS NOT NULL;

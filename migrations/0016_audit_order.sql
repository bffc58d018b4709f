-- The audit log pages in its keyset at the millisecond (issue 16, decision 009), as every other
-- list does (worker/shared/cursor.ts `ms`): its cursor carries a time cut to the millisecond, and
-- compared with the raw column, entries of one millisecond that a page split were skipped (on a
-- real Postgres, 3 of 5 entries written in one transaction). Its time index becomes that key.
DROP INDEX IF EXISTS audit_log_time_idx;
--> statement-breakpoint
CREATE INDEX audit_log_order_idx ON audit_log ((date_trunc('milliseconds', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') DESC, id DESC);

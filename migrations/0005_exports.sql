-- Exports (docs/decisions/006-exports.md): one row per background export. The file sits in R2
-- under file_key until expires_at (7 days); the daily cron deletes both.
CREATE TABLE exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The requester's effective role at request time (an API token may cap it): the job never reads more.
  role role NOT NULL,
  entity text NOT NULL,
  format text NOT NULL,
  filters jsonb NOT NULL DEFAULT '{}'::jsonb,
  ids jsonb,
  status text NOT NULL DEFAULT 'queued',
  progress integer NOT NULL DEFAULT 0,
  row_count integer,
  file_key text,
  file_name text,
  size_bytes integer,
  failure text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days'
);
--> statement-breakpoint
CREATE INDEX exports_user_time_idx ON exports (user_id, created_at);
--> statement-breakpoint
CREATE INDEX exports_expires_idx ON exports (expires_at);

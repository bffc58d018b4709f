-- Imports (docs/decisions/005-imports.md): one row per uploaded file, one row per file line
-- written (the idempotency key of a retried chunk), and the column mapping last used for a set of
-- headers.
CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  entity text NOT NULL,
  file_name text NOT NULL,
  file_size integer NOT NULL,
  format text NOT NULL,
  sheet_name text,
  headers jsonb NOT NULL,
  mapping jsonb NOT NULL,
  mode text,
  status text NOT NULL DEFAULT 'uploaded',
  row_count integer NOT NULL,
  chunk_size integer NOT NULL,
  chunk_count integer NOT NULL,
  chunks_done integer NOT NULL DEFAULT 0,
  rows_done integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  errors integer NOT NULL DEFAULT 0,
  failure text,
  revert_report jsonb,
  started_at timestamptz,
  finished_at timestamptz,
  reverted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX imports_user_time_idx ON imports (user_id, created_at);
--> statement-breakpoint
CREATE INDEX imports_time_idx ON imports (created_at);
--> statement-breakpoint
CREATE TABLE import_rows (
  import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  line integer NOT NULL,
  outcome text NOT NULL,
  record_id uuid,
  column_name text,
  message text,
  previous jsonb,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (import_id, line)
);
--> statement-breakpoint
CREATE TABLE import_mappings (
  entity text NOT NULL,
  header_key text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, header_key)
);
--> statement-breakpoint
-- Matching rules (docs/imports.md): organisations by e-mail domain, people by e-mail.
CREATE INDEX organisations_email_domain_idx ON organisations (lower(split_part(email, '@', 2)))
  WHERE deleted_at IS NULL AND email IS NOT NULL;
--> statement-breakpoint
CREATE INDEX people_personal_email_idx ON people (lower(personal_email))
  WHERE deleted_at IS NULL AND personal_email IS NOT NULL;

-- Notifications (issue 14): per-user sequence numbers for catch-up, dedupe keys for the daily
-- time-based types, per-type preferences, e-mails waiting for the daily digest.
ALTER TABLE "notifications" ADD COLUMN "seq" bigint;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "dedupe_key" text;
--> statement-breakpoint
CREATE TABLE "notification_counters" (
  "user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "last_seq" bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
UPDATE "notifications" n SET "seq" = s.rn
FROM (SELECT "id", row_number() OVER (PARTITION BY "user_id" ORDER BY "created_at", "id") AS rn FROM "notifications") s
WHERE s."id" = n."id";
--> statement-breakpoint
INSERT INTO "notification_counters" ("user_id", "last_seq")
SELECT "user_id", max("seq") FROM "notifications" GROUP BY "user_id";
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "seq" SET DEFAULT 0, ALTER COLUMN "seq" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_seq_idx" ON "notifications" ("user_id", "seq");
--> statement-breakpoint
CREATE INDEX "notifications_user_dedupe_idx" ON "notifications" ("user_id", "dedupe_key", "created_at") WHERE "dedupe_key" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "notifications_expires_idx" ON "notifications" ("expires_at") WHERE "expires_at" IS NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notifications_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_counters AS c (user_id, last_seq) VALUES (NEW.user_id, 1)
  ON CONFLICT (user_id) DO UPDATE SET last_seq = c.last_seq + 1
  RETURNING last_seq INTO NEW.seq;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "notifications_seq" BEFORE INSERT ON "notifications"
FOR EACH ROW EXECUTE FUNCTION notifications_next_seq();
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "type" text NOT NULL,
  "in_app" boolean NOT NULL DEFAULT true,
  "email" boolean NOT NULL DEFAULT false,
  CONSTRAINT "notification_preferences_pk" PRIMARY KEY ("user_id", "type")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
  "user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "email_digest" boolean NOT NULL DEFAULT false
);
--> statement-breakpoint
CREATE TABLE "notification_emails" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "type" text NOT NULL,
  "title" text NOT NULL,
  "message" text,
  "link" text,
  "digest" boolean NOT NULL,
  "sent_at" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notification_emails_pending_idx" ON "notification_emails" ("user_id", "created_at") WHERE "sent_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "notification_marks" (
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "key" text NOT NULL,
  "notified_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "notification_marks_pk" PRIMARY KEY ("user_id", "key")
);

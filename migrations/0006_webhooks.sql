-- Webhooks: secrets stored encrypted (a plaintext secret from before cannot be trusted: disable it),
-- a previous secret kept for the rotation overlap, failure tracking for the 5-day disable rule.
UPDATE "webhooks" SET "is_active" = false WHERE "secret" NOT LIKE 'enc:%';
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "previous_secret" text;
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "previous_secret_expires_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "disabled_reason" text;
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "failing_since" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "last_success_at" timestamp with time zone;
--> statement-breakpoint
CREATE TABLE "webhook_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL REFERENCES "webhooks"("id") ON DELETE CASCADE,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_messages_hook_event_idx" ON "webhook_messages" ("webhook_id", "event_id");
--> statement-breakpoint
CREATE INDEX "webhook_messages_due_idx" ON "webhook_messages" ("next_attempt_at") WHERE "status" = 'pending';
--> statement-breakpoint
CREATE INDEX "webhook_messages_created_idx" ON "webhook_messages" ("created_at");
--> statement-breakpoint
DELETE FROM "webhook_deliveries";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "message_id" uuid NOT NULL REFERENCES "webhook_messages"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "next_retry_at" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "webhook_deliveries" ("created_at");

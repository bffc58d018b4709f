-- Reserved for webhooks: statements are separated by --> statement-breakpoint lines.
SELECT 1;

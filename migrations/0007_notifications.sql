-- Reserved for notifications: statements are separated by --> statement-breakpoint lines.
SELECT 1;

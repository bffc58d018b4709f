-- Reserved for hardening: statements are separated by --> statement-breakpoint lines.
SELECT 1;

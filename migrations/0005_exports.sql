-- Reserved for exports: statements are separated by --> statement-breakpoint lines.
SELECT 1;

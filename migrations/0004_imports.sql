-- Reserved for imports: statements are separated by --> statement-breakpoint lines.
SELECT 1;

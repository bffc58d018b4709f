-- Reserved for speed: statements are separated by --> statement-breakpoint lines.
SELECT 1;

-- Reserved slot (hardening); replace this statement with the feature's SQL.
SELECT 1;

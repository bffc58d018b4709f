-- Reserved slot (webhooks); replace this statement with the feature's SQL.
SELECT 1;

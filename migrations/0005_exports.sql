-- Reserved slot (exports); replace this statement with the feature's SQL.
SELECT 1;

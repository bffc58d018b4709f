-- Reserved slot (speed); replace this statement with the feature's SQL.
SELECT 1;

-- hokenid 0.4 -> 0.5: receipts (UKE files) to the minimum data set.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.5'" to load this file. \quit

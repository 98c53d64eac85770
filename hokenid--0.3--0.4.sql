-- hokenid 0.3 -> 0.4: the notice-request restriction (告知要求制限) and its audit.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.4'" to load this file. \quit

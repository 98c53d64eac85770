-- hokenid 0.1 -> 0.2: qualification history (資格履歴) and online eligibility.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.2'" to load this file. \quit

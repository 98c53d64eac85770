-- hokenid 0.2 -> 0.3: one-way linkage codes (連結符号).
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.3'" to load this file. \quit

-- hokenid 0.7 -> 0.8: the notice-request restriction by data flow (what a statement does with
-- insured numbers, not the types of its result), statistics that publish no number, and an
-- audit trail whose records name their database and precede the rows they describe.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.8'" to load this file. \quit

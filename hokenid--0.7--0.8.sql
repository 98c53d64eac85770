-- hokenid 0.7 -> 0.8: the notice-request restriction by data flow (what a statement does with
-- insured numbers, not the types of its result), statistics that publish no number, and an
-- audit trail whose records name their database and precede the rows they describe.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.8'" to load this file. \quit

------------------------------------------------------------------------------
-- The audit trail: records name their database; a statement whose rows leave while it runs has
-- an opened record before its first row and a closed one after its last (phase, opened_seq,
-- outcome); a role's refusals beyond hokenid.audit_refusals_per_minute are counted into one
-- summary record (statements = k).  audit_read() reads both record formats, and its
-- previous_hash is the previous record's hash alone (0.7 ran it into the record's own hash).
-- The views are rebuilt on it with the grants they had.
------------------------------------------------------------------------------
DROP VIEW @extschema@.audit_violations, @extschema@.audit_by_purpose, @extschema@.audit_by_role,
    @extschema@.audit_by_person, @extschema@.audit_log;
DROP FUNCTION @extschema@.audit_records();
DROP FUNCTION @extschema@.audit_read();

CREATE FUNCTION @extschema@.audit_read(
    OUT seq bigint, OUT logged_at timestamptz, OUT pid integer, OUT role_name text, OUT purpose text,
    OUT query_id bigint, OUT relations text, OUT action text, OUT refused boolean, OUT rows bigint,
    OUT persons bigint, OUT digests text, OUT previous_hash text, OUT database text, OUT phase text,
    OUT opened_seq bigint, OUT outcome text, OUT statements bigint, OUT hash text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'audit_records' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_read() IS 'the audit file''s records, for hokenid.audit_records()';
-- The views call this as their reader: it lets through exactly the roles
-- that may read hokenid.audit_log (an auditor role the DBA grants).
CREATE FUNCTION @extschema@.audit_records(
    OUT seq bigint, OUT logged_at timestamptz, OUT pid integer, OUT role_name text, OUT purpose text,
    OUT query_id bigint, OUT relations text, OUT action text, OUT refused boolean, OUT rows bigint,
    OUT persons bigint, OUT digests text, OUT previous_hash text, OUT database text, OUT phase text,
    OUT opened_seq bigint, OUT outcome text, OUT statements bigint, OUT hash text)
    RETURNS SETOF record
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF NOT has_table_privilege(@extschema@.calling_role(), '@extschema@.audit_log', 'SELECT') THEN
        RAISE EXCEPTION 'permission denied for the hokenid audit trail'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Auditors are granted SELECT on hokenid.audit_log.';
    END IF;
    RETURN QUERY SELECT * FROM @extschema@.audit_read();
END
$$;
COMMENT ON FUNCTION @extschema@.audit_records() IS 'the audit trail''s records, for roles that may read hokenid.audit_log';

-- rows and persons are NULL where nobody knows them: a statement closed as
-- ended after its backend died or the server crashed.
CREATE VIEW @extschema@.audit_log AS
    SELECT seq, logged_at, pid, role_name, nullif(purpose, '') AS purpose, query_id, relations, action,
           refused, rows, persons,
           CASE WHEN digests = '' THEN '{}'::text[] ELSE string_to_array(digests, ',') END AS person_digests,
           database, phase, opened_seq, outcome, statements
    FROM @extschema@.audit_records();
COMMENT ON VIEW @extschema@.audit_log IS 'one row per audit record (監査記録): when, in which database, who, for what purpose, which relations, how many rows and persons (as keyed digests, never numbers); phase opened/closed brackets a statement''s rows, statements > 1 counts refusals summarised in one record';

-- A statement counts once: its complete record, or its opened one (the
-- closed one carries its persons); a summary counts its refusals.
CREATE VIEW @extschema@.audit_by_person AS
    SELECT digest AS person_digest, count(*) AS statements, array_agg(DISTINCT role_name) AS roles,
           min(logged_at) AS first_seen, max(logged_at) AS last_seen
    FROM @extschema@.audit_log, unnest(person_digests) AS digest GROUP BY digest;
CREATE VIEW @extschema@.audit_by_role AS
    SELECT role_name, coalesce(sum(statements) FILTER (WHERE phase <> 'closed'), 0)::bigint AS statements,
           coalesce(sum(statements) FILTER (WHERE refused), 0)::bigint AS refusals,
           sum(persons) AS persons, max(logged_at) AS last_seen
    FROM @extschema@.audit_log GROUP BY role_name;
CREATE VIEW @extschema@.audit_by_purpose AS
    SELECT purpose, coalesce(sum(statements) FILTER (WHERE phase <> 'closed'), 0)::bigint AS statements,
           coalesce(sum(statements) FILTER (WHERE refused), 0)::bigint AS refusals, sum(persons) AS persons
    FROM @extschema@.audit_log GROUP BY purpose;

-- What an auditor looks at first: refusals, disclosures outside business
-- hours (hokenid.audit_business_hours, e.g. '8-20'), and roles reading more
-- persons a day than hokenid.audit_daily_persons.
CREATE VIEW @extschema@.audit_violations AS
    SELECT seq, logged_at, role_name, purpose,
           CASE WHEN statements = 1 THEN 'refused' ELSE format('refused ×%s', statements) END AS violation
    FROM @extschema@.audit_log WHERE refused
    UNION ALL
    SELECT seq, logged_at, role_name, purpose, 'outside business hours'
    FROM @extschema@.audit_log
    WHERE NOT refused AND phase <> 'closed'
      AND coalesce(current_setting('hokenid.audit_business_hours', true), '') ~ '^\d+-\d+$'
      AND (extract(hour FROM logged_at) < split_part(current_setting('hokenid.audit_business_hours', true), '-', 1)::int
        OR extract(hour FROM logged_at) >= split_part(current_setting('hokenid.audit_business_hours', true), '-', 2)::int)
    UNION ALL
    SELECT NULL, max(logged_at), role_name, NULL, format('%s persons on %s', sum(persons), logged_at::date)
    FROM @extschema@.audit_log
    WHERE NOT refused AND coalesce(current_setting('hokenid.audit_daily_persons', true), '') ~ '^\d+$'
    GROUP BY role_name, logged_at::date
    HAVING sum(persons) > current_setting('hokenid.audit_daily_persons', true)::bigint;

REVOKE ALL ON FUNCTION @extschema@.audit_read() FROM PUBLIC;
REVOKE ALL ON @extschema@.audit_log, @extschema@.audit_by_person, @extschema@.audit_by_role,
    @extschema@.audit_by_purpose, @extschema@.audit_violations FROM PUBLIC;

------------------------------------------------------------------------------
-- The restriction by data flow: statistics that publish no number.  Every
-- type that carries insured numbers analyses without values (no most common
-- values, no histogram bounds in pg_stats); statistics gathered before are
-- dropped and come back, without values, at the next ANALYZE.
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.number_typanalyze(internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'number_typanalyze' LANGUAGE C STRICT;
COMMENT ON FUNCTION @extschema@.number_typanalyze(internal) IS
    'ANALYZE of a type that carries insured numbers: PostgreSQL''s own, without the slots that hold values';
ALTER TYPE @extschema@.insured_no SET (ANALYZE = @extschema@.number_typanalyze);
CREATE FUNCTION @extschema@.protect_number_statistics() RETURNS bigint
    AS 'MODULE_PATHNAME', 'protect_number_statistics' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.protect_number_statistics() IS
    'makes every type that carries insured numbers analyse without values and drops statistics that hold them; returns the columns whose statistics were dropped';
REVOKE ALL ON FUNCTION @extschema@.number_typanalyze(internal), @extschema@.protect_number_statistics() FROM PUBLIC;
SELECT @extschema@.protect_number_statistics();

------------------------------------------------------------------------------
-- Every history provision is in the audit trail (告知要求制限: no record, no
-- disclosure), written outside the transaction before the rows leave; the
-- provision table stays as a convenience that a rollback undoes.
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.audit_history_provision(given @extschema@.insured_no, numbers integer) RETURNS void
    AS 'MODULE_PATHNAME', 'audit_history_provision' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION @extschema@.audit_history_provision(@extschema@.insured_no, integer) IS
    'records a history provision (action provide) in the audit trail; called by hokenid.history()';
REVOKE ALL ON FUNCTION @extschema@.audit_history_provision(@extschema@.insured_no, integer) FROM PUBLIC;
CREATE OR REPLACE FUNCTION @extschema@.history(insured @extschema@.insured_no)
    RETURNS SETOF @extschema@.history_entry
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    caller regrole := @extschema@.calling_role();
    registration @extschema@.history_recipient;
    holder bigint;
    given @extschema@.insured_no := insured;
    provided integer;
BEGIN
    SELECT * INTO registration FROM @extschema@.history_recipient r
    WHERE pg_has_role(caller, r.recipient, 'MEMBER')
    ORDER BY r.registered_at LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % is not a registered recipient of insured-number history', caller
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'History is given only to recipients registered with hokenid.register_history_recipient (履歴の提供先の限定).';
    END IF;
    SELECT n.person_id INTO holder FROM @extschema@.insured_number n WHERE n.insured OPERATOR(@extschema@.=) given;
    RETURN QUERY
        SELECT q.insured, q.coverage, q.relationship, q.insured OPERATOR(@extschema@.=) given
        FROM @extschema@.qualification q
        WHERE q.person_id = holder
        ORDER BY lower(q.coverage), q.qualification_id;
    GET DIAGNOSTICS provided = ROW_COUNT;
    -- the rows leave when the function returns: the record is written first
    PERFORM @extschema@.audit_history_provision(given, provided);
    INSERT INTO @extschema@.history_provision (recipient, purpose, numbers)
    VALUES (caller::text, registration.purpose, provided);
END
$$;

-- hokenid 0.3 -> 0.4: the notice-request restriction (告知要求制限) and its
-- audit trail.  Reading insured numbers needs a declared purpose that
-- permits it (hokenid.purpose); every disclosure and every refusal leaves a
-- hash-chained audit record that survives rollback and crashes.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.4'" to load this file. \quit

-- Without the hooks nothing would be enforced: refuse to install instead.
CREATE FUNCTION @extschema@.require_preloaded() RETURNS void
    AS 'MODULE_PATHNAME', 'require_preloaded' LANGUAGE C VOLATILE;
SELECT @extschema@.require_preloaded();

------------------------------------------------------------------------------
-- Purposes and who may declare them
------------------------------------------------------------------------------
CREATE TABLE @extschema@.purpose (
    name           text PRIMARY KEY CHECK (name <> ''),
    reads_numbers  boolean NOT NULL,
    builds_stores  boolean NOT NULL,
    description    text,
    builtin        boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.purpose IS '目的: what a session may declare in hokenid.purpose, and whether it permits reading insured numbers and building stores of them';
INSERT INTO @extschema@.purpose VALUES
    ('資格確認', true, false, 'オンライン資格確認: a clinic confirming eligibility on the day of care', true),
    ('審査支払', true, true, '審査支払機関: examining and paying receipts', true),
    ('保険者業務', true, true, '保険者: the insurer''s own business (健康保険事業)', true),
    ('研究提供', false, false, 'research provision: codes, never numbers', true),
    ('backup', true, true, 'pg_dump and restore by a non-superuser backup role', true);

CREATE TABLE @extschema@.purpose_grant (
    member   regrole NOT NULL,
    purpose  text NOT NULL REFERENCES @extschema@.purpose ON UPDATE CASCADE,
    PRIMARY KEY (member, purpose)
);
COMMENT ON TABLE @extschema@.purpose_grant IS 'which roles may declare which purposes';
-- pg_dump saves the purposes users add; the builtin ones come with CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('@extschema@.purpose', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.purpose_grant', '');
REVOKE ALL ON @extschema@.purpose, @extschema@.purpose_grant FROM PUBLIC;
-- who may declare what is no secret, and the enforcement reads it as the caller
GRANT SELECT ON @extschema@.purpose, @extschema@.purpose_grant TO PUBLIC;

-- every backend re-reads the registry when it changes
CREATE FUNCTION @extschema@.purposes_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'purposes_changed' LANGUAGE C;
CREATE TRIGGER purpose_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.purpose
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.purposes_changed();
CREATE TRIGGER purpose_grant_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.purpose_grant
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.purposes_changed();

CREATE FUNCTION @extschema@.register_purpose(name text, reads_numbers boolean, builds_stores boolean)
    RETURNS void
    LANGUAGE sql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    INSERT INTO @extschema@.purpose (name, reads_numbers, builds_stores) VALUES (name, reads_numbers, builds_stores);
END;
COMMENT ON FUNCTION @extschema@.register_purpose(text, boolean, boolean) IS 'add a purpose to the registry';
CREATE FUNCTION @extschema@.grant_purpose(member regrole, purpose text) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.purpose p WHERE p.name = grant_purpose.purpose) THEN
        RAISE EXCEPTION 'unknown purpose "%"', purpose
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Register it first with hokenid.register_purpose.';
    END IF;
    INSERT INTO @extschema@.purpose_grant VALUES (member, purpose) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.grant_purpose(regrole, text) IS 'allow a role (and its members) to declare a purpose';
REVOKE ALL ON FUNCTION @extschema@.register_purpose(text, boolean, boolean),
    @extschema@.grant_purpose(regrole, text), @extschema@.require_preloaded() FROM PUBLIC;

------------------------------------------------------------------------------
-- The audit trail (a hash-chained file in the data directory) and its views
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.audit_read(
    OUT seq bigint, OUT logged_at timestamptz, OUT pid integer, OUT role_name text, OUT purpose text,
    OUT query_id bigint, OUT relations text, OUT action text, OUT refused boolean, OUT rows bigint,
    OUT persons bigint, OUT digests text, OUT previous_hash text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'audit_records' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_read() IS 'the audit file''s records, for hokenid.audit_records()';
-- The views call this as their reader: it lets through exactly the roles
-- that may read hokenid.audit_log (an auditor role the DBA grants).
CREATE FUNCTION @extschema@.audit_records(
    OUT seq bigint, OUT logged_at timestamptz, OUT pid integer, OUT role_name text, OUT purpose text,
    OUT query_id bigint, OUT relations text, OUT action text, OUT refused boolean, OUT rows bigint,
    OUT persons bigint, OUT digests text, OUT previous_hash text)
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
CREATE FUNCTION @extschema@.audit_first_broken() RETURNS bigint
    AS 'MODULE_PATHNAME', 'audit_first_broken' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_first_broken() IS
    'the position of the first audit record whose hash link is broken (edited, inserted, deleted or cut), NULL when intact';
CREATE FUNCTION @extschema@.audit_verify() RETURNS boolean
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN @extschema@.audit_first_broken() IS NULL;
COMMENT ON FUNCTION @extschema@.audit_verify() IS 'true when the audit trail''s hash chain is intact';

CREATE VIEW @extschema@.audit_log AS
    SELECT seq, logged_at, pid, role_name, nullif(purpose, '') AS purpose, query_id, relations, action,
           refused, rows, persons,
           CASE WHEN digests = '' THEN '{}'::text[] ELSE string_to_array(digests, ',') END AS person_digests
    FROM @extschema@.audit_records();
COMMENT ON VIEW @extschema@.audit_log IS 'one row per audited statement or refusal: when, who, for what purpose, which relations, how many rows and persons (as keyed digests, never numbers)';

CREATE VIEW @extschema@.audit_by_person AS
    SELECT digest AS person_digest, count(*) AS statements, array_agg(DISTINCT role_name) AS roles,
           min(logged_at) AS first_seen, max(logged_at) AS last_seen
    FROM @extschema@.audit_log, unnest(person_digests) AS digest GROUP BY digest;
CREATE VIEW @extschema@.audit_by_role AS
    SELECT role_name, count(*) AS statements, count(*) FILTER (WHERE refused) AS refusals,
           sum(persons) AS persons, max(logged_at) AS last_seen
    FROM @extschema@.audit_log GROUP BY role_name;
CREATE VIEW @extschema@.audit_by_purpose AS
    SELECT purpose, count(*) AS statements, count(*) FILTER (WHERE refused) AS refusals, sum(persons) AS persons
    FROM @extschema@.audit_log GROUP BY purpose;

-- What an auditor looks at first: refusals, disclosures outside business
-- hours (hokenid.audit_business_hours, e.g. '8-20'), and roles reading more
-- persons a day than hokenid.audit_daily_persons.
CREATE VIEW @extschema@.audit_violations AS
    SELECT seq, logged_at, role_name, purpose, 'refused' AS violation
    FROM @extschema@.audit_log WHERE refused
    UNION ALL
    SELECT seq, logged_at, role_name, purpose, 'outside business hours'
    FROM @extschema@.audit_log
    WHERE NOT refused AND coalesce(current_setting('hokenid.audit_business_hours', true), '') ~ '^\d+-\d+$'
      AND (extract(hour FROM logged_at) < split_part(current_setting('hokenid.audit_business_hours', true), '-', 1)::int
        OR extract(hour FROM logged_at) >= split_part(current_setting('hokenid.audit_business_hours', true), '-', 2)::int)
    UNION ALL
    SELECT NULL, max(logged_at), role_name, NULL, format('%s persons on %s', sum(persons), logged_at::date)
    FROM @extschema@.audit_log
    WHERE NOT refused AND coalesce(current_setting('hokenid.audit_daily_persons', true), '') ~ '^\d+$'
    GROUP BY role_name, logged_at::date
    HAVING sum(persons) > current_setting('hokenid.audit_daily_persons', true)::bigint;

REVOKE ALL ON FUNCTION @extschema@.audit_read(), @extschema@.audit_first_broken(),
    @extschema@.audit_verify() FROM PUBLIC;
REVOKE ALL ON @extschema@.audit_log, @extschema@.audit_by_person, @extschema@.audit_by_role,
    @extschema@.audit_by_purpose, @extschema@.audit_violations FROM PUBLIC;

-- hokenid 0.1 -> 0.2: qualification history (被保険者番号履歴) and online
-- eligibility (オンライン資格確認).
--
-- Who covered a person when: each insured number a person held, with the
-- dates it covered (資格取得日 to the day before 資格喪失日), chained across
-- insurer changes.  The history provider (履歴管理提供主体) writes it; clinics
-- ask eligibility on a date; billing routes a receipt to the insurer that
-- covered the service date; registered recipients get a person's history.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.2'" to load this file. \quit

------------------------------------------------------------------------------
-- Tables (written only through the functions below)
------------------------------------------------------------------------------
-- The internal person key is never shown to callers other than the
-- provider's administration: it would let anyone join across numbers.
CREATE TABLE @extschema@.person (
    person_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.person IS '被保険者 (insured person): the internal key that ties a person''s numbers together';

-- A number belongs to one person for ever: the primary key makes a second
-- owner a unique violation (23505) even between concurrent sessions.
CREATE TABLE @extschema@.insured_number (
    insured     @extschema@.insured_no PRIMARY KEY,
    person_id   bigint NOT NULL REFERENCES @extschema@.person,
    -- the number the holder's history starts with (links only add later
    -- numbers, so it never changes); person-level linkage codes derive
    -- from it, as NDB's ID5 derives from the oldest number
    oldest      @extschema@.insured_no NOT NULL
);
CREATE INDEX insured_number_person ON @extschema@.insured_number (person_id);
COMMENT ON TABLE @extschema@.insured_number IS '被保険者番号 → person: each number has exactly one holder';

CREATE TABLE @extschema@.qualification (
    qualification_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id         bigint NOT NULL REFERENCES @extschema@.person,
    insured           @extschema@.insured_no NOT NULL REFERENCES @extschema@.insured_number,
    -- the card as printed without 枝番, for legacy cards
    card              @extschema@.insured_no NOT NULL
                      GENERATED ALWAYS AS (@extschema@.without_branch(insured)) STORED,
    -- 法別番号 (0 for 国民健康保険): one qualification per 制度 and day
    law_code          integer NOT NULL
                      GENERATED ALWAYS AS (coalesce(@extschema@.law_code(@extschema@.insurer(insured)), 0)) STORED,
    relationship      text NOT NULL CHECK (relationship IN ('self', 'family')),
    coverage          daterange NOT NULL CHECK (NOT isempty(coverage) AND NOT lower_inf(coverage)),
    -- the qualification that took over through link_history (no forks: at most one)
    succeeded_by      bigint UNIQUE REFERENCES @extschema@.qualification,
    -- A person has at most one qualification of a 制度 on a day.  The range
    -- over a single key stands in for equality so that core GiST suffices
    -- (no btree_gist needed).
    CONSTRAINT qualification_no_overlap EXCLUDE USING gist (
        int8range(person_id * 100 + law_code, person_id * 100 + law_code, '[]') WITH &&,
        coverage WITH &&)
);
CREATE INDEX qualification_insured ON @extschema@.qualification (insured);
CREATE INDEX qualification_card ON @extschema@.qualification (card);
CREATE INDEX qualification_person ON @extschema@.qualification (person_id, lower(coverage));
COMMENT ON TABLE @extschema@.qualification IS '資格: an insured number covering a person over a date range (資格取得日 inclusive, 資格喪失日 exclusive)';
COMMENT ON COLUMN @extschema@.qualification.relationship IS '本人 (self) or 家族 (family, 被扶養者)';

-- Recipients of history (履歴の提供先): only registered roles, each with the
-- law that allows it and the purpose.
CREATE TABLE @extschema@.history_recipient (
    recipient      regrole PRIMARY KEY,
    legal_basis    text NOT NULL CHECK (legal_basis <> ''),
    purpose        text NOT NULL CHECK (purpose <> ''),
    registered_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.history_recipient IS '履歴の提供先: roles that may receive a person''s number history, with legal basis and purpose';

CREATE TABLE @extschema@.history_provision (
    provided_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    recipient    name NOT NULL,
    purpose      text NOT NULL,
    numbers      integer NOT NULL
);
COMMENT ON TABLE @extschema@.history_provision IS 'every provision of history: who, when, for what, how many numbers (never which)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.insured_number', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.qualification', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.history_recipient', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.history_provision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person_person_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.qualification_qualification_id_seq', '');

REVOKE ALL ON @extschema@.person, @extschema@.insured_number, @extschema@.qualification,
              @extschema@.history_recipient, @extschema@.history_provision FROM PUBLIC;

------------------------------------------------------------------------------
-- Internals
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.calling_role() RETURNS regrole
    AS 'MODULE_PATHNAME', 'calling_role' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.calling_role() IS
    'the role that called the current SECURITY DEFINER function (current_user outside it)';

-- Refuses dates a registration cannot honestly carry: a qualification is
-- registered when it happens, so nothing starts or ends more than a year
-- ahead, and nothing predates the health-insurance system.
CREATE FUNCTION @extschema@.check_history_date(day date, what text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF day IS NULL OR isfinite(day) IS NOT TRUE THEN
        RAISE EXCEPTION '% must be a finite date', what
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF day > CURRENT_DATE + 366 THEN
        RAISE EXCEPTION '% % is more than a year ahead', what, to_char(day, 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Register a qualification when it is acquired or lost.';
    END IF;
    IF day < DATE '1922-01-01' THEN
        RAISE EXCEPTION '% % predates health insurance in Japan (健康保険法, 1922)', what, to_char(day, 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

-- The holder of a number, locked so that concurrent writers of the same
-- person serialise; NULL when the number is unknown.
CREATE FUNCTION @extschema@.lock_holder(number @extschema@.insured_no) RETURNS bigint
    LANGUAGE sql VOLATILE STRICT SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT p.person_id FROM @extschema@.insured_number n JOIN @extschema@.person p USING (person_id)
    WHERE n.insured OPERATOR(@extschema@.=) number
    FOR UPDATE OF p;
END;

-- Gives a number its holder.  A concurrent session may have claimed it
-- first; the unique violation is re-raised without the key, which is the
-- number itself and must not reach the log.
CREATE FUNCTION @extschema@.claim_number(number @extschema@.insured_no, holder bigint,
                                         oldest @extschema@.insured_no) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    INSERT INTO @extschema@.insured_number (insured, person_id, oldest) VALUES (number, holder, oldest);
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'the number was registered by another session at the same time'
        USING ERRCODE = 'unique_violation',
              DETAIL = format('The number ends in %s.', @extschema@.masked(number)),
              HINT = 'Retry: the number now has a holder.';
END
$$;

CREATE FUNCTION @extschema@.masked(number @extschema@.insured_no) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN repeat('*', greatest(length(number::text) - 2, 0)) || right(number::text, 2);
COMMENT ON FUNCTION @extschema@.masked(@extschema@.insured_no) IS
    'the form of a number allowed in messages: all but its last two characters hidden';

------------------------------------------------------------------------------
-- Writing the history (履歴管理提供主体)
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.register_qualification(
    insured @extschema@.insured_no, coverage daterange, relationship text DEFAULT 'self')
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holder bigint;
    new_id bigint;
BEGIN
    IF insured IS NULL OR coverage IS NULL OR relationship IS NULL THEN
        RAISE EXCEPTION 'insured, coverage and relationship are required'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF isempty(coverage) OR lower_inf(coverage) THEN
        RAISE EXCEPTION 'coverage must have a first day (資格取得日)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    coverage := daterange(lower(coverage), upper(coverage), '[)');  -- canonical
    PERFORM @extschema@.check_history_date(lower(coverage), '資格取得日');
    IF NOT upper_inf(coverage) THEN
        PERFORM @extschema@.check_history_date(upper(coverage), '資格喪失日');
    END IF;
    IF relationship NOT IN ('self', 'family') THEN
        RAISE EXCEPTION 'relationship must be self (本人) or family (家族)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    holder := @extschema@.lock_holder(insured);
    IF holder IS NULL THEN
        INSERT INTO @extschema@.person DEFAULT VALUES RETURNING person_id INTO holder;
        PERFORM @extschema@.claim_number(insured, holder, insured);
    END IF;
    BEGIN
        INSERT INTO @extschema@.qualification (person_id, insured, relationship, coverage)
        VALUES (holder, insured, relationship, coverage)
        RETURNING qualification_id INTO new_id;
    EXCEPTION WHEN exclusion_violation THEN
        RAISE EXCEPTION 'coverage from % overlaps a qualification the person already has in the same scheme',
                to_char(lower(coverage), 'YYYY-MM-DD')
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(insured)),
                  HINT = 'End the current qualification first (hokenid.end_qualification), or use hokenid.link_history for a change of number.';
    END;
    RETURN new_id;
END
$$;
COMMENT ON FUNCTION @extschema@.register_qualification(@extschema@.insured_no, daterange, text) IS
    '資格取得: register that a number covers its holder over a date range (a new number gets a new person); returns the qualification id';

CREATE FUNCTION @extschema@.end_qualification(insured @extschema@.insured_no, last_day date)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holder bigint;
    current_row @extschema@.qualification;
BEGIN
    PERFORM @extschema@.check_history_date(last_day, 'last day');
    holder := @extschema@.lock_holder(insured);
    IF holder IS NULL THEN
        RAISE EXCEPTION 'unknown insured number'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(insured));
    END IF;
    SELECT * INTO current_row FROM @extschema@.qualification q
    WHERE q.insured OPERATOR(@extschema@.=) end_qualification.insured AND q.coverage @> last_day;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the number does not cover % (no qualification to end on that day)',
                to_char(last_day, 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The last day must fall within the qualification being ended.';
    END IF;
    UPDATE @extschema@.qualification
    SET coverage = daterange(lower(coverage), last_day + 1, '[)')
    WHERE qualification_id = current_row.qualification_id;
END
$$;
COMMENT ON FUNCTION @extschema@.end_qualification(@extschema@.insured_no, date) IS
    '資格喪失: the qualification covering last_day ends after it (資格喪失日 = last_day + 1)';

CREATE FUNCTION @extschema@.link_history(
    previous @extschema@.insured_no, next @extschema@.insured_no, effective date)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holder bigint;
    next_holder bigint;
    before @extschema@.qualification;
    new_id bigint;
BEGIN
    PERFORM @extschema@.check_history_date(effective, 'effective date');
    IF previous OPERATOR(@extschema@.=) next THEN
        RAISE EXCEPTION 'a number cannot succeed itself'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    holder := @extschema@.lock_holder(previous);
    IF holder IS NULL THEN
        RAISE EXCEPTION 'unknown previous insured number'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(previous)),
                  HINT = 'Register the first number with hokenid.register_qualification.';
    END IF;
    SELECT person_id INTO next_holder FROM @extschema@.insured_number n
    WHERE n.insured OPERATOR(@extschema@.=) next;
    IF next_holder IS NOT NULL AND next_holder <> holder THEN
        RAISE EXCEPTION 'the next number already belongs to another person'
            USING ERRCODE = 'unique_violation',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(next));
    ELSIF next_holder = holder THEN
        RAISE EXCEPTION 'the next number is already in this person''s history: the link would create a cycle'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- the person's qualification under the previous number that the new one takes over
    SELECT * INTO before FROM @extschema@.qualification q
    WHERE q.insured OPERATOR(@extschema@.=) previous
    ORDER BY lower(q.coverage) DESC LIMIT 1;
    IF before.succeeded_by IS NOT NULL THEN
        RAISE EXCEPTION 'the previous number already has a successor'
            USING ERRCODE = 'unique_violation',
                  HINT = 'A history is a chain: link from the person''s latest number.';
    END IF;
    IF effective <= lower(before.coverage) THEN
        RAISE EXCEPTION 'effective date % is not after the previous number''s first day %',
                to_char(effective, 'YYYY-MM-DD'), to_char(lower(before.coverage), 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF upper_inf(before.coverage) OR upper(before.coverage) > effective THEN
        UPDATE @extschema@.qualification SET coverage = daterange(lower(coverage), effective, '[)')
        WHERE qualification_id = before.qualification_id;
    END IF;

    PERFORM @extschema@.claim_number(next, holder,
        (SELECT n.oldest FROM @extschema@.insured_number n WHERE n.insured OPERATOR(@extschema@.=) previous));
    BEGIN
        INSERT INTO @extschema@.qualification (person_id, insured, relationship, coverage)
        VALUES (holder, next, before.relationship, daterange(effective, NULL, '[)'))
        RETURNING qualification_id INTO new_id;
    EXCEPTION WHEN exclusion_violation THEN
        RAISE EXCEPTION 'the person already has a qualification in the same scheme from %',
                to_char(effective, 'YYYY-MM-DD')
            USING ERRCODE = 'exclusion_violation';
    END;
    UPDATE @extschema@.qualification SET succeeded_by = new_id
    WHERE qualification_id = before.qualification_id;
    RETURN new_id;
END
$$;
COMMENT ON FUNCTION @extschema@.link_history(@extschema@.insured_no, @extschema@.insured_no, date) IS
    '被保険者番号履歴: the holder of previous now holds next from effective; previous ends the day before unless it already ended';

------------------------------------------------------------------------------
-- Reading the history
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.register_history_recipient(recipient regrole, legal_basis text, purpose text)
    RETURNS void
    LANGUAGE sql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    INSERT INTO @extschema@.history_recipient (recipient, legal_basis, purpose)
    VALUES (recipient, legal_basis, purpose);
END;
COMMENT ON FUNCTION @extschema@.register_history_recipient(regrole, text, text) IS
    '履歴の提供先の登録: allow a role to receive histories, recording the law that allows it and the purpose';

-- A composite return type, so that the argument can be called insured too.
CREATE TYPE @extschema@.history_entry AS (
    insured       @extschema@.insured_no,
    coverage      daterange,
    relationship  text,
    is_given      boolean
);
COMMENT ON TYPE @extschema@.history_entry IS 'one number of a person''s history: the number, its coverage, 本人/家族, and whether it is the number asked about';

CREATE FUNCTION @extschema@.history(insured @extschema@.insured_no)
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
    INSERT INTO @extschema@.history_provision (recipient, purpose, numbers)
    VALUES (caller::text, registration.purpose, provided);
END
$$;
COMMENT ON FUNCTION @extschema@.history(@extschema@.insured_no) IS
    '被保険者番号履歴の提供: every qualification of the number''s holder, oldest first; registered recipients only, each provision logged';

-- For the linkage codes: the number the holder's history starts with
-- (NDB's ID5 is derived from the oldest number), or the number itself when
-- it has no history.
CREATE FUNCTION @extschema@.oldest_number(insured @extschema@.insured_no) RETURNS @extschema@.insured_no
    LANGUAGE sql STABLE STRICT SECURITY DEFINER PARALLEL SAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT coalesce(
        (SELECT n.oldest FROM @extschema@.insured_number n
         WHERE n.insured OPERATOR(@extschema@.=) oldest_number.insured),
        oldest_number.insured);
END;
COMMENT ON FUNCTION @extschema@.oldest_number(@extschema@.insured_no) IS
    'the first number of the holder''s history, or the number itself; for person-level linkage codes, not for analysts';

------------------------------------------------------------------------------
-- Eligibility (オンライン資格確認) and receipt routing
------------------------------------------------------------------------------
-- Whether a registered number answers to a card: same insurer, 記号 and
-- 番号, and the same 枝番 unless one side has none (a legacy card, or a
-- registration made from one).
CREATE FUNCTION @extschema@.card_matches(registered @extschema@.insured_no, card @extschema@.insured_no)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN @extschema@.without_branch(registered) OPERATOR(@extschema@.=) @extschema@.without_branch(card)
       AND (@extschema@.branch(registered) IS NULL OR @extschema@.branch(card) IS NULL
            OR @extschema@.branch(registered) = @extschema@.branch(card));
COMMENT ON FUNCTION @extschema@.card_matches(@extschema@.insured_no, @extschema@.insured_no) IS
    'whether a registered number answers to a card, a card without 枝番 answering to any 枝番';

-- The holder a card designates on a day.  A number with 枝番 designates its
-- holder.  A card without 枝番 designates a person only when exactly one
-- person holds that 記号・番号 under that insurer on the day (failing that,
-- on any day): never a guess.
CREATE FUNCTION @extschema@.resolve_holder(card @extschema@.insured_no, on_date date,
                                           OUT holder bigint, OUT ambiguous boolean)
    LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holders bigint[];
BEGIN
    ambiguous := false;
    SELECT n.person_id INTO holder FROM @extschema@.insured_number n
    WHERE n.insured OPERATOR(@extschema@.=) resolve_holder.card;
    IF FOUND THEN
        RETURN;
    END IF;
    SELECT array_agg(DISTINCT q.person_id) INTO holders FROM @extschema@.qualification q
    WHERE q.card OPERATOR(@extschema@.=) @extschema@.without_branch(resolve_holder.card)
      AND @extschema@.card_matches(q.insured, resolve_holder.card) AND q.coverage @> on_date;
    IF holders IS NULL THEN
        SELECT array_agg(DISTINCT q.person_id) INTO holders FROM @extschema@.qualification q
        WHERE q.card OPERATOR(@extschema@.=) @extschema@.without_branch(resolve_holder.card)
          AND @extschema@.card_matches(q.insured, resolve_holder.card);
    END IF;
    IF cardinality(holders) = 1 THEN
        holder := holders[1];
    ELSIF cardinality(holders) > 1 THEN
        ambiguous := true;
    END IF;
END
$$;

CREATE FUNCTION @extschema@.eligibility(insured @extschema@.insured_no, on_date date DEFAULT CURRENT_DATE,
    OUT eligible boolean, OUT reason text, OUT current_insured @extschema@.insured_no,
    OUT insurer @extschema@.insurer_no)
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    found_holder record;
    covering @extschema@.qualification;
    first_day date;
    lost_on date;
BEGIN
    eligible := false;
    found_holder := @extschema@.resolve_holder(eligibility.insured, on_date);
    IF found_holder.ambiguous THEN
        reason := 'ambiguous: a card without 枝番 that more than one person holds';
        RETURN;
    END IF;
    IF found_holder.holder IS NULL THEN
        reason := 'unknown number';
        RETURN;
    END IF;

    -- the qualification this card gives on the day
    SELECT * INTO covering FROM @extschema@.qualification q
    WHERE q.person_id = found_holder.holder AND q.coverage @> on_date
      AND @extschema@.card_matches(q.insured, eligibility.insured)
    LIMIT 1;
    IF FOUND THEN
        eligible := true;
        reason := 'eligible';
    ELSE
        SELECT min(lower(q.coverage)), max(upper(q.coverage)) FILTER (WHERE upper(q.coverage) <= on_date)
        INTO first_day, lost_on
        FROM @extschema@.qualification q
        WHERE q.person_id = found_holder.holder AND @extschema@.card_matches(q.insured, eligibility.insured);
        IF lost_on IS NOT NULL THEN
            reason := format('lost on %s', to_char(lost_on, 'YYYY-MM-DD'));
        ELSE
            reason := format('not yet valid (from %s)', to_char(first_day, 'YYYY-MM-DD'));
        END IF;
    END IF;

    -- what the person holds now: the number covering the day, else the latest
    SELECT q.insured INTO current_insured FROM @extschema@.qualification q
    WHERE q.person_id = found_holder.holder
    ORDER BY q.coverage @> on_date DESC, lower(q.coverage) DESC
    LIMIT 1;
    insurer := @extschema@.insurer(current_insured);
END
$$;
COMMENT ON FUNCTION @extschema@.eligibility(@extschema@.insured_no, date) IS
    'オンライン資格確認: whether the number gives coverage on the day, why not (unknown number, lost on X, not yet valid, ambiguous), and the person''s current number and insurer';

CREATE FUNCTION @extschema@.route_receipt(insured @extschema@.insured_no, service_date date)
    RETURNS @extschema@.insured_no
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    found_holder record := @extschema@.resolve_holder(route_receipt.insured, service_date);
BEGIN
    IF found_holder.holder IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN (SELECT q.insured FROM @extschema@.qualification q
            WHERE q.person_id = found_holder.holder AND q.coverage @> service_date
            ORDER BY (q.insured OPERATOR(@extschema@.=) route_receipt.insured) DESC, q.qualification_id
            LIMIT 1);
END
$$;
COMMENT ON FUNCTION @extschema@.route_receipt(@extschema@.insured_no, date) IS
    '資格の過誤請求の削減: the number (and so the insurer) that covered the person on the service date, whatever number the receipt carries; NULL when nobody covered it';

------------------------------------------------------------------------------
-- Privileges: nothing is public; the DBA grants roles (see README)
------------------------------------------------------------------------------
REVOKE ALL ON FUNCTION
    @extschema@.calling_role(),
    @extschema@.check_history_date(date, text),
    @extschema@.lock_holder(@extschema@.insured_no),
    @extschema@.claim_number(@extschema@.insured_no, bigint, @extschema@.insured_no),
    @extschema@.register_qualification(@extschema@.insured_no, daterange, text),
    @extschema@.end_qualification(@extschema@.insured_no, date),
    @extschema@.link_history(@extschema@.insured_no, @extschema@.insured_no, date),
    @extschema@.register_history_recipient(regrole, text, text),
    @extschema@.oldest_number(@extschema@.insured_no),
    @extschema@.card_matches(@extschema@.insured_no, @extschema@.insured_no),
    @extschema@.resolve_holder(@extschema@.insured_no, date),
    @extschema@.eligibility(@extschema@.insured_no, date),
    @extschema@.route_receipt(@extschema@.insured_no, service_date date)
FROM PUBLIC;
-- history() checks the caller against the registered recipients itself
GRANT EXECUTE ON FUNCTION @extschema@.history(@extschema@.insured_no) TO PUBLIC;

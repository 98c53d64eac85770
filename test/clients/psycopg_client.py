#!/usr/bin/python3
"""hokenid from Python with psycopg 3 (Debian's python3-psycopg), search_path untouched.

Numbers travel as Python str: in text mode psycopg sends them untyped, in binary
mode typed text; both insert (assignment cast) and compare (implicit cast from
text, operators in pg_catalog).  Connects with the libpq environment (PGHOST,
PGPORT, PGUSER, PGDATABASE); expects the tables test/t/013_clients.pl makes.
Prints one "ok - …" or "not ok - …" line per check and exits 1 on a failure.
"""
import sys

import psycopg

failures = 0


def check(ok, what):
    global failures
    print(("ok - " if ok else "not ok - ") + "psycopg: " + what)
    if not ok:
        failures += 1


with psycopg.connect(autocommit=True) as conn:
    cur = conn.cursor()
    cur.execute("SHOW search_path")
    check(cur.fetchone()[0] == '"$user", public', "search_path is the default")

    # insert: a str parameter, text mode (untyped) and binary mode (typed text)
    cur.execute("INSERT INTO client_cards (client, insured, insurer) VALUES (%s, %s, %s)",
                ("psycopg", "06130512:1234:5678:01", "06130512"))
    cur.execute("INSERT INTO client_cards (client, insured, insurer) VALUES (%s, %s, %s)",
                ("psycopg", "３９１３１０３２：：０７", "133066"), binary=True)
    check(cur.rowcount == 1, "binary-mode text parameters insert (full-width digits normalised)")

    # select by a number given as text, both modes
    for binary in (False, True):
        cur.execute("SELECT insured::text FROM client_cards WHERE client = 'psycopg' AND insured = %s",
                    ("39131032::07",), binary=binary)
        check(cur.fetchall() == [("39131032::07",)], f"WHERE insured = %s with a str parameter (binary={binary})")

    # a join on numbers, ORDER BY, min and max
    cur.execute("SELECT v.day::text FROM client_cards c JOIN client_visits v USING (insured) "
                "WHERE c.client = 'psycopg' ORDER BY c.insured")
    check([r[0] for r in cur.fetchall()] == ["2024-01-02", "2024-01-03"], "JOIN … USING (insured) and ORDER BY insured")
    cur.execute("SELECT min(insured)::text, max(insured)::text, min(insurer)::text, max(insurer)::text "
                "FROM client_cards WHERE client = 'psycopg'")
    check(cur.fetchone() == ("06130512:1234:5678:01", "39131032::07", "133066", "06130512"), "min and max")

    # an invalid number is an error (22P02), never a NULL
    try:
        cur.execute("SELECT count(*) FROM client_cards WHERE insured = %s", ("06130512:1234:5678:1",), binary=True)
        check(False, "an invalid number parameter is refused")
    except psycopg.errors.InvalidTextRepresentation as e:
        check(e.sqlstate == "22P02", "an invalid number parameter is refused with 22P02")

sys.exit(1 if failures else 0)

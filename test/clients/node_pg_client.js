// hokenid from Node.js with node-postgres (npm's pg), search_path untouched.
//
// node-postgres sends every parameter as untyped text: numbers given as strings insert
// and compare with the operators hokenid puts in pg_catalog.  Connects with the libpq
// environment (PGHOST, PGPORT, PGUSER, PGDATABASE); expects the tables
// test/t/013_clients.pl makes.  Run with NODE_PATH pointing at a node_modules that holds
// pg.  Prints one "ok - …" or "not ok - …" line per check and exits 1 on a failure.
'use strict';
const { Client } = require('pg');

let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok - ' : 'not ok - ') + 'node-postgres: ' + what);
  if (!ok) failures++;
}

(async () => {
  const client = new Client();
  await client.connect();
  try {
    let r = await client.query('SHOW search_path');
    check(r.rows[0].search_path === '"$user", public', 'search_path is the default');

    await client.query('INSERT INTO client_cards (client, insured, insurer) VALUES ($1, $2, $3)',
      ['node', '06130512:1234:5678:01', '06130512']);
    r = await client.query('INSERT INTO client_cards (client, insured, insurer) VALUES ($1, $2, $3)',
      ['node', '39131032::07', '133066']);
    check(r.rowCount === 1, 'string parameters insert');

    r = await client.query("SELECT insured::text AS insured FROM client_cards WHERE client = 'node' AND insured = $1",
      ['３９１３１０３２：：０７']);
    check(r.rows.length === 1 && r.rows[0].insured === '39131032::07', 'WHERE insured = $1 with a string parameter');

    // a prepared statement whose parameter is declared varchar, as an ORM may
    r = await client.query({ name: 'by_varchar', text: 'SELECT count(*)::int AS n FROM client_cards WHERE insured = $1::varchar',
      values: ['06130512:1234:5678:01'] });
    check(r.rows[0].n >= 1, 'WHERE insured = $1::varchar');

    r = await client.query("SELECT v.day::text AS day FROM client_cards c JOIN client_visits v USING (insured) " +
      "WHERE c.client = 'node' ORDER BY c.insured");
    check(JSON.stringify(r.rows.map((x) => x.day)) === JSON.stringify(['2024-01-02', '2024-01-03']),
      'JOIN … USING (insured) and ORDER BY insured');

    r = await client.query("SELECT min(insured)::text AS a, max(insured)::text AS b, min(insurer)::text AS c, " +
      "max(insurer)::text AS d FROM client_cards WHERE client = 'node'");
    const m = r.rows[0];
    check(m.a === '06130512:1234:5678:01' && m.b === '39131032::07' && m.c === '133066' && m.d === '06130512',
      'min and max');

    try {
      await client.query('SELECT count(*) FROM client_cards WHERE insured = $1', ['06130512:1234:5678:1']);
      check(false, 'an invalid number parameter is refused');
    } catch (e) {
      check(e.code === '22P02', 'an invalid number parameter is refused with 22P02');
    }
  } finally {
    await client.end();
  }
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log('not ok - node-postgres: ' + e.message);
  process.exit(1);
});

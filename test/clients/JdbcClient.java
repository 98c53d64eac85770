// hokenid from Java with the PostgreSQL JDBC driver (Debian's libpostgresql-jdbc-java),
// search_path untouched and no connection option: setString sends a varchar parameter,
// which inserts (assignment cast) and compares (implicit cast, operators in pg_catalog).
// Connects with the libpq environment (PGHOST as a socket directory is not for JDBC: give
// PGJDBC_URL, e.g. jdbc:postgresql://localhost:5432/postgres?user=postgres).  Expects the
// tables test/t/013_clients.pl makes.  Prints one "ok - …" or "not ok - …" line per
// check and exits 1 on a failure.
import java.sql.*;
import java.util.*;

public class JdbcClient {
    static int failures = 0;

    static void check(boolean ok, String what) {
        System.out.println((ok ? "ok - " : "not ok - ") + "JDBC: " + what);
        if (!ok) failures++;
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getenv("PGJDBC_URL"))) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW search_path")) {
                r.next();
                check(r.getString(1).equals("\"$user\", public"), "search_path is the default");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO client_cards (client, insured, insurer) VALUES (?, ?, ?)")) {
                for (String[] row : new String[][] { { "06130512:1234:5678:01", "06130512" }, { "39131032::07", "133066" } }) {
                    p.setString(1, "jdbc");
                    p.setString(2, row[0]);
                    p.setString(3, row[1]);
                    p.executeUpdate();
                }
                check(true, "setString parameters insert");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT insured::text FROM client_cards WHERE client = 'jdbc' AND insured = ?")) {
                p.setString(1, "３９１３１０３２：：０７");
                // the fifth execution is server-prepared: the varchar parameter type is fixed
                for (int i = 0; i < 6; i++) {
                    try (ResultSet r = p.executeQuery()) {
                        boolean one = r.next() && r.getString(1).equals("39131032::07") && !r.next();
                        if (i == 0 || i == 5) check(one, "WHERE insured = ? with setString (execution " + (i + 1) + ")");
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT v.day::text FROM client_cards c JOIN client_visits v USING (insured) "
                    + "WHERE c.client = 'jdbc' ORDER BY c.insured")) {
                List<String> days = new ArrayList<>();
                while (r.next()) days.add(r.getString(1));
                check(days.equals(List.of("2024-01-02", "2024-01-03")), "JOIN … USING (insured) and ORDER BY insured");
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT min(insured)::text, max(insured)::text, min(insurer)::text, max(insurer)::text "
                    + "FROM client_cards WHERE client = 'jdbc'")) {
                r.next();
                check(r.getString(1).equals("06130512:1234:5678:01") && r.getString(2).equals("39131032::07")
                      && r.getString(3).equals("133066") && r.getString(4).equals("06130512"), "min and max");
            }
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM client_cards WHERE insured = ?")) {
                p.setString(1, "06130512:1234:5678:1");
                p.executeQuery();
                check(false, "an invalid number parameter is refused");
            } catch (SQLException e) {
                check("22P02".equals(e.getSQLState()), "an invalid number parameter is refused with 22P02");
            }
        }
        System.exit(failures > 0 ? 1 : 0);
    }
}

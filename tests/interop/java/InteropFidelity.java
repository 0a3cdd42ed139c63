// IBM JDBC 4.50.10.1 as the outside witness for the test server's IDS fidelity (issue 4): CHAR /
// VARCHAR lengths and trailing blanks, -1279 in an ANSI database, keywords as column names, SPL
// functions inside SQL, floating DECIMAL(32), SQ_XACTSTAT in replies, savepoint statements and
// SERIAL limits. One JSON line per scenario: {"scenario", "ok": true, "data"} or {"scenario",
// "ok": false, "sqlcode", "error"}; test_fidelity_jdbc.py checks them. Tables are jf_*; each
// scenario drops what it made.
// Usage: InteropFidelity <host> <port>
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class InteropFidelity {
    static String host, port;

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:informix-sqli://" + host + ":" + port + "/"
            + database + ":INFORMIXSERVER=informix;user=informix;password=in4mix");
    }

    interface Scenario { Object run(Connection c) throws Exception; }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();
    static {
        SCENARIOS.put("char_lengths_and_blanks", InteropFidelity::charLengthsAndBlanks);
        SCENARIOS.put("ansi_string_too_long", InteropFidelity::ansiStringTooLong);
        SCENARIOS.put("keyword_columns", InteropFidelity::keywordColumns);
        SCENARIOS.put("spl_in_sql", InteropFidelity::splInSql);
        SCENARIOS.put("floating_decimal", InteropFidelity::floatingDecimal);
        SCENARIOS.put("transactions_with_xactstat", InteropFidelity::transactionsWithXactstat);
        SCENARIOS.put("savepoint_statements", InteropFidelity::savepointStatements);
        SCENARIOS.put("serial_limits", InteropFidelity::serialLimits);
    }

    public static void main(String[] args) throws Exception {
        host = args[0]; port = args[1];
        try (Connection c = connect("testdb")) {
            for (Map.Entry<String, Scenario> s : SCENARIOS.entrySet()) {
                Json.report(s.getKey(), () -> {
                    c.setAutoCommit(true);
                    return s.getValue().run(c);
                });
            }
        }
    }

    static List<Object> column(ResultSet rs) throws SQLException {
        List<Object> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(1));
        rs.close();
        return out;
    }

    static List<Object> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return column(s.executeQuery(sql));
        }
    }

    static Integer failCode(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    static void run(Connection c, String... sqls) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) s.execute(sql);
        }
    }

    static Object charLengthsAndBlanks(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_str (c CHAR(4), v VARCHAR(4))",
            "INSERT INTO jf_str VALUES ('abcdefg', 'hijklmn')");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO jf_str VALUES (?, ?)")) {
            p.setString(1, "xy");
            p.setString(2, "xy  ");
            p.executeUpdate();
        }
        r.put("padded", query(c, "SELECT c FROM jf_str ORDER BY c"));
        r.put("varchar", query(c, "SELECT v FROM jf_str ORDER BY c"));
        List<Object> matches = new ArrayList<>();
        for (String bound : new String[] {"xy", "xy    ", "xy  x"}) {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jf_str WHERE c = ?")) {
                p.setString(1, bound);
                matches.add(column(p.executeQuery()).get(0));
            }
        }
        r.put("char_matches", matches);
        r.put("varchar_literal", query(c, "SELECT COUNT(*) FROM jf_str WHERE v = 'xy'"));
        r.put("literals", query(c, "SELECT COUNT(*) FROM jf_str WHERE 'a' = 'a   '"));
        run(c, "DROP TABLE jf_str");
        return r;
    }

    static Object ansiStringTooLong(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE DATABASE jf_ansi WITH LOG MODE ANSI");
        run(c, "DATABASE testdb");
        try (Connection a = connect("jf_ansi")) {
            run(a, "CREATE TABLE jf_a (c CHAR(3))");
            a.commit();
            r.put("too_long", failCode(a, "INSERT INTO jf_a VALUES ('abcd')"));
            r.put("blanks_only", failCode(a, "INSERT INTO jf_a VALUES ('ab     ')"));
            r.put("rows", query(a, "SELECT c FROM jf_a"));
            a.commit();
        }
        run(c, "DROP DATABASE jf_ansi");
        return r;
    }

    static Object keywordColumns(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_kw (order INT, group INT, user CHAR(6), date DATE, value INT)",
            "INSERT INTO jf_kw (order, group, user, date, value) VALUES (1, 2, 'ann', TODAY, 3)",
            "UPDATE jf_kw SET group = group * 10, user = 'bob' WHERE order = 1");
        r.put("rows", query(c, "SELECT order || ',' || group || ',' || value "
            + "FROM jf_kw WHERE group > 5 ORDER BY order"));
        r.put("qualified_user", query(c, "SELECT jf_kw.user FROM jf_kw"));
        r.put("user_function", query(c, "SELECT user FROM jf_kw"));
        run(c, "DROP TABLE jf_kw");
        return r;
    }

    static Object splInSql(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_n (x INT)", "INSERT INTO jf_n VALUES (1)", "INSERT INTO jf_n VALUES (4)",
            "CREATE FUNCTION jf_triple(a INT) RETURNING INT; RETURN a * 3; END FUNCTION",
            "CREATE FUNCTION jf_count() RETURNING INT; DEFINE k INT; "
                + "SELECT COUNT(*) INTO k FROM jf_n; RETURN k; END FUNCTION",
            "CREATE FUNCTION jf_writer(a INT) RETURNING INT; INSERT INTO jf_n VALUES (a); "
                + "RETURN a; END FUNCTION");
        r.put("select", query(c, "SELECT x || ':' || jf_triple(x) FROM jf_n ORDER BY x"));
        r.put("where", query(c, "SELECT x FROM jf_n WHERE jf_triple(x) > 3"));
        run(c, "INSERT INTO jf_n VALUES (jf_triple(5))");
        r.put("inserted", query(c, "SELECT MAX(x) FROM jf_n"));
        r.put("no_args", query(c, "SELECT jf_count() FROM jf_n WHERE x = 1"));
        try (PreparedStatement p = c.prepareStatement("SELECT jf_triple(?) FROM jf_n WHERE x = 1")) {
            p.setInt(1, 7);
            r.put("parameter", column(p.executeQuery()));
        }
        r.put("writer", failCode(c, "SELECT jf_writer(x) FROM jf_n"));
        run(c, "DROP FUNCTION jf_triple", "DROP FUNCTION jf_count", "DROP FUNCTION jf_writer",
            "DROP TABLE jf_n");
        return r;
    }

    static Object floatingDecimal(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_dec (k INT, d DECIMAL(32))");
        String[] values = {"12345678901234567890123456789012", "0.1234567890123456789012345678901",
            "-7.25", "1E+100"};
        try (PreparedStatement p = c.prepareStatement("INSERT INTO jf_dec VALUES (?, ?)")) {
            for (int k = 0; k < values.length; k++) {
                p.setInt(1, k);
                p.setBigDecimal(2, new BigDecimal(values[k]));
                p.executeUpdate();
            }
        }
        List<Object> read = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT d FROM jf_dec ORDER BY k")) {
            while (rs.next()) read.add(rs.getBigDecimal(1).toString());
        }
        r.put("read", read);
        r.put("ordered", query(c, "SELECT k FROM jf_dec WHERE d > -1 ORDER BY d"));
        r.put("type", query(c, "SELECT coltype || ',' || collength FROM syscolumns "
            + "WHERE colname = 'd' AND tabid = (SELECT tabid FROM systables WHERE tabname = 'jf_dec')"));
        run(c, "DROP TABLE jf_dec");
        return r;
    }

    static Object transactionsWithXactstat(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_tx (id INT)", "INSERT INTO jf_tx VALUES (1)");
        c.setAutoCommit(false);
        run(c, "INSERT INTO jf_tx VALUES (2)", "UPDATE jf_tx SET id = id + 10");
        c.rollback();
        run(c, "INSERT INTO jf_tx VALUES (3)");
        c.commit();
        run(c, "DELETE FROM jf_tx WHERE id = 1");
        c.commit();
        c.setAutoCommit(true);
        r.put("rows", query(c, "SELECT id FROM jf_tx ORDER BY id"));
        run(c, "DROP TABLE jf_tx");
        return r;
    }

    static Object savepointStatements(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_sp (id INT)");
        c.setAutoCommit(false);
        run(c, "INSERT INTO jf_sp VALUES (1)", "SAVEPOINT a", "INSERT INTO jf_sp VALUES (2)",
            "ROLLBACK TO SAVEPOINT a", "RELEASE SAVEPOINT a");
        Savepoint s = c.setSavepoint("b");
        run(c, "INSERT INTO jf_sp VALUES (3)");
        c.rollback(s);
        c.commit();
        c.setAutoCommit(true);
        r.put("rows", query(c, "SELECT id FROM jf_sp ORDER BY id"));
        run(c, "DROP TABLE jf_sp");
        return r;
    }

    static Object serialLimits(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        run(c, "CREATE TABLE jf_ser (id SERIAL PRIMARY KEY, b BIGSERIAL, v INT)",
            "INSERT INTO jf_ser VALUES (2147483646, 9223372036854775806, 1)",
            "INSERT INTO jf_ser (v) VALUES (2)", "INSERT INTO jf_ser (v) VALUES (3)");
        r.put("rows", query(c, "SELECT id || ',' || b FROM jf_ser ORDER BY v"));
        r.put("duplicate", failCode(c, "INSERT INTO jf_ser (id, v) VALUES (2147483647, 4)"));
        run(c, "DROP TABLE jf_ser");
        return r;
    }
}

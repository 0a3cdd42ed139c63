// IBM JDBC 4.50.10.1 as the outside witness for stored procedures on informix-testserver.
// JDBC creates the jp_* routines (see ROUTINES), calls them through CallableStatement
// ({call ...}, {? = call ...}) and executeQuery("EXECUTE FUNCTION ..."), and prints one JSON line
// per scenario: {"scenario": name, "ok": true, "data": ...} or {"scenario", "ok": false,
// "sqlcode", "error"}. The Python side (test_procedures_jdbc.py) calls the same routines with
// informix_db and compares. The routines are left in place for it; it drops them.
// Usage: InteropProcs <host> <port>
import java.sql.*;
import java.util.*;

public class InteropProcs {
    static String host, port;

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:informix-sqli://" + host + ":" + port
            + "/testdb:INFORMIXSERVER=informix;user=informix;password=in4mix");
    }

    /** SPL text of every routine both clients call (IBM, "Guide to SQL: Syntax", SPL). */
    static final String[] ROUTINES = {
        "CREATE TABLE jp_log (id INT PRIMARY KEY, label VARCHAR(20))",
        "CREATE FUNCTION jp_add(a INT, b INT) RETURNING INT; RETURN a + b; END FUNCTION",
        "CREATE FUNCTION jp_stats(a INT, b INT) RETURNING INT AS total, INT AS product, "
            + "VARCHAR(10) AS bigger; DEFINE w VARCHAR(10); "
            + "IF a > b THEN LET w = 'a'; ELIF a < b THEN LET w = 'b'; ELSE LET w = 'same'; END IF; "
            + "RETURN a + b, a * b, w; END FUNCTION",
        "CREATE FUNCTION jp_series(n INT) RETURNING INT AS i, VARCHAR(20) AS label; DEFINE k INT; "
            + "FOR k = 1 TO n RETURN k, 'row ' || k WITH RESUME; END FOR; END FUNCTION",
        "CREATE PROCEDURE jp_log_add(k INT, v VARCHAR(20)) "
            + "INSERT INTO jp_log VALUES (k, v); END PROCEDURE",
        "CREATE FUNCTION jp_log_list(prefix VARCHAR(20)) RETURNING INT AS id, VARCHAR(20) AS label; "
            + "DEFINE k INT; DEFINE v VARCHAR(20); "
            + "FOREACH SELECT id, label INTO k, v FROM jp_log WHERE label LIKE prefix || '%' ORDER BY id "
            + "RETURN k, v WITH RESUME; END FOREACH; END FUNCTION",
        "CREATE FUNCTION jp_fact(n INT) RETURNING INT; DEFINE r INT; "
            + "IF n <= 1 THEN RETURN 1; END IF; LET r = jp_fact(n - 1); RETURN n * r; END FUNCTION",
        "CREATE PROCEDURE jp_fail(code INT) RAISE EXCEPTION code, -111, 'jp_fail says no'; "
            + "END PROCEDURE",
        "CREATE FUNCTION jp_guarded(k INT) RETURNING INT AS sqlcode, VARCHAR(20) AS outcome; "
            + "DEFINE e INT; ON EXCEPTION SET e RETURN e, 'caught'; END EXCEPTION; "
            + "INSERT INTO jp_log VALUES (k, 'guarded'); RETURN 0, 'inserted'; END FUNCTION",
    };

    interface Scenario { Object run(Connection c) throws Exception; }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();
    static {
        SCENARIOS.put("create", InteropProcs::create);
        SCENARIOS.put("call_procedure", InteropProcs::callProcedure);
        SCENARIOS.put("call_function_result_set", InteropProcs::callFunctionResultSet);
        SCENARIOS.put("call_function_out", InteropProcs::callFunctionOut);
        SCENARIOS.put("several_values", InteropProcs::severalValues);
        SCENARIOS.put("with_resume", InteropProcs::withResume);
        SCENARIOS.put("with_resume_callable", InteropProcs::withResumeCallable);
        SCENARIOS.put("foreach", InteropProcs::foreach);
        SCENARIOS.put("nested", InteropProcs::nested);
        SCENARIOS.put("raise", InteropProcs::raise);
        SCENARIOS.put("on_exception", InteropProcs::onException);
        SCENARIOS.put("unknown_routine", InteropProcs::unknownRoutine);
    }

    public static void main(String[] args) throws Exception {
        host = args[0]; port = args[1];
        try (Connection c = connect()) {
            for (Map.Entry<String, Scenario> s : SCENARIOS.entrySet()) {
                Json.report(s.getKey(), () -> s.getValue().run(c));
            }
        }
    }

    // JDBC hands the ISAM code on as the next exception or as the cause (IfxSqli.receiveError).
    static Integer isamCode(SQLException e) {
        SQLException next = e.getNextException();
        if (next != null) return next.getErrorCode();
        if (e.getCause() instanceof SQLException) return ((SQLException) e.getCause()).getErrorCode();
        return null;
    }

    static Map<String, Object> failure(SQLException e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sqlcode", e.getErrorCode());
        r.put("isam", isamCode(e));
        r.put("message", e.getMessage());
        return r;
    }

    /** Every row of a result set, each a list of getObject values (numbers and strings here). */
    static Map<String, Object> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Object> names = new ArrayList<>();
        List<Object> types = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnName(i));
            types.add(md.getColumnTypeName(i));
        }
        List<Object> out = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getObject(i));
            out.add(row);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("columns", names);
        r.put("types", types);
        r.put("rows", out);
        return r;
    }

    // ---- scenarios ------------------------------------------------------------------------
    static Object create(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : ROUTINES) s.executeUpdate(sql);
        }
        List<Object> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT procname, numargs, isproc FROM sysprocedures "
                 + "WHERE procname LIKE 'jp\\_%' ORDER BY procname")) {
            while (rs.next()) names.add(List.of(rs.getString(1), rs.getInt(2), rs.getString(3)));
        }
        return names;
    }

    static Object callProcedure(Connection c) throws Exception {
        try (CallableStatement cs = c.prepareCall("{call jp_log_add(?, ?)}")) {
            for (int k = 1; k <= 3; k++) {
                cs.setInt(1, k);
                cs.setString(2, "item" + k);
                cs.execute();
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, label FROM jp_log ORDER BY id")) {
            return rows(rs);
        }
    }

    static Object callFunctionResultSet(Connection c) throws Exception {
        try (CallableStatement cs = c.prepareCall("{call jp_add(?, ?)}")) {
            cs.setInt(1, 40);
            cs.setInt(2, 2);
            try (ResultSet rs = cs.executeQuery()) {
                return rows(rs);
            }
        }
    }

    // {? = call f(?)} becomes "execute function f(?)" (IfxNativeSQL); registerOutParameter is
    // for routines declared with OUT parameters, which the server announces with -9752 at
    // PREPARE (IfxCallableStatement's constructor). An SPL function's RETURNING values are a
    // result set, so JDBC refuses getXXX with its own -79827 ("Function doesn't have an output
    // parameter") -- the expected outcome, recorded here.
    static Object callFunctionOut(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (CallableStatement cs = c.prepareCall("{? = call jp_add(?, ?)}")) {
            r.put("has_out", ((com.informix.jdbc.IfmxCallableStatement) cs).hasOutParameter());
            try {
                cs.registerOutParameter(1, Types.INTEGER);
                r.put("register", "accepted");
            } catch (SQLException e) {
                r.put("register", e.getErrorCode());
            }
        }
        return r;
    }

    static Object severalValues(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (CallableStatement cs = c.prepareCall("{call jp_stats(?, ?)}")) {
            for (int[] ab : new int[][] {{7, 3}, {2, 9}, {4, 4}}) {
                cs.setInt(1, ab[0]);
                cs.setInt(2, ab[1]);
                try (ResultSet rs = cs.executeQuery()) {
                    r.put(ab[0] + "," + ab[1], rows(rs));
                }
            }
        }
        return r;
    }

    static Object withResume(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXECUTE FUNCTION jp_series(4)")) {
            r.put("literal", rows(rs));
        }
        try (PreparedStatement p = c.prepareStatement("EXECUTE FUNCTION jp_series(?)")) {
            p.setInt(1, 0);  // FOR 1 TO 0 counts down (IBM: default STEP is -1 when end < start)
            try (ResultSet rs = p.executeQuery()) { r.put("down", rows(rs)); }
            p.setInt(1, 25);
            try (ResultSet rs = p.executeQuery()) { r.put("many", rows(rs)); }
        }
        return r;
    }

    static Object withResumeCallable(Connection c) throws Exception {
        try (CallableStatement cs = c.prepareCall("{call jp_series(?)}")) {
            cs.setInt(1, 3);
            try (ResultSet rs = cs.executeQuery()) {
                return rows(rs);
            }
        }
    }

    static Object foreach(Connection c) throws Exception {
        try (PreparedStatement p = c.prepareStatement("EXECUTE FUNCTION jp_log_list(?)")) {
            p.setString(1, "item");
            try (ResultSet rs = p.executeQuery()) { return rows(rs); }
        }
    }

    static Object nested(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (CallableStatement cs = c.prepareCall("{call jp_fact(?)}")) {
            for (int n : new int[] {1, 5, 10}) {
                cs.setInt(1, n);
                try (ResultSet rs = cs.executeQuery()) {
                    rs.next();
                    r.put(Integer.toString(n), rs.getInt(1));
                }
            }
        }
        return r;
    }

    static Object raise(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (CallableStatement cs = c.prepareCall("{call jp_fail(?)}")) {
            for (int code : new int[] {-746, -239}) {
                cs.setInt(1, code);
                try {
                    cs.execute();
                    r.put(Integer.toString(code), "no error");
                } catch (SQLException e) {
                    r.put(Integer.toString(code), failure(e));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXECUTE FUNCTION jp_add(1, 1)")) {
            rs.next();
            r.put("after", rs.getInt(1));
        }
        return r;
    }

    static Object onException(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("EXECUTE FUNCTION jp_guarded(?)")) {
            for (int k : new int[] {50, 50}) {
                p.setInt(1, k);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    r.put(r.isEmpty() ? "first" : "second", List.of(rs.getInt(1), rs.getString(2)));
                }
            }
        }
        return r;
    }

    static Object unknownRoutine(Connection c) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String sql : new String[] {"EXECUTE PROCEDURE jp_no_such(1)",
                                            "EXECUTE FUNCTION jp_add(1)"}) {
                try {
                    s.execute(sql);
                    r.put(sql, "no error");
                } catch (SQLException e) {
                    r.put(sql, failure(e));
                }
            }
        }
        return r;
    }
}

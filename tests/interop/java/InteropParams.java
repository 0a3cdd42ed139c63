// IBM JDBC 4.50.10.1 as the outside witness for the test server's SQ_IDESCRIBE (parameter types,
// which JDBC reads as ParameterMetaData and binds values through) and for named ROW types
// (CREATE ROW TYPE, columns of one, setObject of a Struct bound by type name, getObject).
// One JSON line per scenario: {"scenario", "ok": true, "data"} or {"scenario", "ok": false,
// "sqlcode", "error"}; test_params_jdbc.py checks them. Tables and types are jp_*; each scenario
// drops what it made.
// Usage: InteropParams <host> <port>
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class InteropParams {
    static final String TYPES = "(id SERIAL, c CHAR(10) NOT NULL, v VARCHAR(20), d DECIMAL(8,2), "
        + "m MONEY(10,2), f FLOAT, i8 INT8, bi BIGINT, si SMALLINT, dt DATE, "
        + "ts DATETIME YEAR TO SECOND, iv INTERVAL DAY TO SECOND, b BOOLEAN, lv LVARCHAR(300), "
        + "s SET(INTEGER NOT NULL), r ROW(a INTEGER, b VARCHAR(5)))";

    interface Scenario { Object run(Connection c) throws Exception; }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();
    static {
        SCENARIOS.put("insert_parameters", InteropParams::insertParameters);
        SCENARIOS.put("parameter_positions", InteropParams::parameterPositions);
        SCENARIOS.put("binds_through_described_types", InteropParams::bindsThroughDescribedTypes);
        SCENARIOS.put("named_row", InteropParams::namedRow);
        SCENARIOS.put("nested_named_row", InteropParams::nestedNamedRow);
    }

    /** A java.sql.Struct of a named ROW type: IBM JDBC has no Connection.createStruct (-79700). */
    static final class Row implements Struct {
        final String type;
        final Object[] attributes;

        Row(String type, Object... attributes) {
            this.type = type;
            this.attributes = attributes;
        }

        public String getSQLTypeName() { return type; }
        public Object[] getAttributes() { return attributes; }
        public Object[] getAttributes(Map<String, Class<?>> map) { return attributes; }
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:informix-sqli://" + args[0] + ":" + args[1]
            + "/testdb:INFORMIXSERVER=informix;user=informix;password=in4mix";
        try (Connection c = DriverManager.getConnection(url)) {
            for (Map.Entry<String, Scenario> s : SCENARIOS.entrySet()) {
                Json.report(s.getKey(), () -> {
                    c.setAutoCommit(true);
                    return s.getValue().run(c);
                });
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Per parameter: [type, type name, precision, scale, nullable, class name]. */
    static List<Object> describe(Connection c, String sql) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ParameterMetaData md = ps.getParameterMetaData();
            for (int i = 1; i <= md.getParameterCount(); i++) {
                out.add(Arrays.asList(md.getParameterType(i), md.getParameterTypeName(i),
                    md.getPrecision(i), md.getScale(i), md.isNullable(i),
                    md.getParameterClassName(i)));
            }
        }
        return out;
    }

    static Object insertParameters(Connection c) throws SQLException {
        exec(c, "CREATE TABLE jp_types " + TYPES);
        try {
            return describe(c, "INSERT INTO jp_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        } finally {
            exec(c, "DROP TABLE jp_types");
        }
    }

    static Object parameterPositions(Connection c) throws SQLException {
        exec(c, "CREATE TABLE jp_pos (id INT NOT NULL, name VARCHAR(20), price DECIMAL(6,2), d DATE)");
        exec(c, "CREATE TABLE jp_other (id SMALLINT, x FLOAT)");
        String[] statements = {
            "INSERT INTO jp_pos (price, name) VALUES (?, ?)",
            "UPDATE jp_pos SET price = ?, d = ? WHERE id = ?",
            "SELECT * FROM jp_pos WHERE ? < price AND id IN (?, ?) AND d BETWEEN ? AND ?",
            "SELECT * FROM jp_pos p WHERE p.name LIKE ? OR p.name MATCHES ?",
            "DELETE FROM jp_pos WHERE id IN (SELECT id FROM jp_other WHERE x > ?)",
            "SELECT FIRST ? id FROM jp_pos WHERE price + ? > 1 AND CAST(? AS DATE) = d AND ?::INT = id",
        };
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            for (String sql : statements) out.put(sql, describe(c, sql));
        } finally {
            exec(c, "DROP TABLE jp_pos");
            exec(c, "DROP TABLE jp_other");
        }
        return out;
    }

    /** Values bound as JDBC converts them to the described types, read back as strings. */
    static Object bindsThroughDescribedTypes(Connection c) throws SQLException {
        exec(c, "CREATE TABLE jp_types " + TYPES);
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO jp_types VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, "abc");
                ps.setString(2, "varchar");
                ps.setString(3, "12.5");  // a string into DECIMAL(8,2)
                ps.setBigDecimal(4, new BigDecimal("3.25"));
                ps.setInt(5, 2);  // an int into FLOAT
                ps.setLong(6, 1L << 40);
                ps.setLong(7, -(1L << 50));
                ps.setInt(8, 7);  // into SMALLINT
                ps.setDate(9, java.sql.Date.valueOf("2024-02-29"));
                ps.setTimestamp(10, Timestamp.valueOf("2024-02-29 13:14:15.678"));
                ps.setObject(11, null);  // INTERVAL: a null object needs the described type
                ps.setBoolean(12, true);
                ps.setString(13, "long text");
                ps.setObject(14, new int[] {3, 1, 2});
                ps.setObject(15, null);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO jp_types (c, d, b, s, r) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, "nulls");
                for (int i = 2; i <= 5; i++) ps.setObject(i, null);
                ps.executeUpdate();
            }
            List<Object> rows = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(
                     "SELECT c, v, d, m, f, i8, bi, si, dt, ts, iv, b, lv, s, r FROM jp_types ORDER BY id")) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= 13; i++) row.add(rs.getString(i));
                    Object set = rs.getObject(14);
                    row.add(set == null ? null : new TreeSet<Object>((Collection<?>) set).toString());
                    row.add(rs.getObject(15) == null ? null : "row");
                    rows.add(row);
                }
            }
            out.put("rows", rows);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM jp_types WHERE d = ? AND dt = ? AND b = ?")) {
                ps.setString(1, "12.50");
                ps.setDate(2, java.sql.Date.valueOf("2024-02-29"));
                ps.setBoolean(3, true);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put("where", rs.getInt(1));
                }
            }
        } finally {
            exec(c, "DROP TABLE jp_types");
        }
        return out;
    }

    static Object render(Object o) throws SQLException {
        if (o instanceof Struct) {
            Struct s = (Struct) o;
            List<Object> attrs = new ArrayList<>();
            for (Object a : s.getAttributes()) {
                attrs.add(a instanceof Collection ? new TreeSet<Object>((Collection<?>) a).toString()
                    : a instanceof Struct ? render(a) : a == null ? null : a.toString().trim());
            }
            return Arrays.asList(s.getSQLTypeName().trim(), attrs);
        }
        return o;
    }

    static Object namedRow(Connection c) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        exec(c, "CREATE ROW TYPE jp_person_t (name VARCHAR(30), age INTEGER NOT NULL, "
            + "tags SET(VARCHAR(10) NOT NULL))");
        exec(c, "CREATE TABLE jp_people (id INT, p jp_person_t)");
        try {
            try {
                c.createStruct("jp_person_t", new Object[] {"x", 1, null});
                out.put("create_struct", "ok");
            } catch (SQLException e) {
                out.put("create_struct", e.getErrorCode());
            }
            exec(c, "INSERT INTO jp_people VALUES (1, "
                + "ROW('ann', 30, SET{'b', 'a'})::jp_person_t)");
            String insert = "INSERT INTO jp_people VALUES (?, ?)";
            out.put("parameters", describe(c, insert));
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setInt(1, 2);
                ps.setObject(2, new Row("jp_person_t", "bob", 41,
                    new HashSet<Object>(Arrays.asList("x", "y"))));
                ps.executeUpdate();
                ps.setInt(1, 3);
                ps.setObject(2, null);
                ps.executeUpdate();
            }
            List<Object> rows = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, p FROM jp_people ORDER BY id")) {
                ResultSetMetaData md = rs.getMetaData();
                out.put("metadata", Arrays.asList(md.getColumnType(2), md.getColumnTypeName(2),
                    md.getColumnClassName(2)));
                while (rs.next()) rows.add(Arrays.asList(rs.getInt(1), render(rs.getObject(2))));
            }
            out.put("rows", rows);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM jp_people WHERE p.age > ? ORDER BY id")) {
                ps.setInt(1, 35);
                List<Object> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getInt(1));
                }
                out.put("field_where", ids);
            }
            try {
                exec(c, "DROP ROW TYPE jp_person_t RESTRICT");
                out.put("drop_in_use", "dropped");
            } catch (SQLException e) {
                out.put("drop_in_use", e.getErrorCode());
            }
        } finally {
            exec(c, "DROP TABLE jp_people");
        }
        exec(c, "DROP ROW TYPE jp_person_t RESTRICT");
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                 "SELECT count(*) FROM sysxtdtypes WHERE name = 'jp_person_t'")) {
            rs.next();
            out.put("types_left", rs.getInt(1));
        }
        return out;
    }

    /** A named ROW type with a field of another: JDBC reads both from sysattrtypes. */
    static Object nestedNamedRow(Connection c) throws SQLException {
        exec(c, "CREATE ROW TYPE jp_name_t (first VARCHAR(10), last VARCHAR(10))");
        exec(c, "CREATE ROW TYPE jp_emp_t (name jp_name_t, salary DECIMAL(8,2))");
        exec(c, "CREATE TABLE jp_emps (id INT, e jp_emp_t)");
        List<Object> rows = new ArrayList<>();
        try {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jp_emps VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setObject(2, new Row("jp_emp_t", new Row("jp_name_t", "ann", "lee"),
                    new BigDecimal("10.50")));
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT e, e.salary FROM jp_emps")) {
                while (rs.next()) rows.add(Arrays.asList(render(rs.getObject(1)), rs.getString(2)));
            }
        } finally {
            exec(c, "DROP TABLE jp_emps");
            exec(c, "DROP ROW TYPE jp_emp_t RESTRICT");
            exec(c, "DROP ROW TYPE jp_name_t RESTRICT");
        }
        return rows;
    }
}

// IBM JDBC 4.50.10.1 as the outside witness for ROW, SET, MULTISET and LIST columns on
// informix-testserver (test_composite_jdbc.py drives it).
// - write <table>: creates <table> (the columns of DDL below) and writes rows 1..5: row 1 with
//   literals, row 2 with PreparedStatement.setObject of java.util collections and a
//   java.sql.Struct, row 3 with NULL and empty collections, row 4 with setArray of the SET JDBC
//   read back from row 2 (ResultSet.getArray), row 5 with setNull and an empty ArrayList.
// - edges <table>: binds that need parameter types from SQ_IDESCRIBE (a Java int[], a null
//   object: ids 1 and 2) and the class getObject gives a SET-typed expression; "ok" or the
//   error each.
// - read <table>: prints every row: per column getObject (rendered), the class getString names,
//   and for collections getArray's base type and elements; then the column metadata and the ids
//   that WHERE clauses on the columns select.
// One JSON line per command: {"scenario": cmd, "ok": true, "data": ...} or {"ok": false, ...}.
// Usage: InteropComposite <host> <port> <command> <table>
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class InteropComposite {
    static final String DDL = "(id INT, s SET(INTEGER NOT NULL), l LIST(VARCHAR(10) NOT NULL), "
        + "m MULTISET(LVARCHAR NOT NULL), r ROW(a INTEGER, b VARCHAR(10)), "
        + "n LIST(ROW(x INTEGER, y SET(INTEGER NOT NULL)) NOT NULL), d LIST(DECIMAL(6,2) NOT NULL))";

    /** A Java value as JSON-friendly data: collections and structs tagged with their class. */
    static Object render(Object o) throws SQLException {
        if (o == null) return null;
        if (o instanceof Struct) {
            Struct s = (Struct) o;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("struct", s.getSQLTypeName().trim());
            List<Object> attrs = new ArrayList<>();
            for (Object a : s.getAttributes()) attrs.add(render(a));
            m.put("attrs", attrs);
            return m;
        }
        if (o instanceof Collection) {
            List<Object> items = new ArrayList<>();
            for (Object x : (Collection<?>) o) items.add(render(x));
            if (!(o instanceof List)) items.sort(Comparator.comparing(Object::toString));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", o.getClass().getName());
            m.put("items", items);
            return m;
        }
        if (o instanceof Integer || o instanceof String) return o;
        if (o instanceof BigDecimal) return "decimal:" + ((BigDecimal) o).toPlainString();
        return o.getClass().getName() + ":" + o;
    }

    static Struct struct(String type, Object... attrs) {
        return new Struct() {
            public String getSQLTypeName() { return type; }
            public Object[] getAttributes() { return attrs; }
            public Object[] getAttributes(Map<String, Class<?>> map) { return attrs; }
        };
    }

    static Object write(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " " + DDL);
            st.execute("INSERT INTO " + table + " VALUES (1, SET{3, 1, 2, 1}, LIST{'a', 'bc'}, "
                + "MULTISET{'x', 'x'}, ROW(7, 'seven'), LIST{ROW(1, SET{2, 1})}, LIST{1.5, -2.25})");
            st.execute("INSERT INTO " + table + " VALUES (3, SET{}, LIST{}, MULTISET{}, NULL, LIST{}, "
                + "NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setObject(2, new HashSet<>(Arrays.asList(5, 4)));
            ps.setObject(3, new ArrayList<>(Arrays.asList("q", "rs")));
            ps.setObject(4, new ArrayList<>(Arrays.asList("y", "y")));
            ps.setObject(5, struct("row(a int, b varchar(10))", 8, "eight"));
            ps.setObject(6, new ArrayList<>(Collections.singletonList(
                struct("row(x int, y set(int not null))", 4, new HashSet<>(Arrays.asList(6))))));
            ps.setObject(7, new ArrayList<>(Arrays.asList(new BigDecimal("3.10"))));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (id, s, l, r, n) VALUES (5, ?, ?, ?, ?)")) {
            ps.setNull(1, Types.ARRAY);
            ps.setObject(2, new ArrayList<String>());  // JDBC sends an empty collection as NULL
            ps.setNull(3, Types.STRUCT);
            ps.setNull(4, Types.ARRAY);
            ps.executeUpdate();
        }
        Array set;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s FROM " + table + " WHERE id = 2")) {
            rs.next();
            set = rs.getArray(1);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (id, s) VALUES (4, ?)")) {
            ps.setArray(1, set);
            ps.executeUpdate();
        }
        return "written";
    }

    static Object read(Connection c, String table) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            List<Object> meta = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                meta.add(Arrays.asList(md.getColumnName(i), md.getColumnTypeName(i),
                    md.getColumnType(i), md.getColumnClassName(i)));
            }
            out.put("meta", meta);
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnName(i);
                    Object value = rs.getObject(i);
                    row.put(name, render(value));
                    if (i == 1) continue;
                    String text = rs.getString(i);
                    row.put(name + ".string", text == null ? null : text.replaceAll("@.*", "@"));
                    if ("java.sql.Array".equals(md.getColumnClassName(i))) {
                        Array array = rs.getArray(i);
                        if (array != null) {
                            Object elements = array.getArray();  // int[] for INTEGER ...
                            List<Object> items = new ArrayList<>();
                            for (int k = 0; k < java.lang.reflect.Array.getLength(elements); k++) {
                                items.add(render(java.lang.reflect.Array.get(elements, k)));
                            }
                            row.put(name + ".array", Arrays.asList(array.getBaseType(),
                                elements.getClass().getSimpleName(), items));
                        }
                    }
                }
                rows.add(row);
            }
        }
        out.put("rows", rows);
        Map<String, Object> where = new LinkedHashMap<>();
        String[] conditions = {"4 IN s", "2 NOT IN s", "s = SET{1, 2, 3}", "r = ROW(7, 'seven')",
            "r.a = 8", "CARDINALITY(l) = 2", "'x' IN m", "s IS NULL"};
        for (String condition : conditions) {
            List<Object> ids = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(
                     "SELECT id FROM " + table + " WHERE " + condition + " ORDER BY id")) {
                while (rs.next()) ids.add(rs.getInt(1));
            }
            where.put(condition, ids);
        }
        out.put("where", where);
        return out;
    }

    /** Paths that need what the test server does not give, each "ok" or its error. */
    static Object edges(Connection c, String table) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id INT, s SET(INTEGER NOT NULL))");
        }
        String insert = "INSERT INTO " + table + " VALUES (?, ?)";
        // An int[]: JDBC itself refuses a boxed Integer[] for a SET of INTEGER (-79793, IfxArray
        // types it INTEGER, IfxComplexOutput.writeCollection(Array) then wants an int[]).
        Object[][] binds = {{"java_array", new int[] {1, 2}}, {"object_null", null}};
        int id = 0;
        for (Object[] bind : binds) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setInt(1, ++id);
                ps.setObject(2, bind[1]);
                ps.executeUpdate();
                out.put((String) bind[0], "ok");
            } catch (Exception e) {
                out.put((String) bind[0], e.toString());
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                 "SELECT SET{2, 1}::SET(INTEGER NOT NULL) FROM systables WHERE tabid = 1")) {
            rs.next();
            out.put("set_expression", rs.getObject(1).getClass().getName());
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:informix-sqli://" + args[0] + ":" + args[1]
            + "/testdb:INFORMIXSERVER=informix;user=informix;password=in4mix";
        String cmd = args[2], table = args[3];
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("scenario", cmd);
        try (Connection c = DriverManager.getConnection(url)) {
            Object data = cmd.equals("write") ? write(c, table)
                : cmd.equals("edges") ? edges(c, table) : read(c, table);
            line.put("ok", true);
            line.put("data", data);
        } catch (SQLException e) {
            line.put("ok", false);
            line.put("sqlcode", e.getErrorCode());
            line.put("error", e.toString());
        } catch (Exception e) {
            line.put("ok", false);
            line.put("error", e.toString());
        }
        System.out.println(Json.q(line));
    }
}

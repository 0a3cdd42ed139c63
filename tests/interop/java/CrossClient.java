// IBM JDBC 4.50.10.1 as the other client of tests/interop/test_cross_client.py.
// Usage: CrossClient <host> <port>; commands come on stdin, one per line, fields split by tabs,
// every text field hex-encoded UTF-8 (so values may hold tabs, newlines, anything):
//   TABLE  <table> <coldef>              DROP (if there) + CREATE TABLE t (k INT, v <coldef>)
//   BIND   <table> <k> <setter> <value>  INSERT INTO t VALUES (?, ?) through PreparedStatement
//   SQL    <table> <k> <sql>             a literal statement through Statement.executeUpdate
//   READ   <table> <reader>              SELECT k, v FROM t ORDER BY k
// Each command prints one JSON line: {"cmd","table","k","ok","error","sqlcode"} and for READ
// "rows": [[k, getString, typed reading, getObject class], ...].
import com.informix.lang.Interval;
import com.informix.lang.IntervalDF;
import com.informix.lang.IntervalYM;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.*;
import java.util.*;

public class CrossClient {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:informix-sqli://" + args[0] + ":" + args[1]
            + "/testdb:INFORMIXSERVER=informix;user=informix;password=in4mix";
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Connection c = DriverManager.getConnection(url);
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] f = line.split("\t", -1);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("cmd", f[0]);
                out.put("table", f[1]);
                try {
                    switch (f[0]) {
                        case "TABLE": table(c, f[1], unhex(f[2])); break;
                        case "BIND":
                            out.put("k", Integer.parseInt(f[2]));
                            bind(c, f[1], Integer.parseInt(f[2]), f[3], unhex(f[4]));
                            break;
                        case "SQL":
                            out.put("k", Integer.parseInt(f[2]));
                            try (Statement s = c.createStatement()) { s.executeUpdate(unhex(f[3])); }
                            break;
                        case "READ": out.put("rows", read(c, f[1], f[2])); break;
                        default: throw new IllegalArgumentException("unknown command " + f[0]);
                    }
                    out.put("ok", true);
                } catch (Throwable t) {
                    out.put("ok", false);
                    if (t instanceof SQLException) out.put("sqlcode", ((SQLException) t).getErrorCode());
                    out.put("error", t.toString());
                    if (c.isClosed() || isLinkLost(t)) {  // one type's failure must not end the run
                        try { c.close(); } catch (SQLException ignored) { }
                        c = DriverManager.getConnection(url);
                        out.put("reconnected", true);
                    }
                }
                System.out.println(Json.exact(out));
                System.out.flush();
            }
        } finally {
            c.close();
        }
    }

    /** JDBC's "network error" (-80507) and "Connection not established" (-79730). */
    static boolean isLinkLost(Throwable t) {
        if (!(t instanceof SQLException)) return false;
        int code = ((SQLException) t).getErrorCode();
        return code == -80507 || code == -79730;
    }

    static void table(Connection c, String name, String coldef) throws SQLException {
        try (Statement s = c.createStatement()) {
            try { s.executeUpdate("DROP TABLE " + name); } catch (SQLException ignored) { }
            s.executeUpdate("CREATE TABLE " + name + " (k INT, v " + coldef + ")");
        }
    }

    /** One row through the PreparedStatement setter the test names. */
    static void bind(Connection c, String table, int k, String setter, String v) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            p.setInt(1, k);
            switch (setter) {
                case "null": {  // "sqlType" or "sqlType,ifxType" (INTERVAL needs its Informix type)
                    String[] t = v.split(",");
                    if (t.length == 1) p.setNull(2, Integer.parseInt(t[0]));
                    else ((com.informix.jdbc.IfxPreparedStatement) p).setNull(
                        2, Integer.parseInt(t[0]), Integer.parseInt(t[1]));
                    break;
                }
                case "short": p.setShort(2, Short.parseShort(v)); break;
                case "int": p.setInt(2, Integer.parseInt(v)); break;
                case "long": p.setLong(2, Long.parseLong(v)); break;
                case "float": p.setFloat(2, Float.parseFloat(v)); break;
                case "double": p.setDouble(2, Double.parseDouble(v)); break;
                case "bigdecimal": p.setBigDecimal(2, new BigDecimal(v)); break;
                case "string": p.setString(2, v); break;
                case "boolean": p.setBoolean(2, Boolean.parseBoolean(v)); break;
                case "date": p.setDate(2, java.sql.Date.valueOf(v)); break;
                case "time": p.setTime(2, Time.valueOf(v)); break;
                case "timestamp": p.setTimestamp(2, Timestamp.valueOf(v)); break;
                case "intervaldf": {  // seconds,nanos,leading precision,start code,end code
                    String[] f = v.split(",");
                    p.setObject(2, new IntervalDF(Long.parseLong(f[0]), Long.parseLong(f[1]), qualifier(f, 2)));
                    break;
                }
                case "intervalym": {  // months,leading precision,start code,end code
                    String[] f = v.split(",");
                    p.setObject(2, new IntervalYM(Integer.parseInt(f[0]), qualifier(f, 1)));
                    break;
                }
                case "bytes": p.setBytes(2, fromHex(v)); break;
                default: throw new IllegalArgumentException("unknown setter " + setter);
            }
            p.executeUpdate();
        }
    }

    /** An interval qualifier from its leading precision and start and end codes
     * (com.informix.lang.Interval.getQualifier): the one-argument IntervalDF/IntervalYM
     * constructors use DAY(2) TO FRACTION(5) / YEAR(4) TO MONTH whatever the column is. */
    static short qualifier(String[] f, int at) throws SQLException {
        return Interval.getQualifier(Byte.parseByte(f[at]), Byte.parseByte(f[at + 1]), Byte.parseByte(f[at + 2]));
    }

    /** Every row as [k, getString, the typed getter's reading, getObject's class]. */
    static List<Object> read(Connection c, String table, String reader) throws Exception {
        List<Object> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT k, v FROM " + table + " ORDER BY k")) {
            while (rs.next()) {
                int k = rs.getInt(1);
                String text = rs.getString(2);
                Object typed = typed(rs, reader);
                if (rs.wasNull()) typed = null;
                Object obj = rs.getObject(2);
                rows.add(Arrays.asList(k, text, typed, obj == null ? null : obj.getClass().getName()));
            }
        }
        return rows;
    }

    static Object typed(ResultSet rs, String reader) throws Exception {
        switch (reader) {
            case "int": return rs.getInt(2);
            case "long": return Long.toString(rs.getLong(2));
            case "float": return Float.toString(rs.getFloat(2));
            case "double": return Double.toString(rs.getDouble(2));
            case "bigdecimal": { BigDecimal d = rs.getBigDecimal(2); return d == null ? null : d.toString(); }
            case "string": return rs.getString(2);
            case "boolean": return rs.getBoolean(2);
            case "date": { java.sql.Date d = rs.getDate(2); return d == null ? null : d.toLocalDate().toString(); }
            case "time": { Time t = rs.getTime(2); return t == null ? null : t.toString(); }
            case "timestamp": {
                Timestamp t = rs.getTimestamp(2);
                return t == null ? null : t.toLocalDateTime().toString();
            }
            case "interval": {
                Object o = rs.getObject(2);
                if (o instanceof IntervalDF) {
                    IntervalDF d = (IntervalDF) o;
                    return d.getSeconds() + "," + d.getNanoSeconds();
                }
                if (o instanceof IntervalYM) return Long.toString(((IntervalYM) o).getMonths());
                return o == null ? null : "?" + o.getClass().getName() + ":" + o;
            }
            case "bytes": { byte[] b = rs.getBytes(2); return b == null ? null : hex(b); }
            default: throw new IllegalArgumentException("unknown reader " + reader);
        }
    }

    // ---- hex --------------------------------------------------------------------------
    static String unhex(String h) { return new String(fromHex(h), StandardCharsets.UTF_8); }

    static byte[] fromHex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x));
        return s.toString();
    }
}

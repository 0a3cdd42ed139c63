// The JSON writer every interop program prints its results with, and the one-line report of a
// scenario (compiled beside each program by tests/interop/jdbc_programs.py).
import java.sql.SQLException;
import java.util.*;

public final class Json {
    private Json() {}

    /** Maps, lists, strings, booleans and numbers as JSON; anything else as its toString(). */
    public static String q(Object o) {
        return write(o, false);
    }

    /**
     * Like q, but only Integer stays a JSON number: a Long, BigDecimal or Double goes as its
     * exact string (a JSON number would pass through a Python float), and non-ASCII is escaped.
     */
    public static String exact(Object o) {
        return write(o, true);
    }

    /** A scenario's work: the data to report. */
    public interface Task { Object run() throws Exception; }

    /**
     * Run one scenario and print its line: {"scenario", "data", "ok": true}, or "ok": false with
     * "error" (and "sqlcode" for an SQLException) when it throws.
     */
    public static void report(String scenario, Task task) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("scenario", scenario);
        try {
            line.put("data", task.run());
            line.put("ok", true);
        } catch (Throwable t) {
            line.put("ok", false);
            if (t instanceof SQLException) line.put("sqlcode", ((SQLException) t).getErrorCode());
            line.put("error", t.toString());
        }
        System.out.println(q(line));
        System.out.flush();
    }

    private static String write(Object o, boolean exact) {
        if (o == null) return "null";
        if (o instanceof Boolean || o instanceof Integer) return o.toString();
        if (o instanceof Number && !exact) return o.toString();
        StringBuilder b = new StringBuilder();
        if (o instanceof Map) {
            b.append('{');
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                if (b.length() > 1) b.append(',');
                b.append(write(e.getKey().toString(), exact)).append(':')
                    .append(write(e.getValue(), exact));
            }
            return b.append('}').toString();
        }
        if (o instanceof List) {
            b.append('[');
            for (Object x : (List<?>) o) {
                if (b.length() > 1) b.append(',');
                b.append(write(x, exact));
            }
            return b.append(']').toString();
        }
        b.append('"');
        for (char c : o.toString().toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || (exact && c > 0x7e)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}

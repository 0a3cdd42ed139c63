// IBM JDBC 4.50.10.1 as the outside witness for BYTE/TEXT values and scroll cursors on
// informix-testserver (test_lobs_jdbc.py drives it).
// - read <table>: reads the rows informix_db wrote (id, b BYTE, t TEXT) and prints each value's
//   length and SHA-256 (null for NULL).
// - write <table> <sizes...>: writes one row per size with setBytes (BYTE) and setAsciiStream
//   (TEXT, so JDBC binds type 12) whose contents follow the pattern both sides compute
//   (byte k of row i = (k * 31 + i) & 0xFF; TEXT uses letters 'a' + (k + i) % 26).
// - scroll <table>: a TYPE_SCROLL_INSENSITIVE ResultSet over "SELECT n FROM <table> ORDER BY n"
//   walks a fixed list of moves and prints, per move, [moved, getRow(), value or null].
// - filewrite <table> <dir> <sizes...>: writes BLOB / CLOB values the way IBM documents for
//   client files: INSERT ... filetoblob('<file>', 'client'), filetoclob(...); JDBC serves the
//   server's SQ_FILE reads from real files it first fills with the same patterns (-1: NULLs).
// - fileread <table> <dir>: SELECT id, lotofile(data, '<dir>/pb', 'client'), lotofile(notes, ...)
//   FROM <table>; JDBC writes the files the server sends and prints their names.
// - smartwrite <table> <sizes...>: one row (id, data BLOB, notes CLOB) per size through smart-LOB
//   locators, the methods alternating by row: even rows setBytes + setString, odd rows
//   setBinaryStream + setClob (a Connection.createClob filled with setString at IBM's position
//   0); -1 binds NULLs
//   (setNull BLOB / CLOB). Same patterns as write.
// - smartread <table>: SELECT id, data, notes ORDER BY id; per row [id, BLOB length, SHA-256 of
//   getBytes, of getBlob().getBytes, CLOB length, SHA-256 of getString, of getClob().getSubString]
//   (nulls for NULL).
// One JSON line per command: {"scenario": cmd, "ok": true, "data": ...} or {"ok": false, ...}.
// Usage: InteropLobs <host> <port> <command> <table> [sizes...]
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.sql.*;
import java.util.*;

public class InteropLobs {

    static String sha(byte[] data) throws Exception {
        if (data == null) return null;
        StringBuilder b = new StringBuilder();
        for (byte x : MessageDigest.getInstance("SHA-256").digest(data)) b.append(String.format("%02x", x));
        return b.toString();
    }

    static byte[] pattern(int row, int size) {
        byte[] out = new byte[size];
        for (int k = 0; k < size; k++) out[k] = (byte) ((k * 31 + row) & 0xFF);
        return out;
    }

    static byte[] letters(int row, int size) {
        byte[] out = new byte[size];
        for (int k = 0; k < size; k++) out[k] = (byte) ('a' + (k + row) % 26);
        return out;
    }

    static Object read(Connection c, String table) throws Exception {
        List<Object> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, b, t FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                byte[] b = rs.getBytes(2);
                String t = rs.getString(3);
                byte[] tb = t == null ? null : t.getBytes("UTF-8");
                rows.add(Arrays.asList(rs.getInt(1), b == null ? null : b.length, sha(b),
                        tb == null ? null : tb.length, sha(tb)));
            }
        }
        return rows;
    }

    static Object write(Connection c, String table, String[] sizes) throws Exception {
        int written = 0;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            for (int i = 0; i < sizes.length; i++) {
                int size = Integer.parseInt(sizes[i]);
                p.setInt(1, i);
                if (size < 0) {
                    p.setNull(2, Types.LONGVARBINARY);
                    p.setNull(3, Types.LONGVARCHAR);
                } else {
                    p.setBytes(2, pattern(i, size));
                    p.setAsciiStream(3, new ByteArrayInputStream(letters(i, size)), size);
                }
                written += p.executeUpdate();
            }
        }
        return written;
    }

    static Object smartWrite(Connection c, String table, String[] sizes) throws Exception {
        int written = 0;
        String sql = "INSERT INTO " + table + " (id, data, notes) VALUES (?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < sizes.length; i++) {
                int size = Integer.parseInt(sizes[i]);
                p.setInt(1, i);
                if (size < 0) {
                    p.setNull(2, Types.BLOB);
                    p.setNull(3, Types.CLOB);
                } else if (i % 2 == 0) {
                    p.setBytes(2, pattern(i, size));
                    p.setString(3, new String(letters(i, size), "US-ASCII"));
                } else {
                    p.setBinaryStream(2, new ByteArrayInputStream(pattern(i, size)), size);
                    Clob clob = c.createClob();
                    // IBM's IfxCblob.setString seeks to pos itself (ifx_lo_seek LO_SEEK_SET), so
                    // its first byte is position 0, not JDBC's 1.
                    clob.setString(0, new String(letters(i, size), "US-ASCII"));
                    p.setClob(3, clob);
                }
                written += p.executeUpdate();
            }
        }
        return written;
    }

    static Object smartRead(Connection c, String table) throws Exception {
        List<Object> rows = new ArrayList<>();
        String sql = "SELECT id, data, notes FROM " + table + " ORDER BY id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                byte[] b = rs.getBytes(2);
                Blob blob = rs.getBlob(2);
                byte[] bb = blob == null ? null : blob.getBytes(1, (int) blob.length());
                String t = rs.getString(3);
                Clob clob = rs.getClob(3);
                String tc = clob == null ? null : clob.getSubString(1, (int) clob.length());
                byte[] tb = t == null ? null : t.getBytes("US-ASCII");
                rows.add(Arrays.asList(rs.getInt(1), b == null ? null : b.length, sha(b), sha(bb),
                        tb == null ? null : tb.length, sha(tb),
                        sha(tc == null ? null : tc.getBytes("US-ASCII"))));
            }
        }
        return rows;
    }

    static Object fileWrite(Connection c, String table, String dir, String[] sizes) throws Exception {
        int written = 0;
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < sizes.length; i++) {
                int size = Integer.parseInt(sizes[i]);
                if (size < 0) {
                    written += s.executeUpdate("INSERT INTO " + table + " (id) VALUES (" + i + ")");
                    continue;
                }
                java.nio.file.Path b = java.nio.file.Paths.get(dir, "jb" + i);
                java.nio.file.Path t = java.nio.file.Paths.get(dir, "jc" + i);
                java.nio.file.Files.write(b, pattern(i, size));
                java.nio.file.Files.write(t, letters(i, size));
                written += s.executeUpdate("INSERT INTO " + table + " (id, data, notes) VALUES ("
                    + i + ", filetoblob('" + b + "', 'client'), filetoclob('" + t + "', 'client'))");
            }
        }
        return written;
    }

    static Object fileRead(Connection c, String table, String dir) throws Exception {
        List<Object> rows = new ArrayList<>();
        String sql = "SELECT id, lotofile(data, '" + dir + "/pb', 'client'), lotofile(notes, '"
            + dir + "/pc', 'client') FROM " + table + " ORDER BY id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) rows.add(Arrays.asList(rs.getInt(1), rs.getString(2), rs.getString(3)));
        }
        return rows;
    }

    static Object scroll(Connection c, String table) throws Exception {
        List<Object> out = new ArrayList<>();
        try (Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
             ResultSet rs = s.executeQuery("SELECT n FROM " + table + " ORDER BY n")) {
            // Each move: name, argument; the Python side replays the same list.
            String[][] moves = {
                {"next", "0"}, {"next", "0"}, {"absolute", "50"}, {"previous", "0"},
                {"relative", "-10"}, {"last", "0"}, {"next", "0"}, {"previous", "0"},
                {"first", "0"}, {"previous", "0"}, {"absolute", "-3"}, {"relative", "2"},
                {"absolute", "1000"}, {"previous", "0"}, {"absolute", "7"}, {"relative", "0"},
            };
            for (String[] m : moves) {
                int arg = Integer.parseInt(m[1]);
                boolean moved;
                switch (m[0]) {
                    case "next": moved = rs.next(); break;
                    case "previous": moved = rs.previous(); break;
                    case "first": moved = rs.first(); break;
                    case "last": moved = rs.last(); break;
                    case "absolute": moved = rs.absolute(arg); break;
                    default: moved = rs.relative(arg); break;
                }
                out.add(Arrays.asList(m[0], arg, moved, rs.getRow(), moved ? rs.getInt(1) : null));
            }
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
            Object data;
            if (cmd.equals("read")) data = read(c, table);
            else if (cmd.equals("write")) data = write(c, table, Arrays.copyOfRange(args, 4, args.length));
            else if (cmd.equals("filewrite"))
                data = fileWrite(c, table, args[4], Arrays.copyOfRange(args, 5, args.length));
            else if (cmd.equals("fileread")) data = fileRead(c, table, args[4]);
            else if (cmd.equals("smartwrite"))
                data = smartWrite(c, table, Arrays.copyOfRange(args, 4, args.length));
            else if (cmd.equals("smartread")) data = smartRead(c, table);
            else data = scroll(c, table);
            line.put("data", data);
            line.put("ok", true);
        } catch (Throwable t) {
            line.put("ok", false);
            if (t instanceof SQLException) line.put("sqlcode", ((SQLException) t).getErrorCode());
            StringBuilder trace = new StringBuilder(t.toString());
            for (StackTraceElement e : t.getStackTrace()) trace.append(" at ").append(e);
            for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                trace.append(" caused by ").append(c);
                for (StackTraceElement e : c.getStackTrace()) trace.append(" at ").append(e);
            }
            line.put("error", trace.toString());
        }
        System.out.println(Json.q(line));
    }
}

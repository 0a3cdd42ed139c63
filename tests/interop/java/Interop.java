// IBM JDBC 4.50.10.1 against informix-testserver: each scenario prints one JSON line
// {"scenario": name, "ok": bool, "data": {...}} or {"scenario", "ok": false, "sqlcode", "error"}.
// Usage: Interop <host> <port> <tlsPort> <truststore> [scenario ...]  (no scenario: all of them)
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class Interop {
    static String host, port, tlsPort, trustStore;

    static String url(String db, String extra) {
        return "jdbc:informix-sqli://" + host + ":" + port + "/" + db
            + ":INFORMIXSERVER=informix;user=informix;password=in4mix" + extra;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url("testdb", ""));
    }

    interface Scenario { Map<String, Object> run() throws Exception; }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();
    static {
        SCENARIOS.put("connect", Interop::connectScenario);
        SCENARIOS.put("ddl", Interop::ddl);
        SCENARIOS.put("metadata", Interop::metadata);
        SCENARIOS.put("types", Interop::types);
        SCENARIOS.put("batch", Interop::batch);
        SCENARIOS.put("transactions", Interop::transactions);
        SCENARIOS.put("errors", Interop::errors);
        SCENARIOS.put("bad_password", Interop::badPassword);
        SCENARIOS.put("unknown_database", Interop::unknownDatabase);
        SCENARIOS.put("big_result", Interop::bigResult);
        SCENARIOS.put("two_cursors", Interop::twoCursors);
        SCENARIOS.put("scrollable", Interop::scrollable);
        SCENARIOS.put("tls", Interop::tls);
        SCENARIOS.put("transaction_errors", Interop::transactionErrors);
        SCENARIOS.put("ansi_database", Interop::ansiDatabase);
        SCENARIOS.put("unlogged_database", Interop::unloggedDatabase);
        SCENARIOS.put("serials", Interop::serials);
        SCENARIOS.put("open_statements", Interop::openStatements);
        SCENARIOS.put("informix_sql", Interop::informixSql);
        SCENARIOS.put("index_info", Interop::indexInfo);
        SCENARIOS.put("metadata_more", Interop::metadataMore);
        SCENARIOS.put("result_metadata", Interop::resultMetadata);
        SCENARIOS.put("routines", Interop::routines);
        SCENARIOS.put("more_types", Interop::moreTypes);
        SCENARIOS.put("statement_batch", Interop::statementBatch);
        SCENARIOS.put("write_conflict", Interop::writeConflict);
    }

    public static void main(String[] args) {
        host = args[0]; port = args[1]; tlsPort = args[2]; trustStore = args[3];
        List<String> names = args.length > 4 ? Arrays.asList(args).subList(4, args.length)
                                             : new ArrayList<>(SCENARIOS.keySet());
        for (String name : names) {
            Json.report(name, () -> SCENARIOS.get(name).run());
        }
    }

    // JDBC hands the ISAM code on as the next exception or as the cause (IfxSqli.receiveError).
    static Integer isamCode(SQLException e) {
        SQLException next = e.getNextException();
        if (next != null) return next.getErrorCode();
        if (e.getCause() instanceof SQLException) return ((SQLException) e.getCause()).getErrorCode();
        return null;
    }

    static Map<String, Object> sqlError(Statement s, String sql) {
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            s.execute(sql);
            r.put("sqlcode", 0);
        } catch (SQLException e) {
            r.put("sqlcode", e.getErrorCode());
            r.put("isam", isamCode(e));
            r.put("message", e.getMessage());
        }
        return r;
    }

    // ---- scenarios ------------------------------------------------------------------------
    static Map<String, Object> connectScenario() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            r.put("product", md.getDatabaseProductName());
            r.put("version", md.getDatabaseProductVersion());
            r.put("major", md.getDatabaseMajorVersion());
            r.put("autocommit", c.getAutoCommit());
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM systables WHERE tabid = 1")) {
                List<Object> rows = new ArrayList<>();
                while (rs.next()) rows.add(rs.getInt(1));
                r.put("rows", rows);
            }
        }
        return r;
    }

    static Map<String, Object> ddl() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE ddl_t (id INT PRIMARY KEY, name VARCHAR(20))");
            r.put("insert", s.executeUpdate("INSERT INTO ddl_t VALUES (1, 'one')"));
            s.executeUpdate("ALTER TABLE ddl_t ADD (extra INT)");
            s.executeUpdate("CREATE INDEX ddl_t_name ON ddl_t (name)");
            try (ResultSet rs = s.executeQuery("SELECT id, name, extra FROM ddl_t")) {
                rs.next();
                r.put("row", Arrays.asList(rs.getInt(1), rs.getString(2), rs.getObject(3)));
            }
            s.executeUpdate("DROP TABLE ddl_t");
            r.put("after_drop", sqlError(s, "SELECT * FROM ddl_t").get("sqlcode"));
        }
        return r;
    }

    static Map<String, Object> metadata() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE meta_t (id INT NOT NULL, code CHAR(4), "
                + "amount DECIMAL(10,2), PRIMARY KEY (id))");
            DatabaseMetaData md = c.getMetaData();
            List<Object> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "meta_t", null)) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
            r.put("tables", tables);
            List<Object> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, "meta_t", null)) {
                while (rs.next()) cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE")
                    + ":" + rs.getInt("COLUMN_SIZE") + ":" + rs.getInt("NULLABLE"));
            }
            r.put("columns", cols);
            List<Object> pks = new ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys(null, null, "meta_t")) {
                while (rs.next()) pks.add(rs.getString("COLUMN_NAME"));
            }
            r.put("primary_keys", pks);
            s.executeUpdate("DROP TABLE meta_t");
        }
        return r;
    }

    static Map<String, Object> types() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE types_t (k INT, si SMALLINT, i INT, bi BIGINT, i8 INT8, "
                + "f FLOAT, sf SMALLFLOAT, d DECIMAL(12,3), m MONEY(10,2), ch CHAR(6), "
                + "vc VARCHAR(40), lv LVARCHAR(200), dt DATE, b BOOLEAN, "
                + "ts DATETIME YEAR TO SECOND)");
            String ins = "INSERT INTO types_t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            Timestamp ts = Timestamp.valueOf("2024-02-29 13:45:56");
            try (PreparedStatement p = c.prepareStatement(ins)) {
                p.setInt(1, 1); p.setShort(2, (short) -12); p.setInt(3, 2147483647);
                p.setLong(4, -9000000000L); p.setLong(5, 9000000000L); p.setDouble(6, 3.25);
                p.setFloat(7, 1.5f); p.setBigDecimal(8, new BigDecimal("-1234.567"));
                p.setBigDecimal(9, new BigDecimal("99.95")); p.setString(10, "abc");
                p.setString(11, "hello world"); p.setString(12, "long text");
                p.setDate(13, java.sql.Date.valueOf("2024-02-29")); p.setBoolean(14, true);
                p.setTimestamp(15, ts);
                r.put("insert", p.executeUpdate());
                p.setInt(1, 2);
                int[] sqlTypes = {Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.BIGINT,
                    Types.DOUBLE, Types.REAL, Types.DECIMAL, Types.DECIMAL, Types.CHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.DATE, Types.BOOLEAN, Types.TIMESTAMP};
                for (int i = 0; i < sqlTypes.length; i++) p.setNull(i + 2, sqlTypes[i]);
                r.put("insert_nulls", p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM types_t WHERE k = ?")) {
                p.setInt(1, 1);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    r.put("si", (int) rs.getShort(2)); r.put("i", rs.getInt(3));
                    r.put("bi", rs.getLong(4)); r.put("i8", rs.getLong(5));
                    r.put("f", rs.getDouble(6)); r.put("sf", (double) rs.getFloat(7));
                    r.put("d", rs.getBigDecimal(8).toPlainString());
                    r.put("m", rs.getBigDecimal(9).toPlainString());
                    r.put("ch", rs.getString(10)); r.put("vc", rs.getString(11));
                    r.put("lv", rs.getString(12)); r.put("dt", rs.getDate(13).toString());
                    r.put("b", rs.getBoolean(14)); r.put("ts", rs.getTimestamp(15).toString());
                }
                p.setInt(1, 2);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    List<Object> nulls = new ArrayList<>();
                    for (int i = 2; i <= 15; i++) nulls.add(rs.getObject(i) == null && wasNull(rs));
                    r.put("nulls", nulls);
                }
            }
            s.executeUpdate("DROP TABLE types_t");
        }
        return r;
    }

    static boolean wasNull(ResultSet rs) throws SQLException { return rs.wasNull(); }

    static Map<String, Object> batch() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE batch_t (id INT, name VARCHAR(10))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO batch_t VALUES (?, ?)")) {
                for (int i = 0; i < 50; i++) { p.setInt(1, i); p.setString(2, "n" + i); p.addBatch(); }
                int[] counts = p.executeBatch();
                int total = 0;
                for (int n : counts) total += n;
                r.put("batches", counts.length);
                r.put("total", total);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(id) FROM batch_t")) {
                rs.next();
                r.put("count", rs.getInt(1));
                r.put("sum", rs.getInt(2));
            }
            s.executeUpdate("DROP TABLE batch_t");
        }
        return r;
    }

    static int count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Map<String, Object> transactions() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Connection other = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE tx_t (id INT)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO tx_t VALUES (1)");
            c.commit();
            s.executeUpdate("INSERT INTO tx_t VALUES (2)");
            r.put("inside", count(c, "tx_t"));
            c.rollback();
            r.put("after_rollback", count(c, "tx_t"));
            s.executeUpdate("INSERT INTO tx_t VALUES (3)");
            Savepoint sp = c.setSavepoint("sp1");
            s.executeUpdate("INSERT INTO tx_t VALUES (4)");
            c.rollback(sp);
            c.commit();
            r.put("after_savepoint", count(c, "tx_t"));
            r.put("seen_by_other", count(other, "tx_t"));
            c.setAutoCommit(true);
            s.executeUpdate("DROP TABLE tx_t");
        }
        return r;
    }

    static Map<String, Object> errors() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            r.put("syntax", sqlError(s, "SELEC 1 FROM systables"));
            r.put("unknown_table", sqlError(s, "SELECT * FROM no_such_table"));
            r.put("unknown_column", sqlError(s, "SELECT no_such_col FROM systables"));
            s.executeUpdate("CREATE TABLE err_t (id INT PRIMARY KEY, v INT NOT NULL)");
            s.executeUpdate("INSERT INTO err_t VALUES (1, 1)");
            r.put("duplicate", sqlError(s, "INSERT INTO err_t VALUES (1, 2)"));
            r.put("not_null", sqlError(s, "INSERT INTO err_t VALUES (2, NULL)"));
            r.put("table_exists", sqlError(s, "CREATE TABLE err_t (id INT)"));
            // the connection stays usable after errors
            r.put("after", count(c, "err_t"));
            s.executeUpdate("DROP TABLE err_t");
        }
        return r;
    }

    static Map<String, Object> badPassword() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(
                url("testdb", "").replace("password=in4mix", "password=wrong"))) {
            r.put("sqlcode", 0);
        } catch (SQLException e) {
            r.put("sqlcode", e.getErrorCode());
            r.put("message", e.getMessage());
        }
        return r;
    }

    static Map<String, Object> unknownDatabase() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url("no_such_db", ""))) {
            r.put("sqlcode", 0);
        } catch (SQLException e) {
            r.put("sqlcode", e.getErrorCode());
            r.put("message", e.getMessage());
        }
        return r;
    }

    static Map<String, Object> bigResult() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE big_t (id INT, label VARCHAR(30))");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO big_t VALUES (?, ?)")) {
                for (int i = 0; i < 10000; i++) { p.setInt(1, i); p.setString(2, "row " + i); p.addBatch(); }
                p.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            long n = 0, sum = 0;
            String last = null;
            try (ResultSet rs = s.executeQuery("SELECT id, label FROM big_t ORDER BY id")) {
                while (rs.next()) { n++; sum += rs.getInt(1); last = rs.getString(2); }
            }
            r.put("rows", n); r.put("sum", sum); r.put("last", last);
            s.executeUpdate("DROP TABLE big_t");
        }
        return r;
    }

    static Map<String, Object> twoCursors() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE two_t (id INT)");
            for (int i = 1; i <= 5; i++) s.executeUpdate("INSERT INTO two_t VALUES (" + i + ")");
            try (Statement a = c.createStatement(); Statement b = c.createStatement()) {
                a.setFetchSize(1); b.setFetchSize(1);
                List<Object> seen = new ArrayList<>();
                try (ResultSet ra = a.executeQuery("SELECT id FROM two_t ORDER BY id");
                     ResultSet rb = b.executeQuery("SELECT id * 10 FROM two_t ORDER BY id DESC")) {
                    while (ra.next() && rb.next()) seen.add(ra.getInt(1) + "/" + rb.getInt(1));
                }
                r.put("pairs", seen);
            }
            s.executeUpdate("DROP TABLE two_t");
        }
        return r;
    }

    static Map<String, Object> scrollable() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE scroll_t (id INT)");
            for (int i = 1; i <= 10; i++) s.executeUpdate("INSERT INTO scroll_t VALUES (" + i + ")");
            try (Statement sc = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                                                  ResultSet.CONCUR_READ_ONLY);
                 ResultSet rs = sc.executeQuery("SELECT id FROM scroll_t ORDER BY id")) {
                List<Object> seen = new ArrayList<>();
                rs.last(); seen.add(rs.getInt(1)); seen.add(rs.getRow());
                rs.first(); seen.add(rs.getInt(1));
                rs.absolute(5); seen.add(rs.getInt(1));
                rs.relative(-2); seen.add(rs.getInt(1));
                rs.previous(); seen.add(rs.getInt(1));
                rs.next(); seen.add(rs.getInt(1));
                r.put("seen", seen);
            }
            s.executeUpdate("DROP TABLE scroll_t");
        }
        return r;
    }

    static Map<String, Object> tls() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        System.setProperty("javax.net.ssl.trustStore", trustStore);
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        String u = url("testdb", ";SSLCONNECTION=true").replace(":" + port + "/", ":" + tlsPort + "/");
        try (Connection c = DriverManager.getConnection(u); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tabname FROM systables WHERE tabid = 1")) {
            rs.next();
            r.put("tabname", rs.getString(1).trim());
        }
        return r;
    }

    static Map<String, Object> transactionErrors() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            r.put("commit_outside", sqlError(s, "COMMIT WORK").get("sqlcode"));
            r.put("rollback_outside", sqlError(s, "ROLLBACK WORK").get("sqlcode"));
            s.execute("BEGIN WORK");
            r.put("begin_twice", sqlError(s, "BEGIN WORK").get("sqlcode"));
            s.execute("ROLLBACK WORK");
            s.executeUpdate("CREATE TABLE txe_t (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO txe_t VALUES (1)");
            r.put("duplicate_in_tx", sqlError(s, "INSERT INTO txe_t VALUES (1)").get("sqlcode"));
            s.executeUpdate("INSERT INTO txe_t VALUES (2)");
            c.commit();
            r.put("kept", count(c, "txe_t"));
            c.setAutoCommit(true);
            s.executeUpdate("DROP TABLE txe_t");
        }
        return r;
    }

    static Map<String, Object> ansiDatabase() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE ansi_j WITH LOG MODE ANSI");
        }
        try (Connection c = DriverManager.getConnection(url("ansi_j", ""));
             Connection other = DriverManager.getConnection(url("ansi_j", ""));
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("CREATE TABLE a_t (id INT)");
            s.executeUpdate("INSERT INTO a_t VALUES (1)");
            c.commit();
            s.executeUpdate("INSERT INTO a_t VALUES (2)");
            r.put("other_before_commit", count(other, "a_t"));
            other.commit();
            c.rollback();
            r.put("after_rollback", count(c, "a_t"));
            s.executeUpdate("DROP TABLE a_t");
            c.commit();
            other.commit();
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP DATABASE ansi_j");
            r.put("dropped", sqlError(s, "DATABASE ansi_j").get("sqlcode"));
        }
        return r;
    }

    static Map<String, Object> unloggedDatabase() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE nolog_j");
        }
        try (Connection c = DriverManager.getConnection(url("nolog_j", ""));
             Statement s = c.createStatement()) {
            r.put("begin", sqlError(s, "BEGIN WORK").get("sqlcode"));
            s.executeUpdate("CREATE TABLE u_t (id INT)");
            s.executeUpdate("INSERT INTO u_t VALUES (1)");
            r.put("rows", count(c, "u_t"));
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP DATABASE nolog_j");
        }
        return r;
    }

    static Map<String, Object> serials() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE ser_t (id SERIAL(10), v VARCHAR(10))");
            s.executeUpdate("CREATE TABLE ser8_t (id SERIAL8, v INT)");
            s.executeUpdate("CREATE TABLE bser_t (id BIGSERIAL, v INT)");
            s.executeUpdate("INSERT INTO ser_t (v) VALUES ('a')");
            s.executeUpdate("INSERT INTO ser_t VALUES (0, 'b')");
            r.put("serial", ((com.informix.jdbc.IfxStatement) s).getSerial());
            try (ResultSet rs = s.executeQuery(
                    "SELECT DBINFO('sqlca.sqlerrd1') FROM systables WHERE tabid = 1")) {
                rs.next();
                r.put("dbinfo", rs.getInt(1));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ser8_t (v) VALUES (?)")) {
                p.setInt(1, 5);
                p.executeUpdate();
                p.executeUpdate();
                r.put("serial8", ((com.informix.jdbc.IfxStatement) p).getSerial8());
            }
            s.executeUpdate("INSERT INTO bser_t (v) VALUES (1)");
            r.put("bigserial", ((com.informix.jdbc.IfxStatement) s).getBigSerial());
            List<Object> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM ser_t ORDER BY id")) {
                while (rs.next()) ids.add(rs.getInt(1));
            }
            r.put("ids", ids);
            s.executeUpdate("DROP TABLE ser_t");
            s.executeUpdate("DROP TABLE ser8_t");
            s.executeUpdate("DROP TABLE bser_t");
        }
        return r;
    }

    static Map<String, Object> openStatements() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE open_t (id INT, name VARCHAR(10))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO open_t VALUES (?, ?)");
                 PreparedStatement byId = c.prepareStatement("SELECT name FROM open_t WHERE id = ?");
                 PreparedStatement all = c.prepareStatement("SELECT id FROM open_t ORDER BY id")) {
                for (int i = 1; i <= 3; i++) { ins.setInt(1, i); ins.setString(2, "n" + i); ins.executeUpdate(); }
                List<Object> seen = new ArrayList<>();
                all.setFetchSize(1);
                try (ResultSet ra = all.executeQuery()) {
                    while (ra.next()) {
                        byId.setInt(1, ra.getInt(1));
                        try (ResultSet rb = byId.executeQuery()) {
                            rb.next();
                            seen.add(ra.getInt(1) + ":" + rb.getString(1));
                        }
                        ins.setInt(1, 10 + ra.getInt(1)); ins.setString(2, "x");
                        ins.executeUpdate();
                    }
                }
                r.put("seen", seen);
            }
            r.put("rows", count(c, "open_t"));
            s.executeUpdate("DROP TABLE open_t");
        }
        return r;
    }

    static Map<String, Object> informixSql() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE ifx_t (id INT, name CHAR(10), born DATE, "
                + "stamp DATETIME YEAR TO MINUTE)");
            s.executeUpdate("INSERT INTO ifx_t VALUES (1, 'alpha', MDY(2, 29, 2024), "
                + "DATETIME(2024-02-29 10:30) YEAR TO MINUTE)");
            s.executeUpdate("INSERT INTO ifx_t VALUES (2, 'beta', NULL, NULL)");
            s.executeUpdate("INSERT INTO ifx_t VALUES (3, 'gamma', TODAY, CURRENT YEAR TO MINUTE)");
            try (ResultSet rs = s.executeQuery("SELECT FIRST 2 SKIP 1 id FROM ifx_t ORDER BY id")) {
                List<Object> ids = new ArrayList<>();
                while (rs.next()) ids.add(rs.getInt(1));
                r.put("skip_first", ids);
            }
            try (ResultSet rs = s.executeQuery("SELECT name FROM ifx_t WHERE name MATCHES '*et*'")) {
                rs.next();
                r.put("matches", rs.getString(1).trim());
            }
            try (ResultSet rs = s.executeQuery("SELECT NVL(born, MDY(1, 1, 2000)), "
                    + "DECODE(id, 2, 'two', 'other'), id::VARCHAR(5) || 'x' FROM ifx_t WHERE id = 2")) {
                rs.next();
                r.put("nvl", rs.getDate(1).toString());
                r.put("decode", rs.getString(2));
                r.put("cast", rs.getString(3));
            }
            try (ResultSet rs = s.executeQuery("SELECT stamp, born FROM ifx_t WHERE id = 1")) {
                rs.next();
                r.put("datetime", rs.getTimestamp(1).toString());
                r.put("date", rs.getDate(2).toString());
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ifx_t WHERE born = TODAY")) {
                rs.next();
                r.put("today", rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT DBINFO('dbname'), DBINFO('version', 'major') FROM systables WHERE tabid = 1")) {
                rs.next();
                r.put("dbname", rs.getString(1));
                r.put("major", rs.getString(2));
            }
            s.executeUpdate("DROP TABLE ifx_t");
        }
        return r;
    }

    static Map<String, Object> indexInfo() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE idx_t (id INT PRIMARY KEY, code CHAR(3), v INT)");
            s.executeUpdate("CREATE UNIQUE INDEX idx_code ON idx_t (code)");
            List<Object> idx = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "idx_t", false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") == null) continue;
                    idx.add(rs.getString("COLUMN_NAME") + ":" + rs.getBoolean("NON_UNIQUE"));
                }
            }
            Collections.sort(idx, (a, b) -> a.toString().compareTo(b.toString()));
            r.put("indexes", idx);
            s.executeUpdate("DROP TABLE idx_t");
        }
        return r;
    }

    static Map<String, Object> metadataMore() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            DatabaseMetaData md = c.getMetaData();
            List<Object> catalogs = new ArrayList<>();
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) catalogs.add(rs.getString(1).trim());
            }
            r.put("catalogs", catalogs);
            List<Object> types = new ArrayList<>();
            try (ResultSet rs = md.getTableTypes()) {
                while (rs.next()) types.add(rs.getString(1).trim());
            }
            r.put("table_types", types);
            s.executeUpdate("CREATE TABLE mm_p (id INT PRIMARY KEY, ts DATETIME YEAR TO SECOND, "
                + "vc VARCHAR(30), b BOOLEAN, sr SERIAL8)");
            s.executeUpdate("CREATE TABLE mm_c (cid INT, pid INT REFERENCES mm_p (id))");
            List<Object> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, "mm_p", null)) {
                while (rs.next()) cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME")
                    + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("IS_AUTOINCREMENT"));
            }
            r.put("columns", cols);
            List<Object> fks = new ArrayList<>();
            try (ResultSet rs = md.getImportedKeys(null, null, "mm_c")) {
                while (rs.next()) fks.add(rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME")
                    + "<-" + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME"));
            }
            r.put("imported", fks);
            List<Object> all = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "mm_%", new String[] {"TABLE"})) {
                while (rs.next()) all.add(rs.getString("TABLE_NAME"));
            }
            r.put("tables", all);
            s.executeUpdate("DROP TABLE mm_c");
            s.executeUpdate("DROP TABLE mm_p");
        }
        return r;
    }

    static Map<String, Object> resultMetadata() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE rm_t (id SERIAL NOT NULL, amount DECIMAL(10,2), "
                + "code CHAR(4), note VARCHAR(50), ts DATETIME YEAR TO FRACTION(3))");
            List<Object> cols = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, amount, code, note, ts, COUNT(*) AS n "
                    + "FROM rm_t GROUP BY 1, 2, 3, 4, 5")) {
                ResultSetMetaData m = rs.getMetaData();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    cols.add(m.getColumnName(i) + ":" + m.getColumnTypeName(i) + ":" + m.getColumnType(i)
                        + ":" + m.getPrecision(i) + ":" + m.getScale(i) + ":" + m.isNullable(i));
                }
            }
            r.put("columns", cols);
            s.executeUpdate("DROP TABLE rm_t");
        }
        return r;
    }

    static Map<String, Object> routines() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE spl_t (id INT PRIMARY KEY, label VARCHAR(20))");
            s.executeUpdate("CREATE PROCEDURE spl_add(a INT, b VARCHAR(20)) "
                + "INSERT INTO spl_t VALUES (a, b); END PROCEDURE");
            s.executeUpdate("CREATE FUNCTION spl_count(prefix VARCHAR(20)) RETURNING INT AS n, "
                + "VARCHAR(20) AS first; DEFINE k INT; DEFINE f VARCHAR(20); "
                + "SELECT count(*), min(label) INTO k, f FROM spl_t WHERE label LIKE prefix || '%'; "
                + "RETURN k, f; END FUNCTION");
            try (PreparedStatement p = c.prepareStatement("EXECUTE PROCEDURE spl_add(?, ?)")) {
                for (int i = 1; i <= 3; i++) { p.setInt(1, i); p.setString(2, "item" + i); p.executeUpdate(); }
            }
            try (PreparedStatement p = c.prepareStatement("EXECUTE FUNCTION spl_count(?)")) {
                p.setString(1, "item");
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    r.put("columns", rs.getMetaData().getColumnName(1) + "," + rs.getMetaData().getColumnName(2));
                    r.put("count", rs.getInt(1));
                    r.put("first", rs.getString(2));
                }
            }
            r.put("missing", sqlError(s, "EXECUTE PROCEDURE no_such_routine()").get("sqlcode"));
            s.executeUpdate("DROP PROCEDURE spl_add");
            s.executeUpdate("DROP FUNCTION spl_count");
            s.executeUpdate("DROP TABLE spl_t");
        }
        return r;
    }

    static Map<String, Object> moreTypes() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE more_t (k INT, ds INTERVAL DAY TO SECOND, "
                + "ym INTERVAL YEAR TO MONTH, nc NCHAR(5), nv NVARCHAR(10), hs DATETIME HOUR TO SECOND, "
                + "fd DECIMAL(8), mo MONEY(12,2), yd DATETIME YEAR TO DAY)");
            s.executeUpdate("INSERT INTO more_t VALUES (1, INTERVAL(1 02:03:04) DAY TO SECOND, "
                + "INTERVAL(2-3) YEAR TO MONTH, 'ab', 'cd', DATETIME(10:11:12) HOUR TO SECOND, "
                + "3.14159, 1234.5, DATETIME(2024-02-29) YEAR TO DAY)");
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO more_t (k, ds, ym, nc, nv) SELECT 2, ds, ym, nc, nv FROM more_t WHERE k = ?")) {
                p.setInt(1, 1);
                r.put("copied", p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO more_t (k, ds, ym) VALUES (3, ?, ?)")) {
                p.setObject(1, new com.informix.lang.IntervalDF("3 04:05:06", c));
                p.setObject(2, new com.informix.lang.IntervalYM(5, 7));
                p.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT ds, ym FROM more_t WHERE k = 3")) {
                rs.next();
                r.put("bound", rs.getString(1) + "|" + rs.getString(2));
            }
            try (PreparedStatement p = c.prepareStatement("SELECT ds, ym, nc, nv, hs, fd, mo, yd FROM more_t WHERE k = ?")) {
                p.setInt(1, 1);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    for (int i = 1; i <= 8; i++) r.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT ym, nc FROM more_t WHERE k = 2")) {
                rs.next();
                r.put("copy", rs.getString(1) + "|" + rs.getString(2));
            }
            s.executeUpdate("DROP TABLE more_t");
        }
        return r;
    }

    static Map<String, Object> statementBatch() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE sb_t (id INT, v INT)");
            s.addBatch("INSERT INTO sb_t VALUES (1, 10)");
            s.addBatch("INSERT INTO sb_t VALUES (2, 20)");
            s.addBatch("UPDATE sb_t SET v = v + 1");
            int[] counts = s.executeBatch();
            List<Object> out = new ArrayList<>();
            for (int n : counts) out.add(n);
            r.put("counts", out);
            try (ResultSet rs = s.executeQuery("SELECT SUM(v) FROM sb_t")) {
                rs.next();
                r.put("sum", rs.getInt(1));
            }
            s.executeUpdate("DROP TABLE sb_t");
        }
        return r;
    }

    static Map<String, Object> writeConflict() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            sa.executeUpdate("CREATE TABLE wc_t (id INT, v INT)");
            sa.executeUpdate("INSERT INTO wc_t VALUES (1, 0)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.executeUpdate("UPDATE wc_t SET v = 1 WHERE id = 1");
            try {
                sb.executeUpdate("UPDATE wc_t SET v = 2 WHERE id = 1");
                r.put("sqlcode", 0);
            } catch (SQLException e) {
                r.put("sqlcode", e.getErrorCode());
                r.put("isam", isamCode(e));
            }
            b.rollback();
            a.commit();
            try (ResultSet rs = sb.executeQuery("SELECT v FROM wc_t")) {
                rs.next();
                r.put("v", rs.getInt(1));
            }
            b.commit();
            a.setAutoCommit(true);
            sa.executeUpdate("DROP TABLE wc_t");
        }
        return r;
    }
}

// Golden vectors for ROW and collection values from IBM's own classes (JDBC 4.50.10.1):
// IfxCollection / IfxRow write with IfxComplexOutput (fromObject + toIfx, what sendBind sends) and
// read with IfxComplexInput (fromIfx + toObject, what a ResultSet does with a tuple's column).
//
// The classes need a connection only for its settings, so this program runs without a server: it
// lives in com.informix.jdbc to reach package-private members and allocates an IfxSqliConnect
// without running its constructor, with isLongID (protocol bit 10), USVER (2) and BIGINT (54).
//
// One request per stdin line, one answer line per request: "ok <result>" or "err <exception>".
//   write <kind> <type>:<v1>,<v2>...   kind list|multiset|set: ArrayList, HashSet (JDBC sends
//                                      MULTISET), TreeSet mapped to "set" in the type map while
//                                      writing;
//                                      type int|str|double|bool|date|long; answers
//                                      "<extended type name>|<hex of toIfx()>"
//   row <type name> <type>:<v>;<type>:<v>...  a java.sql.Struct of that SQL type name (null: "-")
//   read_coll <hex> / read_row <hex>   fromIfx + toObject without a type map (a SET is a HashSet,
//                                      as from ResultSet.getObject), rendered by render()
package com.informix.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

public class ComplexVectors {
    static IfxSqliConnect conn;

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xff));
        return s.toString();
    }

    static byte[] unhex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    static void set(Object o, String name, Object v) throws Exception {
        Field f = IfxSqliConnect.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(o, v);
    }

    static IfxSqliConnect connection() throws Exception {
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        Method alloc = unsafe.getClass().getMethod("allocateInstance", Class.class);
        IfxSqliConnect c = (IfxSqliConnect) alloc.invoke(unsafe, IfxSqliConnect.class);
        BitSet bits = new BitSet(64);
        bits.set(2);
        bits.set(10);
        bits.set(54);
        set(c, "dbVersion", bits);
        set(c, "userMap", new HashMap<String, Class<?>>());
        return c;
    }

    static Object value(String typed) {
        int colon = typed.indexOf(':');
        String type = typed.substring(0, colon);
        String v = typed.substring(colon + 1);
        if (v.equals("-")) return null;
        switch (type) {
            case "int": return Integer.valueOf(v);
            case "long": return Long.valueOf(v);
            case "str": return v;
            case "double": return Double.valueOf(v);
            case "bool": return Boolean.valueOf(v);
            case "date": return Date.valueOf(v);
            case "dec": return new BigDecimal(v);
            default: throw new IllegalArgumentException(type);
        }
    }

    static String render(Object o) throws Exception {
        if (o == null) return "null";
        if (o instanceof Struct) {
            Struct s = (Struct) o;
            StringBuilder b = new StringBuilder("Struct[" + s.getSQLTypeName() + "](");
            Object[] attrs = s.getAttributes();
            for (int i = 0; i < attrs.length; i++) b.append(i > 0 ? "," : "").append(render(attrs[i]));
            return b.append(")").toString();
        }
        if (o instanceof Collection) {
            List<String> parts = new ArrayList<String>();
            for (Object x : (Collection<?>) o) parts.add(render(x));
            if (!(o instanceof List)) java.util.Collections.sort(parts);
            return o.getClass().getSimpleName() + parts;
        }
        if (o instanceof String) return "'" + o + "'";
        if (o instanceof BigDecimal) return ((BigDecimal) o).toPlainString();
        return o.getClass().getSimpleName() + ":" + o;
    }

    static String answer(String[] a) throws Exception {
        switch (a[0]) {
            case "write": {
                Collection<Object> coll;
                if (a[1].equals("list")) coll = new ArrayList<Object>();
                else if (a[1].equals("set")) coll = new TreeSet<Object>();
                else coll = new HashSet<Object>();
                int colon = a[2].indexOf(':');
                String type = a[2].substring(0, colon);
                String items = a[2].substring(colon + 1);
                if (!items.isEmpty()) for (String v : items.split(",")) coll.add(value(type + ":" + v));
                // JDBC sends a Collection as SET only when the type map names its class "set"
                // (IfxComplexOutput.getOverrideIfxType); the map holds that only while writing.
                Map<String, Class<?>> map = conn.getTypeMap();
                if (a[1].equals("set")) map.put("set", TreeSet.class);
                IfxCollection c = new IfxCollection();
                c.setConnection(conn);
                c.setTypeMap(map);
                c.fromObject(coll);
                map.remove("set");
                byte[] data = c.isNull() ? new byte[0] : c.toIfx();
                return c.getExtendedTypeName() + "|" + hex(data);
            }
            case "row": {
                final String name = a[1].replace('_', ' ');
                String[] parts = a[2].split(";");
                final Object[] attrs = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) attrs[i] = value(parts[i]);
                Struct s = new Struct() {
                    public String getSQLTypeName() { return name; }
                    public Object[] getAttributes() { return attrs; }
                    public Object[] getAttributes(Map<String, Class<?>> m) { return attrs; }
                };
                IfxRow r = new IfxRow();
                r.setConnection(conn);
                r.fromObject(s);
                return r.getExtendedTypeName() + "|" + hex(r.toIfx());
            }
            case "read_coll": {
                IfxCollection c = new IfxCollection();
                c.setConnection(conn);
                c.fromIfx(unhex(a[1]));
                return render(c.toObject());
            }
            case "read_row": {
                IfxRow r = new IfxRow();
                r.setConnection(conn);
                r.fromIfx(unhex(a[1]));
                return render(r.toObject());
            }
            default:
                throw new IllegalArgumentException(a[0]);
        }
    }

    public static void main(String[] args) throws Exception {
        conn = connection();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            try {
                System.out.println("ok " + answer(line.split(" ")));
            } catch (Throwable e) {
                System.out.println("err " + e.toString().replace('\n', ' '));
            }
        }
    }
}

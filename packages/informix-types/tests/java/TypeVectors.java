// Golden vectors from IBM's own codec classes (JDBC 4.50.10.1). Reads one request per stdin line,
// writes one answer line per request: "ok <result>" or "err <exception>".
//
// Requests (hex = lower-case hex bytes, prec = the qualifier/precision word in decimal):
//   dec_bind <number>          IfxDecimal(BigDecimal).toIfx() and getScale() (what sendBind sends)
//   dec_lang <number>          JavaToIfxType.JavaToIfxDecimal (com.informix.lang.Decimal.javaToIfx)
//   dec_tuple <prec> <number>  IfxDecimal.toIfxTuple() for a DECIMAL(p,s) column
//   dec_read <prec> <hex>      IfxToJavaType.IfxToJavaDecimal
//   date <yyyy-mm-dd> / date_read <hex>
//   ts <yyyy-mm-dd hh:mm:ss.fffff>   JavaToIfxType.JavaToIfxDateTime(Timestamp)
//   time <hh:mm:ss>                  JavaToIfxType.JavaToIfxDateTime(Time)
//   dt_read <prec> <hex>             IfxToJavaType.IfxToDateTimeUnloadString
//   idf <seconds> <nanos> <prec>     JavaToIfxType.JavaToIfxInterval(new IntervalDF(...))
//   iym <months> <prec>              JavaToIfxType.JavaToIfxInterval(new IntervalYM(...))
//   iv_read <prec> <hex>             IfxToJavaType.IfxToJavaInterval(...).toString()
//   int8 <n> / int8_read <hex> / bigint <n> / int <n> / smallint <n> / float <x> / real <x>
import com.informix.jdbc.IfxDecimal;
import com.informix.lang.Interval;
import com.informix.lang.IntervalDF;
import com.informix.lang.IntervalYM;
import com.informix.lang.IfxToJavaType;
import com.informix.lang.JavaToIfxType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.TimeZone;

public class TypeVectors {
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

    static String answer(String[] a) throws Exception {
        switch (a[0]) {
            case "dec_bind": {
                IfxDecimal d = new IfxDecimal(new BigDecimal(a[1]));
                return hex(d.toIfx()) + " " + d.getScale();
            }
            case "dec_lang":
                return hex(JavaToIfxType.JavaToIfxDecimal(new BigDecimal(a[1])));
            case "dec_tuple": {
                IfxDecimal d = new IfxDecimal(new BigDecimal(a[2]));
                d.setEncodedLength(Integer.parseInt(a[1]));
                return hex(d.toIfxTuple());
            }
            case "dec_read": {
                BigDecimal v = IfxToJavaType.IfxToJavaDecimal(unhex(a[2]), (short) Integer.parseInt(a[1]));
                return v == null ? "null" : v.toPlainString();
            }
            case "date":
                return hex(JavaToIfxType.JavaToIfxDate(Date.valueOf(a[1])));
            case "date_read": {
                Date d = IfxToJavaType.IfxToJavaDate(unhex(a[1]));
                return d == null ? "null" : d.toString();
            }
            case "ts":
                return hex(JavaToIfxType.JavaToIfxDateTime(Timestamp.valueOf(a[1] + " " + a[2])));
            case "time":
                return hex(JavaToIfxType.JavaToIfxDateTime(Time.valueOf(a[1])));
            case "dt_read": {
                byte[] b = unhex(a[2]);
                return IfxToJavaType.IfxToDateTimeUnloadString(b, 0, b.length, (short) Integer.parseInt(a[1]));
            }
            case "idf": {
                IntervalDF v = new IntervalDF(Long.parseLong(a[1]), Long.parseLong(a[2]), (short) Integer.parseInt(a[3]));
                return hex(JavaToIfxType.JavaToIfxInterval(v));
            }
            case "iym": {
                IntervalYM v = new IntervalYM(Integer.parseInt(a[1]), (short) Integer.parseInt(a[2]));
                return hex(JavaToIfxType.JavaToIfxInterval(v));
            }
            case "iv_read": {
                Interval v = IfxToJavaType.IfxToJavaInterval(unhex(a[2]), (short) Integer.parseInt(a[1]));
                if (v == null) return "null";
                if (v instanceof IntervalYM) return "ym " + ((IntervalYM) v).getMonths();
                IntervalDF df = (IntervalDF) v;
                return "df " + df.getSeconds() + " " + df.getNanoSeconds();
            }
            case "int8":
                return hex(JavaToIfxType.JavaToIfxLongInt(Long.parseLong(a[1])));
            case "int8_read":
                return Long.toString(IfxToJavaType.IfxToJavaLongInt(unhex(a[1])));
            case "bigint":
                return hex(JavaToIfxType.JavaToIfxLongBigInt(Long.parseLong(a[1])));
            case "int":
                return hex(JavaToIfxType.JavaToIfxInt(Integer.parseInt(a[1])));
            case "smallint":
                return hex(JavaToIfxType.JavaToIfxSmallInt(Short.parseShort(a[1])));
            case "float":
                return hex(JavaToIfxType.JavaToIfxDouble(Double.parseDouble(a[1])));
            case "real":
                return hex(JavaToIfxType.JavaToIfxReal(Float.parseFloat(a[1])));
            default:
                throw new IllegalArgumentException("unknown request " + a[0]);
        }
    }

    public static void main(String[] args) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            try {
                out.append("ok ").append(answer(line.split(" "))).append('\n');
            } catch (Exception e) {
                out.append("err ").append(e.toString().replace('\n', ' ')).append('\n');
            }
        }
        System.out.print(out);
    }
}

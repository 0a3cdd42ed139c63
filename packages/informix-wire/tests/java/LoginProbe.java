// Connects IBM's JDBC driver to each port given and prints how the login ended, one line each:
// "port<TAB>ok" or "port<TAB>errorCode<TAB>exception class<TAB>message".
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class LoginProbe {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        for (int i = 1; i < args.length; i++) {
            String url = "jdbc:informix-sqli://" + host + ":" + args[i]
                + "/testdb:INFORMIXSERVER=ol_probe;user=probe;password=secret"
                + ";IFX_SOC_TIMEOUT=10000;LOGINTIMEOUT=10000";
            try (Connection c = DriverManager.getConnection(url)) {
                System.out.println(args[i] + "\tok");
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage()).replace('\n', ' ').replace('\t', ' ');
                System.out.println(args[i] + "\t" + e.getErrorCode() + "\t"
                    + e.getClass().getSimpleName() + "\t" + message);
            }
        }
    }
}

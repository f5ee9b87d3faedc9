package nl.ketenbus.query.audit;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The access-log verifier on the command line, for the privacy officer or an auditor without the
 * running service (docs/security.md):
 * {@code java -cp query-service-<version>-exec.jar -Dloader.main=nl.ketenbus.query.audit.VerifyAccessLog
 * org.springframework.boot.loader.launch.PropertiesLauncher <jdbc-url> <user> <key-file> [trusted public keys...]}.
 * The database password comes from {@code KETENBUS_DB_PASSWORD}, never from the command line. Exit
 * status 0 when the chain verifies, 1 when it does not (the first bad record is printed), 2 on
 * wrong use.
 */
public final class VerifyAccessLog {

    private VerifyAccessLog() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv().getOrDefault("KETENBUS_DB_PASSWORD", ""), System.out));
    }

    static int run(String[] args, String password, PrintStream out) {
        if (args.length < 3) {
            out.println("usage: VerifyAccessLog <jdbc-url> <user> <key-file> [trusted public keys...]");
            return 2;
        }
        if (!Files.isReadable(Path.of(args[2]))) {
            out.println("no readable key file at " + args[2]);
            return 2;
        }
        try {
            DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], password);
            List<String> trusted = Arrays.asList(args).subList(3, args.length);
            ChainVerifier.Verification verdict = new ChainVerifier(new JdbcTemplate(database),
                    new DataSourceTransactionManager(database), new SigningKeys(args[2], trusted),
                    ChainVerifier.Outside.NONE).verify();
            out.printf("records checked: %d, checkpoints checked: %d%n", verdict.recordsChecked(),
                    verdict.checkpointsChecked());
            if (verdict.intact()) {
                out.println("the access log verifies");
                return 0;
            }
            out.printf("the access log does NOT verify: first bad record %d: %s%n", verdict.firstInvalidSeq(),
                    verdict.problem());
            return 1;
        } catch (Exception e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }
}

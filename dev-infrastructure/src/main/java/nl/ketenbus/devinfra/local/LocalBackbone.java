package nl.ketenbus.devinfra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;

/**
 * Runs the whole backbone locally: PostgreSQL (the local service if it answers, else an embedded
 * one under {@code .ketenbus/postgres}), an in-process KRaft broker, a dev-only token issuer, and
 * both services as their own processes from their runnable jars. Ctrl-C stops everything.
 *
 * <p>The in-process broker keeps no data between runs, so the services' schemas are dropped at each
 * start: positions stored in PostgreSQL must never point into a topic that no longer exists.
 */
public final class LocalBackbone {

    static final int COMMAND_PORT = 8081;
    static final int QUERY_PORT = 8082;
    static final int EMBEDDED_POSTGRES_PORT = 15432;
    static final List<String> PARTNERS_WITH_TOKENS = List.of("politie", "leerplicht", "jongerenwerk", "onderwijs",
            "gemeente");

    private LocalBackbone() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path home = directory(root.resolve(".ketenbus"));

        Postgres postgres = Postgres.forLocalRun(home.resolve("postgres"), EMBEDDED_POSTGRES_PORT);
        postgres.dropSchema("command");
        postgres.dropSchema("query");
        Kafka kafka = Kafka.inProcess();
        DevTokens tokens = DevTokens.generate(home.resolve("dev-issuer"));

        List<String> commandProperties = new java.util.ArrayList<>(serviceProperties(postgres, kafka, tokens, "command"));
        commandProperties.addAll(DevSecrets.forLocalRun(home.resolve("dev-secrets")).commandServiceArguments());
        ServiceProcess command = ServiceProcess.start("command-service", runnableJar(root, "command-service"),
                COMMAND_PORT, commandProperties,
                home.resolve("command-service.log"), Duration.ofMinutes(2));
        ServiceProcess query = ServiceProcess.start("query-service", runnableJar(root, "query-service"),
                QUERY_PORT, serviceProperties(postgres, kafka, tokens, "query"), home.resolve("query-service.log"),
                Duration.ofMinutes(2));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            query.stop();
            command.stop();
            stopped.countDown();
        }, "local-backbone-stop"));

        System.out.printf("""

                ketenbus is running (Ctrl-C stops it)
                  PostgreSQL      %s
                  Kafka           %s
                  command-service %s   (POST /v1/events)
                  query-service   %s   (GET /v1/subjects/{subjectRef}/timeline)
                  logs            %s

                DEV-ONLY bearer tokens, signed by a key generated at this start, valid 12 hours
                (partners publish and read as professional; the case director reads as casusregisseur;
                the privacy officer reads the access log; the analyst counts; the covenant administrator
                loads covenants):
                """, postgres.description(), kafka.description(), command.baseUri(), query.baseUri(), home);
        PARTNERS_WITH_TOKENS.forEach(partner -> System.out.printf("export TOKEN_%s=%s%n",
                partner.toUpperCase(Locale.ROOT), tokens.mint(partner, partner + "-user",
                        List.of("publisher", "professional"), Duration.ofHours(12))));
        System.out.printf("export TOKEN_CASUSREGISSEUR=%s%n",
                tokens.mint("gemeente", "casusregisseur-1", List.of("casusregisseur"), Duration.ofHours(12)));
        System.out.printf("export TOKEN_PRIVACY_OFFICER=%s%n",
                tokens.mint("gemeente", "privacy-officer-1", List.of("privacy-officer"), Duration.ofHours(12)));
        System.out.printf("export TOKEN_ANALIST=%s%n",
                tokens.mint("gemeente", "analist-1", List.of("analist"), Duration.ofHours(12)));
        System.out.printf("export TOKEN_COVENANT_ADMINISTRATOR=%s%n",
                tokens.mint("gemeente", "covenant-administrator-1", List.of("covenant-administrator"),
                        Duration.ofHours(12)));
        stopped.await();
    }

    private static List<String> serviceProperties(Postgres postgres, Kafka kafka, DevTokens tokens, String schema) {
        // Only this machine can reach the local run: its tokens come from a dev-only issuer.
        return new ServiceSettings(postgres, schema, kafka, tokens).arguments("server.address=127.0.0.1");
    }

    private static Path runnableJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(module + "-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runnable jar in " + target + ": build first"));
        } catch (IOException e) {
            throw new UncheckedIOException("No " + target + ": build first", e);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

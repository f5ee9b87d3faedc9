package nl.ketenbus.devinfra.local;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.KafkaAcls;
import nl.ketenbus.devinfra.KafkaCredentials;
import nl.ketenbus.devinfra.LocalKafka;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.devinfra.demo.DemoPlan;
import nl.ketenbus.devinfra.demo.DemoPlayer;
import nl.ketenbus.devinfra.idp.DevIdentityProvider;
import nl.ketenbus.devinfra.idp.DevUser;

/**
 * Runs the whole backbone locally: PostgreSQL (the local service if it answers, else an embedded
 * one under {@code .ketenbus/postgres}), an in-process KRaft broker, a dev-only token issuer, and
 * both services as their own processes from their runnable jars. Ctrl-C stops everything.
 *
 * <p>Everything persists between runs: the broker keeps its log under {@code .ketenbus/kafka}, the
 * services their schemas {@code command} and {@code query}. {@code --fresh} starts over. A new
 * broker log always comes with new schemas: positions stored in PostgreSQL must never point into a
 * topic that no longer exists.
 */
public final class LocalBackbone {

    static final int COMMAND_PORT = 8081;
    static final int QUERY_PORT = 8082;
    static final int WEB_PORT = 8083;
    static final int IDENTITY_PROVIDER_PORT = 8090;
    static final int EMBEDDED_POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final String FRESH = "--fresh";
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    private LocalBackbone() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        List<String> arguments = List.of(args);
        Path root = Path.of(arguments.stream().filter(argument -> !argument.startsWith("--")).findFirst().orElse("."))
                .toAbsolutePath().normalize();
        Path home = directory(root.resolve(".ketenbus"));
        Path kafkaHome = home.resolve("kafka");
        Path kafkaCredentials = home.resolve("dev-secrets").resolve("kafka-credentials");
        // A broker log from before the broker authenticated its clients has no administrator to
        // authenticate with: it starts over, as with --fresh.
        if (arguments.contains(FRESH) || !Files.exists(kafkaCredentials)) {
            deleteRecursively(kafkaHome);
        }
        boolean newBroker = !Files.exists(kafkaHome.resolve("logs").resolve("meta.properties"));

        Postgres postgres = Postgres.forLocalRun(home.resolve("postgres"), EMBEDDED_POSTGRES_PORT);
        if (newBroker) {
            postgres.dropSchema("command");
            postgres.dropSchema("query");
        }
        Kafka kafka = LocalKafka.startSecure(kafkaHome, KAFKA_PORT, KafkaCredentials.keptIn(kafkaCredentials)).kafka();
        KafkaAcls.grant(kafka, KafkaAcls.Names.of(ServiceSettings.erasureRegisterOf("command"), "ketenbus.intake"));
        DevTokens tokens = DevTokens.forLocalRun(home.resolve("dev-issuer"));
        Path secrets = home.resolve("dev-secrets");
        DevSecrets devSecrets = DevSecrets.forLocalRun(secrets);

        List<String> commandProperties = new ArrayList<>(serviceProperties(postgres, kafka, tokens, "command",
                DevSecrets.auditKeysIn(secrets)));
        commandProperties.addAll(devSecrets.commandServiceArguments());
        ServiceProcess command = ServiceProcess.start("command-service", runnableJar(root, "command-service"),
                COMMAND_PORT, commandProperties,
                home.resolve("command-service.log"), Duration.ofMinutes(2));
        List<String> queryProperties = new ArrayList<>(serviceProperties(postgres, kafka, tokens, "query",
                DevSecrets.auditKeysIn(secrets)));
        queryProperties.addAll(devSecrets.queryServiceArguments(command.baseUri()));
        ServiceProcess query = ServiceProcess.start("query-service", runnableJar(root, "query-service"),
                QUERY_PORT, queryProperties, home.resolve("query-service.log"), Duration.ofMinutes(2));
        DevIdentityProvider identityProvider = DevIdentityProvider.start(IDENTITY_PROVIDER_PORT, tokens,
                TOKEN_VALIDITY, "http://localhost:" + WEB_PORT + "/");
        ServiceProcess web = ServiceProcess.start("web", runnableJar(root, "web"), WEB_PORT,
                ServiceSettings.web(identityProvider.issuer(), command.baseUri(), query.baseUri()), home.resolve("web.log"),
                Duration.ofMinutes(2));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.stop();
            identityProvider.close();
            query.stop();
            command.stop();
            stopped.countDown();
        }, "local-backbone-stop"));

        System.out.printf("""

                ketenbus is running (Ctrl-C stops it; data: %s; start over with --fresh)
                  PostgreSQL      %s
                  Kafka           %s
                  command-service %s   (POST /v1/events, /v1/subjects/{subjectRef}/cases/...)
                  query-service   %s   (timeline, case view, agenda, work list, audit)
                  pages           %s   (Dutch; DEV-ONLY sign-in at %s: one click per dev user, below)
                  API pages       %s/swagger-ui.html and %s/swagger-ui.html
                  metrics         %s/actuator/prometheus and %s/actuator/prometheus
                  logs            %s
                  Kafka logins    %s (DEV ONLY: SCRAM-SHA-512, one per partner and service)

                DEV-ONLY bearer tokens for every party of the covenant, valid 12 hours (partners publish and
                read as professional; the case director reads as casusregisseur; the privacy officer reads
                the access log; the analyst counts; the covenant administrator loads covenants). Also in
                %s (source it); any other party, role or user: deploy/local/token.sh
                """, newBroker ? "new" : "kept from the last run", postgres.description(), kafka.description(),
                command.baseUri(), query.baseUri(), web.baseUri(), identityProvider.issuer(), command.baseUri(),
                query.baseUri(), command.baseUri(),
                query.baseUri(), home, kafkaCredentials, LocalTokens.write(tokens, home, TOKEN_VALIDITY));
        System.out.print(Files.readString(LocalTokens.file(home)));
        System.out.printf("%nDEV-ONLY users of the pages (%s):%n", web.baseUri());
        DevUser.all().forEach(user -> System.out.printf("  %-26s %-10s %s%n", user.username(), user.organisation(),
                String.join(",", user.roles())));
        playDemo(arguments, newBroker, command, kafka, tokens);
        stopped.await();
    }

    /**
     * On a new backbone the demo scenario fills it (unless {@code --no-demo}); {@code --load=RATE@SECONDS}
     * then publishes signals at that rate, e.g. to watch intake and lag move on the metrics endpoints.
     */
    private static void playDemo(List<String> arguments, boolean newBroker, ServiceProcess command, Kafka kafka,
                                 DevTokens tokens) throws InterruptedException {
        Optional<String> load = option(arguments, "--load=");
        if ((!newBroker || arguments.contains("--no-demo")) && load.isEmpty()) {
            return;
        }
        long seed = Long.parseLong(option(arguments, "--seed=").orElse("2024"));
        DemoPlan plan = DemoPlan.of(seed, Integer.parseInt(option(arguments, "--youths=").orElse("168")),
                Integer.parseInt(option(arguments, "--years=").orElse("5")),
                LocalDate.now(ZoneId.of("Europe/Amsterdam")));
        try (DemoPlayer player = new DemoPlayer(command.baseUri(), kafka, "ketenbus.intake",
                tokens)) {
            System.out.printf("%ndemo: %d youths to identify, with %d partner facts over the last years (seed %d); "
                    + "then casework%n", plan.youths().size(), plan.facts(), seed);
            DemoPlayer.Summary summary = player.play(plan);
            System.out.printf("demo: done: %d events accepted (%d identifications, %d partner facts, %d partner "
                    + "facts during casework: ZVH answers, area bans, OM decisions; %d over Kafka), %d refused, "
                    + "%d facts past their retention period left out, %d casework commands, %d PGA cases opened%n",
                    summary.accepted(), summary.identified(), summary.factsAccepted(), summary.answersAccepted(),
                    summary.overKafka(), summary.refused(), summary.leftOut(), summary.caseCommands(),
                    summary.casesOpened());
            summary.withCase().stream().findFirst().ifPresent(youth -> System.out.printf(
                    "demo: a youth with a case: SUBJECT=%s (work list: GET /v1/work-list as casusregisseur-1 or -2)%n",
                    youth));
            if (load.isPresent()) {
                String[] rateAndSeconds = load.get().split("@");
                long sent = player.load(Integer.parseInt(rateAndSeconds[0]),
                        Duration.ofSeconds(Long.parseLong(rateAndSeconds[1])), seed);
                System.out.printf("load: done: %d signals%n", sent);
            }
        }
    }

    private static Optional<String> option(List<String> arguments, String prefix) {
        return arguments.stream().filter(argument -> argument.startsWith(prefix))
                .map(argument -> argument.substring(prefix.length())).findFirst();
    }

    private static List<String> serviceProperties(Postgres postgres, Kafka kafka, DevTokens tokens, String schema,
                                                  Path auditKeys) {
        // Only this machine can reach the local run: its tokens come from a dev-only issuer.
        return new ServiceSettings(postgres, schema, kafka, tokens, auditKeys).arguments("server.address=127.0.0.1");
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

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
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

package nl.ketenbus.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.PartnerEnvelope;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.devinfra.TestBsns;

/**
 * The backbone as deployed: each service its own process from its runnable jar, on real
 * PostgreSQL and a real broker, with a fresh topic and fresh schemas per instance.
 */
final class Backbone {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String UNDEFINED_TABLE = "42P01";
    /** The day the scenarios' partner times are written as of ({@link #recent(String)}). */
    static final LocalDate WRITTEN_AS_OF = LocalDate.of(2026, 3, 31);

    private final String topic = Kafka.forTests().freshTopic("ketenbus.events.system");
    private final ServiceSettings commandSettings;
    private final ServiceSettings querySettings;
    private final Path logs;
    private URI commandService;

    Backbone() throws IOException {
        this(ServiceSettings.forTests("command"), ServiceSettings.forTests("query"));
    }

    /** On a database of its own, which the test may take away from the services. */
    Backbone(Postgres database) throws IOException {
        this(ServiceSettings.forTests("command").on(database), ServiceSettings.forTests("query").on(database));
    }

    /** On a broker of its own, which the test may stop and start again. */
    Backbone(Kafka broker) throws IOException {
        this(ServiceSettings.forTests("command").on(broker), ServiceSettings.forTests("query").on(broker));
    }

    private Backbone(ServiceSettings commandSettings, ServiceSettings querySettings) throws IOException {
        this.commandSettings = commandSettings;
        this.querySettings = querySettings;
        this.logs = Files.createDirectories(Path.of("target", "service-logs"));
    }

    ServiceProcess startCommandService() {
        List<String> arguments = new ArrayList<>(commandSettings.arguments(
                "ketenbus.publication.topic=" + topic, "ketenbus.publication.partitions=3",
                "ketenbus.intake.kafka.topic-prefix=" + topic + ".intake"));
        arguments.addAll(DevSecrets.forTests().commandServiceArguments());
        ServiceProcess started = ServiceProcess.start("command-service", jar("command-service"),
                ServiceProcess.freePort(), arguments, logs.resolve("command-service-" + topic + ".log"), START_TIMEOUT);
        commandService = started.baseUri();
        return started;
    }

    ServiceProcess startQueryService(String... extra) {
        return ServiceProcess.start("query-service", jar("query-service"), ServiceProcess.freePort(),
                queryArguments(querySettings, extra), logs.resolve("query-service-" + topic + ".log"), START_TIMEOUT);
    }

    /** The query service with its access-log keys kept at {@code auditKeys}; waits until it is ready. */
    ServiceProcess startQueryService(Path auditKeys) {
        return ServiceProcess.start("query-service", jar("query-service"), ServiceProcess.freePort(),
                queryArguments(querySettings.withAuditKeys(auditKeys)), logs.resolve("query-service-" + topic + ".log"),
                START_TIMEOUT);
    }

    /** As above, but waits only until it is alive: for a node that must not become ready. */
    ServiceProcess startQueryServiceAlive(Path auditKeys) {
        return ServiceProcess.startAlive("query-service", jar("query-service"), ServiceProcess.freePort(),
                ServiceProcess.QUICK_START, queryArguments(querySettings.withAuditKeys(auditKeys)), logs.resolve("query-service-" + topic + ".log"),
                START_TIMEOUT);
    }

    /** The query service opens identity fields through the command node started last, if any. */
    private List<String> queryArguments(ServiceSettings settings, String... extra) {
        List<String> arguments = new ArrayList<>(settings.arguments(extra));
        arguments.add("ketenbus.projection.topic=" + topic);
        // No scheduled retention pass unless a test asks for one: it would remove the scenarios' facts that have
        // aged past their periods.
        if (Arrays.stream(extra).noneMatch(setting -> setting.startsWith("ketenbus.retention.first-pass-after="))) {
            arguments.add("ketenbus.retention.first-pass-after=PT24H");
        }
        if (commandService != null) {
            arguments.addAll(DevSecrets.forTests().queryServiceArguments(commandService));
        }
        return arguments;
    }

    ServiceSettings querySettings() {
        return querySettings;
    }

    ServiceSettings commandSettings() {
        return commandSettings;
    }

    /** The backbone topic of this instance; the partner topics start with {@code topic() + ".intake"}. */
    String topic() {
        return topic;
    }

    /** The erasure register of this instance's command side. */
    String erasureRegister() {
        return commandSettings.properties().get("ketenbus.erasure-register.topic");
    }

    /** The topic this instance's query side exports the access log's checkpoints to. */
    String checkpointTopic() {
        return querySettings.properties().get("ketenbus.audit.checkpoint-topic");
    }

    Path logs() {
        return logs;
    }

    /** Publishes as the partner named in the event's source, with that partner's (dev) token. */
    static HttpResponse<String> publish(ServiceProcess command, String cloudEvent) throws IOException, InterruptedException {
        String source = JSON.readTree(cloudEvent).get("source").asText();
        String token = DevTokens.forTests().publisher(source.substring(source.lastIndexOf(':') + 1));
        return HTTP.send(HttpRequest.newBuilder(command.baseUri().resolve("/v1/events"))
                        .header("Content-Type", "application/cloudevents+json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(cloudEvent)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Publishes like {@link #publish} and fails unless the intake accepted the event (202). */
    static void accepted(ServiceProcess command, String cloudEvent) throws IOException, InterruptedException {
        HttpResponse<String> answer = publish(command, cloudEvent);
        if (answer.statusCode() != 202) {
            throw new AssertionError("expected the intake to accept (202), got " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    /** The youth's timeline as OOV sees it for the signal meeting (rules SIG-04 and SIG-05). */
    static JsonNode timeline(ServiceProcess query, String subjectRef, int size) throws IOException, InterruptedException {
        String token = DevTokens.forTests().mint("gemeente", "oov-1", List.of("professional"), Duration.ofMinutes(10));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(query.baseUri()
                        .resolve("/v1/subjects/" + subjectRef + "/timeline?purpose=signaaloverleg&size=" + size))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The rows of a query-side table; 0 while the service has not created it yet. */
    long queryRows(String table) throws SQLException {
        try (Connection connection = querySettings.postgres().connect(querySettings.schema());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from " + table)) {
            count.next();
            return count.getLong(1);
        } catch (SQLException notYetMigrated) {
            if (UNDEFINED_TABLE.equals(notYetMigrated.getSQLState())) {
                return 0;
            }
            throw notYetMigrated;
        }
    }

    /** The first column of a query on the query side's schema, as text, one element per row. */
    List<String> queryColumn(String sql, Object... parameters) throws SQLException {
        return column(querySettings, sql, parameters);
    }

    /** The same on the command side's schema (event store, keys, erasure proofs). */
    List<String> commandColumn(String sql, Object... parameters) throws SQLException {
        return column(commandSettings, sql, parameters);
    }

    private static List<String> column(ServiceSettings settings, String sql, Object... parameters)
            throws SQLException {
        try (Connection connection = settings.postgres().connect(settings.schema());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> column = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    column.add(rows.getString(1));
                }
            }
            return column;
        }
    }

    static double metric(ServiceProcess service, String name, String tag) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                service.baseUri().resolve("/actuator/metrics/" + name + "?tag=" + tag))
                        .header("Authorization", "Bearer " + DevTokens.forTests().operator()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        return JSON.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
    }

    /**
     * The backbone's calendar day: the covenant's zone (Amsterdam), which the services date cases, meetings and
     * measures in. The machine's day (UTC here) is a day behind in the hours after midnight Dutch time.
     */
    static LocalDate today() {
        return LocalDate.now(Covenant.ZONE);
    }

    static String randomBsn() {
        return TestBsns.random();
    }

    /** Identifies a new youth (a random BSN passing the 11-check) as politie; returns the derived subjectRef. */
    static String identifyNewYouth(ServiceProcess command) throws IOException, InterruptedException {
        return identify(command, randomBsn());
    }

    /** Identifies the youth with this BSN as politie; returns the derived subjectRef. */
    static String identify(ServiceProcess command, String bsn) throws IOException, InterruptedException {
        String form = """
                {"specversion":"1.0","id":"%s","source":"urn:ketenbus:org:politie",
                 "type":"nl.ketenbus.subject.identification.v1","time":"2026-01-05T09:00:00+01:00",
                 "datacontenttype":"application/json",
                 "data":{"bsn":"%s","familyName":"Testpersoon","dateOfBirth":"2010-05-01"}}"""
                .formatted(UUID.randomUUID(), bsn);
        HttpResponse<String> answer = publish(command, form);
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("Identification answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("subject").asText();
    }


    /** A signal made at {@code writtenAs}, moved by {@link #recent(String)} (observed on that day). */
    static String signalRaised(String subjectRef, String organisation, String writtenAs, String category,
                               String indicator) {
        String time = recent(writtenAs);
        String data = """
                {"subjectRef":"%s","signalId":"%s","category":"%s","indicator":"%s","observedOn":"%s"}"""
                .formatted(subjectRef, UUID.randomUUID(), category, indicator, time.substring(0, 10));
        return envelope("nl.ketenbus.signal.raised.v1", organisation, subjectRef, time, data);
    }

    /**
     * A partner's time written as of {@link #WRITTEN_AS_OF}, moved so that that day is yesterday, keeping the
     * scenario's days apart: a signal made longer ago than its retention period (a year) is refused
     * (ADR 0016), so the scenarios' signals, written in the first months of 2026, would stop being accepted
     * a year after them.
     */
    static String recent(String writtenAs) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(writtenAs).plusDays(shift()));
    }

    /** A day written as of {@link #WRITTEN_AS_OF}, moved as {@link #recent(String)} moves a time. */
    static LocalDate recent(LocalDate writtenAs) {
        return writtenAs.plusDays(shift());
    }

    private static long shift() {
        return ChronoUnit.DAYS.between(WRITTEN_AS_OF, today().minusDays(1));
    }

    /** A call to either service's API with the given (dev) token, or none; the answer's body as JSON. */
    static Answer call(ServiceProcess service, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        return call(service, method, path, body, token, "application/json");
    }

    /** The same with another content type (e.g. a covenant document as {@code application/yaml}). */
    static Answer call(ServiceProcess service, String method, String path, String body, String token,
                       String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.baseUri().resolve(path))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** A status and a JSON body. */
    record Answer(int status, JsonNode body) {
    }

    /** A (dev) token of a user of the organisation holding one role. */
    static String user(String organisation, String user, String role) {
        return DevTokens.forTests().mint(organisation, user, List.of(role), Duration.ofMinutes(30));
    }

    static String envelope(String type, String organisation, String subjectRef, String time, String data) {
        try {
            return PartnerEnvelope.of(type, PartnerEnvelope.source(organisation), subjectRef, time)
                    .set("data", JSON.readTree(data)).toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("data is not JSON", e);
        }
    }

    /**
     * The pages on {@code port}, signing people in with {@code identityProvider}, calling these
     * services.
     */
    static ServiceProcess startWeb(int port, String identityProvider, ServiceProcess command, ServiceProcess query) {
        return ServiceProcess.start("web", jar("web"), port, ServiceSettings.web(identityProvider, command.baseUri(),
                query.baseUri()), Path.of("target", "service-logs", "web-" + port + ".log"), START_TIMEOUT);
    }

    private static Path jar(String service) {
        String path = System.getProperty("ketenbus." + service + ".jar");
        if (path == null) {
            throw new IllegalStateException("System property ketenbus." + service + ".jar is not set (run through Maven)");
        }
        return Path.of(path);
    }
}

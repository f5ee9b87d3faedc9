package nl.ketenbus.command.onboarding;

import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.newSubjectRef;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.events.signal.SignalRaised;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner's history in bulk: declared, sent in chunks (again, and early: decided in their order),
 * resumed, sealed.
 */
class OnboardingIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String POLITIE = "urn:ketenbus:org:politie";

    @Autowired
    MeterRegistry meters;

    @Test
    void importsAHistoryChunkByChunkDecidedAsLiveIntakeAndSealsIt() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(identification(POLITIE, randomBsn()).toString());
        }
        for (int i = 0; i < 6; i++) {
            lines.add(signalRaised(known, POLITIE, "BEZIT", "MULTIPLE_PHONES").toString());
        }
        // Broken inside what could be a BSN: the refusal must not repeat it.
        lines.add("{\"bsn\": bsn123456782}");
        lines.add(signalRaised(newSubjectRef(), POLITIE, "BEZIT", "MULTIPLE_PHONES").toString());
        lines.add(signalRaised(known, "urn:ketenbus:org:halt", "BEZIT", "MULTIPLE_PHONES").toString());
        lines.add(lines.get(4));
        Cut cut = Cut.of(lines, 4);
        String importId = "history-" + UUID.randomUUID();
        long before = allStoredEvents();
        double importedBefore = importedEvents();

        assertThat(declare(importId, cut.declaration()).statusCode()).isEqualTo(201);
        assertThat(declare(importId, cut.declaration()).statusCode()).isEqualTo(200);
        HttpResponse<String> otherFigures = declare(importId, JSON.createObjectNode().put("events", 14)
                .put("chunkEvents", 7).put("manifest", cut.manifest()).toString());
        assertThat(otherFigures.statusCode()).isEqualTo(409);
        assertThat(type(otherFigures)).isEqualTo("urn:ketenbus:problem:import-differs");

        JsonNode first = ok(sendChunk(importId, 0, cut.chunk(0)));
        long afterFirst = allStoredEvents();
        HttpResponse<String> early = sendChunk(importId, 3, cut.chunk(3));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(503);
        assertThat(type(early)).isEqualTo("urn:ketenbus:problem:earlier-chunks-pending");
        assertThat(early.headers().firstValue("Retry-After")).isPresent();
        assertThat(allStoredEvents()).as("nothing of a chunk sent before its turn").isEqualTo(afterFirst);
        JsonNode second = ok(sendChunk(importId, 1, cut.chunk(1)));

        // Cut off here: the progress says what a resumed import sends.
        JsonNode progress = ok(get(importId));
        assertThat(progress.get("chunksDone").asInt()).isEqualTo(2);
        assertThat(progress.get("missingChunks")).extracting(JsonNode::asInt).containsExactly(2, 3);
        assertThat(progress.get("eventsDone").asLong()).isEqualTo(8);
        HttpResponse<String> unfinished = seal(importId);
        assertThat(unfinished.statusCode()).isEqualTo(409);
        assertThat(type(unfinished)).isEqualTo("urn:ketenbus:problem:import-incomplete");

        JsonNode third = ok(sendChunk(importId, 2, cut.chunk(2)));
        JsonNode fourth = ok(sendChunk(importId, 3, cut.chunk(3)));
        JsonNode again = ok(sendChunk(importId, 1, cut.chunk(1)));
        JsonNode sealed = ok(seal(importId));

        assertThat(first.get("accepted").asInt()).isEqualTo(4);
        assertThat(first.get("results")).extracting(line -> line.get("line").asLong()).containsExactly(1L, 2L, 3L, 4L);
        for (JsonNode identified : first.get("results")) {
            assertThat(storedEventsOf(identified.get("subject").asText())).as("registered by the import").isEqualTo(1);
        }
        assertThat(second.get("accepted").asInt()).isEqualTo(4);
        // Line 5 came again as line 14: there it is the duplicate; line 13 names another partner as source.
        assertThat(fourth.get("results")).extracting(line -> line.get("outcome").asText())
                .containsExactly("refused", "duplicate");
        assertThat(third.get("results")).extracting(line -> line.get("outcome").asText())
                .containsExactly("accepted", "accepted", "refused", "refused");
        assertThat(third.get("results")).extracting(line -> line.path("problem").path("type").asText())
                .containsExactly("", "", "urn:ketenbus:problem:malformed-json",
                        "urn:ketenbus:problem:subject-not-registered");
        assertThat(third.get("results").get(2).get("line").asLong()).isEqualTo(11);
        // Jackson's own message would quote the token it could not read: bsn123456782.
        assertThat(third.get("results").get(2).toString()).doesNotContain("123456782");
        assertThat(again.get("repeated").asBoolean()).isTrue();
        assertThat(again.get("duplicates").asInt()).isEqualTo(4);
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(sealed.get("sealedAt").isNull()).isFalse();
        assertThat(sealed.get("accepted").asLong()).isEqualTo(10);
        assertThat(sealed.get("duplicates").asLong()).isEqualTo(1);
        assertThat(sealed.get("refused").asLong()).isEqualTo(3);
        // Four registrations and six signals; the assessments the signals completed come on top.
        assertThat(allStoredEvents() - before).isGreaterThanOrEqualTo(10);
        assertThat(storedEventsOf(known)).isGreaterThanOrEqualTo(1 + 6);
        assertThat(jdbc.queryForObject("select count(*) from intake_receipt where channel = 'import' and event_ref = ?",
                Long.class, receiptReferenceOf(JSON.readTree(lines.get(0))))).isEqualTo(1);
        assertThat(importedEvents() - importedBefore).isEqualTo(14 + 4);

        HttpResponse<String> late = sendChunk(importId, 1, cut.chunk(1));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(type(late)).isEqualTo("urn:ketenbus:problem:import-sealed");
        assertThat(ok(seal(importId)).get("sealedAt").asText()).isEqualTo(sealed.get("sealedAt").asText());
    }

    @Test
    void decidesAYouthsLinesInFileOrderWhenALaterChunkArrivesFirst() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        ObjectNode raised = signalRaised(known, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        ObjectNode withdrawn = PartnerEvents.envelope("nl.ketenbus.signal.withdrawn.v1", POLITIE, known);
        withdrawn.putObject("data").put("subjectRef", known).put("signalId", raised.at("/data/signalId").asText())
                .put("reason", "MISTAKEN");
        Cut cut = Cut.of(List.of(raised.toString(), withdrawn.toString()), 1);
        String importId = "history-" + UUID.randomUUID();
        declare(importId, cut.declaration());

        CompletableFuture<HttpResponse<String>> later = send(importId, 1, cut.chunk(1));
        // Chunk 1 has reached the service and waits there: without the wait it would have been decided
        // (and its withdrawal refused) before chunk 0 is sent.
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("ketenbus.onboarding.chunks.waiting").gauge()
                .value() == 1.0);
        JsonNode earlier = ok(sendChunk(importId, 0, cut.chunk(0)));

        assertThat(earlier.get("accepted").asInt()).isEqualTo(1);
        JsonNode withdrawal = ok(later.get(30, TimeUnit.SECONDS));
        assertThat(withdrawal.get("results").get(0).get("outcome").asText()).as(withdrawal.toString())
                .isEqualTo("accepted");
    }

    @Test
    void aLineOfAHistoryWithoutItsTimeIsRefusedSinceItsRetentionCountsFromIt() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        ObjectNode timeless = signalRaised(known, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        timeless.remove("time");
        // A form's period counts from its recording: it needs no time.
        ObjectNode timelessForm = identification(POLITIE, randomBsn());
        timelessForm.remove("time");
        Cut cut = Cut.of(List.of(timeless.toString(), signalRaised(known, POLITIE, "BEZIT", "MULTIPLE_PHONES")
                .toString(), timelessForm.toString()), 3);
        String importId = "history-" + UUID.randomUUID();
        declare(importId, cut.declaration());

        JsonNode answer = ok(sendChunk(importId, 0, cut.chunk(0)));

        assertThat(answer.get("results")).extracting(line -> line.get("outcome").asText())
                .containsExactly("refused", "accepted", "accepted");
        JsonNode problem = answer.get("results").get(0).get("problem");
        assertThat(problem.get("type").asText()).isEqualTo("urn:ketenbus:problem:missing-attribute");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/time");
    }

    @Test
    void aChunkFarAheadOfTheFirstUndecidedIsAnsweredWithoutBeingHeldWaiting() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(signalRaised(known, POLITIE, "BEZIT", "MULTIPLE_PHONES").toString());
        }
        Cut cut = Cut.of(lines, 1);
        String importId = "history-" + UUID.randomUUID();
        declare(importId, cut.declaration());
        ok(sendChunk(importId, 0, cut.chunk(0)));
        long stored = storedEventsOf(known);

        HttpResponse<String> farAhead = sendChunk(importId, 5, cut.chunk(5));

        assertThat(farAhead.statusCode()).as(farAhead.body()).isEqualTo(503);
        assertThat(type(farAhead)).isEqualTo("urn:ketenbus:problem:earlier-chunks-pending");
        assertThat(JSON.readTree(farAhead.body()).get("detail").asText())
                .contains("chunk 5 is more than 3 chunks ahead of chunk 1").contains("not held waiting");
        assertThat(storedEventsOf(known)).as("nothing of it decided").isEqualTo(stored);
    }

    @Test
    void refusesChunksOtherThanDeclaredAndASealOfOtherChunks() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        List<String> lines = fourSignalsAbout(known);
        Cut cut = Cut.of(lines, 2);
        String importId = "history-" + UUID.randomUUID();
        declare(importId, cut.declaration());
        long before = allStoredEvents();

        HttpResponse<String> tooShort = sendChunk(importId, 0, (lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> empty = sendChunk(importId, 0, new byte[0]);
        HttpResponse<String> outOfRange = sendChunk(importId, 2, cut.chunk(1));
        HttpResponse<String> otherPartner = HTTP.send(request(importId, tokenFor("urn:ketenbus:org:halt")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> invalidId = declare("bad!id", cut.declaration());

        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(type(tooShort)).isEqualTo("urn:ketenbus:problem:chunk-size-differs");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(422);
        assertThat(type(empty)).isEqualTo("urn:ketenbus:problem:chunk-size-differs");
        assertThat(type(outOfRange)).isEqualTo("urn:ketenbus:problem:chunk-out-of-range");
        assertThat(otherPartner.statusCode()).isEqualTo(404);
        assertThat(invalidId.statusCode()).isEqualTo(400);
        assertThat(type(invalidId)).isEqualTo("urn:ketenbus:problem:invalid-import-id");
        assertThat(allStoredEvents()).as("nothing of a refused chunk is stored").isEqualTo(before);

        ok(sendChunk(importId, 0, cut.chunk(0)));
        HttpResponse<String> changed = sendChunk(importId, 0, Cut.of(List.of(lines.get(1), lines.get(0)), 2).chunk(0));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(type(changed)).isEqualTo("urn:ketenbus:problem:chunk-differs");

        // The last chunk cut otherwise than declared: decided (its events are valid), but no seal.
        ok(sendChunk(importId, 1, Cut.of(List.of(lines.get(3), lines.get(2)), 2).chunk(0)));
        HttpResponse<String> seal = seal(importId);
        assertThat(seal.statusCode()).isEqualTo(422);
        assertThat(type(seal)).isEqualTo("urn:ketenbus:problem:manifest-differs");
        assertThat(ok(get(importId)).get("sealedAt").isNull()).isTrue();
    }

    @Test
    void aChunkDecidedMeanwhileWithOtherContentIsNotAnsweredAsItsRepeat() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        List<String> lines = fourSignalsAbout(known);
        Cut cut = Cut.of(lines, 2);
        String importId = "history-" + UUID.randomUUID();
        declare(importId, cut.declaration());
        byte[] otherwise = Cut.of(List.of(lines.get(3), lines.get(2)), 2).chunk(0);
        double waitingBefore = meters.get("ketenbus.onboarding.chunks.waiting").gauge().value();

        // Both wait for chunk 0, so they are decided side by side once it is.
        CompletableFuture<HttpResponse<String>> first = send(importId, 1, cut.chunk(1));
        CompletableFuture<HttpResponse<String>> second = send(importId, 1, otherwise);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("ketenbus.onboarding.chunks.waiting").gauge()
                .value() == waitingBefore + 2);
        ok(sendChunk(importId, 0, cut.chunk(0)));

        List<HttpResponse<String>> answers = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> refused = answers.stream().filter(answer -> answer.statusCode() == 409).findFirst()
                .orElseThrow();
        assertThat(type(refused)).isEqualTo("urn:ketenbus:problem:chunk-differs");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = ?", Long.class, known, SignalRaised.class.getName()))
                .as("each signal stored once").isEqualTo(4);
    }

    private static List<String> fourSignalsAbout(String youth) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES").toString());
        }
        return lines;
    }

    private CompletableFuture<HttpResponse<String>> send(String importId, int chunk, byte[] body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sendChunk(importId, chunk, body);
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        });
    }

    private double importedEvents() {
        return meters.find("ketenbus.intake.events").tag("channel", "import").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private HttpResponse<String> declare(String importId, String declaration) throws Exception {
        return HTTP.send(request(importId, tokenFor(POLITIE)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(declaration)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendChunk(String importId, int chunk, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(importId + "/chunks/" + chunk))
                .header("Authorization", "Bearer " + tokenFor(POLITIE)).header("Content-Type", "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String importId) throws Exception {
        return HTTP.send(request(importId, tokenFor(POLITIE)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> seal(String importId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(importId + "/seal")).header("Authorization", "Bearer "
                + tokenFor(POLITIE)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String importId, String token) {
        return HttpRequest.newBuilder(uri(importId)).header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + "/v1/imports/" + path);
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String type(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("type").asText();
    }

    /** The lines cut into chunks as the import tool cuts them, with their digests and manifest. */
    record Cut(List<byte[]> chunks, long events, int chunkEvents) {

        static Cut of(List<String> lines, int chunkEvents) {
            List<byte[]> chunks = new ArrayList<>();
            for (int start = 0; start < lines.size(); start += chunkEvents) {
                StringBuilder chunk = new StringBuilder();
                lines.subList(start, Math.min(lines.size(), start + chunkEvents))
                        .forEach(line -> chunk.append(line).append('\n'));
                chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
            }
            return new Cut(chunks, lines.size(), chunkEvents);
        }

        byte[] chunk(int chunk) {
            return chunks.get(chunk);
        }

        String manifest() {
            return Digests.manifest(chunks.stream().map(Digests::sha256).toList());
        }

        String declaration() {
            return JSON.createObjectNode().put("events", events).put("chunkEvents", chunkEvents)
                    .put("manifest", manifest()).toString();
        }
    }
}

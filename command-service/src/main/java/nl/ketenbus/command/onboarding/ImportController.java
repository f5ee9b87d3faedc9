package nl.ketenbus.command.onboarding;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/imports/{importId}}: a partner system's history in bulk (docs/onboarding.md). Declare
 * it, send its chunks as newline-delimited CloudEvents, read its progress (what a resumed import
 * sends), seal it. Only the organisation that declared an import sees or feeds it.
 */
@RestController
class ImportController {

    static final String NDJSON = "application/x-ndjson";

    private final Onboarding onboarding;
    private final OnboardingProperties properties;

    ImportController(Onboarding onboarding, OnboardingProperties properties) {
        this.onboarding = onboarding;
        this.properties = properties;
    }

    @Operation(summary = "Declare an import: its events, events per chunk and manifest",
            description = "201 when new, 200 when declared before with the same figures, 409 when with others")
    @PutMapping(path = "/v1/imports/{importId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportProgress> declare(@PathVariable String importId, @RequestBody ImportDeclaration declaration,
                                           @AuthenticationPrincipal Jwt token) {
        Onboarding.Declared declared = onboarding.declare(Caller.of(token), importId, declaration);
        return ResponseEntity.status(declared.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(declared.progress());
    }

    @Operation(summary = "An import's progress: chunks decided, chunks missing, outcomes")
    @GetMapping("/v1/imports/{importId}")
    ImportProgress progress(@PathVariable String importId, @AuthenticationPrincipal Jwt token) {
        return onboarding.progress(Caller.of(token), importId);
    }

    @Operation(summary = "Send one chunk of an import: its lines, one CloudEvent each",
            description = "200 with each line's outcome once all are durable; a chunk sent again is decided "
                    + "again (what was stored answers duplicate), the import keeping its first counts; chunks are "
                    + "decided in their order, so one sent before an earlier chunk is decided waits for it; 503 "
                    + "with Retry-After when some lines could not be decided now, or an earlier chunk was not "
                    + "decided within the wait")
    @PutMapping(path = "/v1/imports/{importId}/chunks/{chunk}", consumes = NDJSON)
    ChunkAnswer chunk(@PathVariable String importId, @PathVariable int chunk,
                      @RequestBody(required = false) byte[] sent, @AuthenticationPrincipal Jwt token)
            throws InterruptedException {
        // An empty body is a chunk of no lines, refused for its size like any other that differs.
        byte[] body = sent == null ? new byte[0] : sent;
        if (body.length > properties.maxChunkSize().toBytes()) {
            throw new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "chunk-too-large",
                    "a chunk may be at most " + properties.maxChunkSize().toBytes() + " bytes");
        }
        return onboarding.decide(Caller.of(token), importId, chunk, body);
    }

    @Operation(summary = "Seal an import once every chunk is decided and the chunks make up its manifest")
    @PostMapping("/v1/imports/{importId}/seal")
    ImportProgress seal(@PathVariable String importId, @AuthenticationPrincipal Jwt token) {
        return onboarding.seal(Caller.of(token), importId);
    }
}

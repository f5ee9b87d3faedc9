package nl.ketenbus.security;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The API description both services serve at {@code /v3/api-docs} (and try-it-out pages at
 * {@code /swagger-ui.html}): the bearer scheme every call needs, so that Swagger UI offers to paste a
 * token; the RFC 9457 problem as a schema; and on every operation the {@code 401} the security
 * chain answers. Each operation names its own other answers where it is declared.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionConfiguration {

    /** The name of the security scheme in the description. */
    static final String BEARER = "bearer";
    /** The name of the problem schema; operations refer to it as {@code #/components/schemas/Problem}. */
    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI apiDescription(@Value("${ketenbus.api.title}") String title,
                           @Value("${ketenbus.api.description}") String description,
                           @Value("${ketenbus.api.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info().title(title).description(description).version(version))
                // Relative: the description is served by the service it describes, wherever that runs.
                .servers(List.of(new Server().url("/").description("the service serving this description")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A token of the organisations' identity provider with the claims "
                                        + "organisation and roles (docs/security.md)"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Every operation can answer 401 (the security chain refuses a missing or invalid token), and
     * the problems its {@link ProblemAnswers} name.
     */
    @Bean
    OperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            addIfAbsent(operation, 401, "No valid bearer token (urn:ketenbus:problem:unauthenticated)");
            ProblemAnswers answers = handler.getMethodAnnotation(ProblemAnswers.class);
            if (answers != null) {
                for (int status : answers.value()) {
                    addIfAbsent(operation, status, HttpStatus.valueOf(status).getReasonPhrase()
                            + ": an RFC 9457 problem whose type says why (docs/api.md)");
                }
            }
            return operation;
        };
    }

    /** Adds a problem answer unless the operation describes that status itself. */
    public static void addIfAbsent(Operation operation, int status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().computeIfAbsent(String.valueOf(status), code -> new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> finding = new ObjectSchema()
                .addProperty("pointer", new StringSchema().description("JSON pointer (RFC 6901) into the request"))
                .addProperty("detail", new StringSchema().description("what is wrong there"));
        return new ObjectSchema()
                .description("An RFC 9457 problem; type is urn:ketenbus:problem:<slug> (docs/api.md lists them)")
                .properties(Map.of(
                        "type", new StringSchema().format("uri").example("urn:ketenbus:problem:invalid-data"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema().description("what was wrong; never repeats personal data"),
                        "instance", new StringSchema().format("uri"),
                        "errors", new ArraySchema().items(finding),
                        "duplicate", new BooleanSchema()
                                .description("true when this repeats the first refusal of the same event")))
                .required(List.of("type", "title", "status"));
    }
}
